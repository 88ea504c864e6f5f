"""Stamps new translations with their review state and source hash (see iqportal/catalogues.py).

    python scripts/stamp_translations.py ar                 # machine-assisted, today
    python scripts/stamp_translations.py ar --person "A. Name" [--all]

A translated message without ``# source-hash:`` gets ``# review: machine <today>`` (or
``person <today> <name>``) and the hash of its English id and German translation. To renew a
stale translation: correct the msgstr, delete its two stamp lines, run this again. ``--person
--all`` records that a person reviewed every current translation of the language (restamps them).
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iqportal.settings")


def stamp(lang: str, domain: str, review: str, restamp: bool) -> int:
    from iqportal import catalogues

    path = catalogues.catalogue_path(lang, domain)
    if not path.is_file():
        return 0
    entries = catalogues.parse(path.read_text(encoding="utf-8"))
    german = catalogues.german_sources(domain)
    count = 0
    for entry in entries:
        if not entry.msgid or entry.obsolete or not entry.translated:
            continue
        stale = catalogues.is_stale(entry, german)
        if entry.recorded_hash and not (restamp and not stale):
            continue
        entry.comments = [
            c for c in entry.comments if not c.startswith(("# review:", "# source-hash:"))
        ]
        source = german.get(entry.key, "")
        entry.comments += [
            f"# review: {review}",
            f"# source-hash: {catalogues.source_hash(entry.msgid, source, entry.context)}",
        ]
        count += 1
    blocks = []
    for entry in entries:
        text = catalogues.render(entry)
        blocks.append(
            "\n".join("#~ " + line for line in text.splitlines()) if entry.obsolete else text
        )
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    subprocess.run(["msgcat", "--width=79", "-o", str(path), str(path)], check=True)
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lang")
    parser.add_argument("--person", help="name of the person who reviewed the translations")
    parser.add_argument("--all", action="store_true", help="with --person: every current one")
    args = parser.parse_args()
    import django

    django.setup()
    today = datetime.date.today().isoformat()
    review = f"person {today} {args.person}" if args.person else f"machine {today}"
    for domain in ("django", "rules"):
        count = stamp(args.lang, domain, review, bool(args.person and args.all))
        print(f"{args.lang} {domain}: {count} stamped ({review})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
