"""Fails when a user-visible string has no German translation, or a translation is fuzzy;
reports every language's catalogue.

It re-extracts the messages from the source (makemessages) into the real catalogue, lists
untranslated and fuzzy entries with msgattrib, and puts the committed catalogue back. Then it
prints, per language and catalogue (``django``: templates and code, ``rules``: the rule texts),
the messages, translated, reviewed by a person, stale (source changed since) and missing.
German and English must be complete (English is the message id); the others are reported.

The columns "journey" count the migrant's and the employer's pages apart from the staff and
counselling ones: every rule text, and the messages of the templates and code in
``JOURNEY`` (found from the locations of a makemessages run, the committed catalogues keep
``--no-location``). ``--strict-journeys`` fails when a language's journeys are not complete.
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
# Where the migrant's questionnaire and result and the employer's hiring plan take their text
# from (path prefixes): a message used in one of these belongs to the journeys.
JOURNEY = (
    "templates/questionnaire/",
    "templates/hiring/",
    "templates/components/",
    "templates/home.html",
    "templates/base.html",
    "templates/400.html",
    "templates/404.html",
    "templates/500.html",
    "templates/503.html",
    "pathways/",
    "iqportal/context_processors.py",
    "iqportal/languages.py",
)
# Staff-only text inside those paths (the admin's field and app names).
NOT_JOURNEY = ("pathways/models.py", "pathways/apps.py", "pathways/admin.py")


def journey_keys(po_text: str) -> set[tuple[str, str]]:
    """(context, msgid) of the messages with a ``#:`` location in ``JOURNEY``."""
    from iqportal import catalogues

    keys: set[tuple[str, str]] = set()
    for block in po_text.split("\n\n"):
        places = [
            place.rsplit(":", 1)[0]
            for line in block.splitlines()
            if line.startswith("#: ")
            for place in line[3:].split()
        ]
        if not any(
            place.startswith(JOURNEY) and not place.startswith(NOT_JOURNEY) for place in places
        ):
            continue
        for entry in catalogues.parse(block):
            if entry.msgid:
                keys.add(entry.key)
    return keys


def journey_done(lang: str, domain: str, keys: set[tuple[str, str]] | None) -> tuple[int, int]:
    """(current translations, messages) of the journeys; ``keys`` None: every message."""
    from iqportal import catalogues

    german = catalogues.german_sources(domain)
    scope = set(german) if keys is None else set(german) & keys
    if lang in ("en", catalogues.BINDING):
        if lang == "en":
            return len(scope), len(scope)
        done = {e.key for e in catalogues.read(lang, domain) if e.msgid and e.translated}
        return len(scope & done), len(scope)
    entries = {e.key: e for e in catalogues.read(lang, domain) if e.msgid}
    done = sum(
        1
        for key in scope
        if (entry := entries.get(key)) is not None
        and entry.translated
        and not catalogues.is_stale(entry, german)
    )
    return done, len(scope)


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


def report(journeys: set[tuple[str, str]] | None = None) -> tuple[list[str], list[str]]:
    """The per-language table, one line a language and catalogue, and the languages whose
    journeys are incomplete."""
    import django

    django.setup()
    from iqportal import catalogues

    lines = [
        f"{'language':<9}{'catalogue':<10}{'messages':>9}{'translated':>11}{'reviewed':>9}"
        f"{'stale':>6}{'missing':>8}  journey translated/total"
    ]
    incomplete: list[str] = []
    for lang in catalogues.languages():
        for domain in ("django", "rules"):
            if not catalogues.catalogue_path(catalogues.BINDING, domain).is_file():
                continue
            s = catalogues.status(lang, domain)
            done, total = journey_done(lang, domain, journeys if domain == "django" else None)
            share = f"{100 * done // total if total else 100:>3} %"
            lines.append(
                f"{lang:<9}{domain:<10}{s.messages:>9}{s.translated:>11}{s.reviewed:>9}"
                f"{s.stale:>6}{s.missing:>8}  {done:>7}/{total:<6}{share}"
            )
            if done < total and lang not in incomplete:
                incomplete.append(lang)
    return lines, incomplete


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
            journeys = journey_keys(CATALOGUE.read_text(encoding="utf-8"))
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
    lines, incomplete = report(journeys)
    print("\n".join(lines))
    print("translations: German and English complete")
    if incomplete:
        print(f"journeys not yet complete in: {', '.join(incomplete)}")
        if "--strict-journeys" in sys.argv[1:]:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
