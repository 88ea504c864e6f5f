"""Fails when a user-visible string has no German translation, or a translation is fuzzy.

It re-extracts the messages from the source (makemessages) into the real catalogue, lists
untranslated and fuzzy entries with msgattrib, and puts the committed catalogue back.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "iqportal" / "locale" / "de" / "LC_MESSAGES" / "django.po"


def problems(flag: str) -> str:
    result = subprocess.run(
        ["msgattrib", flag, "--no-obsolete", "--no-wrap", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=True,
    )
    return "\n".join(
        line
        for line in result.stdout.splitlines()
        if line.startswith("msgid ") and line != 'msgid ""'
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        backup = Path(scratch) / "django.po"
        shutil.copy2(CATALOGUE, backup)
        try:
            subprocess.run(
                [
                    sys.executable,
                    "manage.py",
                    "makemessages",
                    "--locale",
                    "de",
                    "--no-location",
                    "--ignore",
                    ".venv/*",
                    "--ignore",
                    "tests/*",
                    "--ignore",
                    "benchmarks/*",
                    "--verbosity",
                    "0",
                ],
                cwd=ROOT,
                check=True,
            )
            untranslated, fuzzy = problems("--untranslated"), problems("--only-fuzzy")
        finally:
            shutil.copy2(backup, CATALOGUE)
    if untranslated or fuzzy:
        print(
            "German catalogue incomplete (run `manage.py makemessages -l de --no-location`,"
            " translate, remove fuzzy flags):"
        )
        for title, lines in (("untranslated", untranslated), ("fuzzy", fuzzy)):
            if lines:
                print(f"-- {title}:\n{lines}")
        return 1
    print("translations: complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
