"""Key rotation: with the new key in SECRET_KEY and the old one in SECRET_KEY_FALLBACKS, what
the old key signed (sessions, password-reset links) still verifies; without it, it does not."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = """
import django
django.setup()
from django.core import signing
old = signing.dumps("session", key="old-key-for-the-rotation-test")
try:
    print(signing.loads(old))
except signing.BadSignature:
    print("refused")
"""


def run(**env) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY_FALLBACKS"}
    environment.update(DJANGO_SETTINGS_MODULE="iqportal.settings", ENV_FILE="",
                       SECRET_KEY="new-key-for-the-rotation-test", **env)  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], cwd=ROOT, env=environment, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    return done.stdout.strip()


def test_the_old_key_verifies_only_as_a_fallback():
    assert run(SECRET_KEY_FALLBACKS="older-key,old-key-for-the-rotation-test") == "session"
    assert run() == "refused"
