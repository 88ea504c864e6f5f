"""Fails when a user-visible string has no German translation, or a translation is fuzzy;
reports every language's catalogue.

It re-extracts the messages from the source (makemessages) into the real catalogue, lists
untranslated and fuzzy entries with msgattrib, and puts the committed catalogue back. Then it
prints, per language and catalogue (``django``: templates and code, ``rules``: the rule texts),
the messages, translated, reviewed by a person, stale (source changed since) and missing.
German and English must be complete (English is the message id); the others are reported.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iqportal.settings")
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


def report() -> list[str]:
    """The per-language table, one line a language and catalogue."""
    import django

    django.setup()
    from iqportal import catalogues

    lines = [
        f"{'language':<9}{'catalogue':<10}{'messages':>9}{'translated':>11}{'reviewed':>9}"
        f"{'stale':>6}{'missing':>8}"
    ]
    for lang in catalogues.languages():
        for domain in ("django", "rules"):
            if not catalogues.catalogue_path(catalogues.BINDING, domain).is_file():
                continue
            s = catalogues.status(lang, domain)
            lines.append(
                f"{lang:<9}{domain:<10}{s.messages:>9}{s.translated:>11}{s.reviewed:>9}"
                f"{s.stale:>6}{s.missing:>8}"
            )
    return lines


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
    print("\n".join(report()))
    print("translations: German and English complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
