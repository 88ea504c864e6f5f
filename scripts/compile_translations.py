"""Compiles the catalogues (``.po`` -> ``.mo``), stale and missing translations as English.

German and English compile as written (``manage.py compilemessages``). Every other language is
compiled from a copy in which a translation whose ``# source-hash:`` no longer matches its
English id and German translation (see iqportal/catalogues.py), and every message it lacks, is
the English text: Django would otherwise fall back to German, which the reader may not read,
and an out-of-date translation may say something the German no longer says.

Run by scripts/test.sh and scripts/run.sh instead of a bare ``compilemessages``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iqportal.settings")


def compile_language(lang: str, domain: str, root: Path | None = None) -> tuple[int, int]:
    """Writes ``<lang>/LC_MESSAGES/<domain>.mo``; returns (current, shown in English)."""
    from iqportal import catalogues

    root = root or catalogues.LOCALE_DIR
    path = catalogues.catalogue_path(lang, domain, root)
    if not path.is_file():
        return (0, 0)
    entries = catalogues.parse(path.read_text(encoding="utf-8"))
    header = next((e for e in entries if not e.msgid and not e.context), None)
    german = catalogues.german_sources(domain, root)
    own = {e.key: e for e in entries if e.msgid and not e.obsolete}
    if header is not None:
        header.flags.discard("fuzzy")
    blocks = [catalogues.render(header)] if header else []
    current = english = 0
    nplurals = _nplurals(header.strings.get(0, "") if header else "")
    for key in german:
        entry = own.get(key)
        if entry is not None and entry.translated and not catalogues.is_stale(entry, german):
            current += 1
            blocks.append(catalogues.render(_plain(entry)))
            continue
        english += 1
        context, msgid = key
        source = entry or catalogues.Entry(msgid=msgid, context=context)
        fallback = catalogues.Entry(msgid=msgid, context=context, plural=source.plural)
        if source.plural:
            fallback.strings = {0: msgid, **dict.fromkeys(range(1, nplurals), source.plural)}
        else:
            fallback.strings = {0: msgid}
        blocks.append(catalogues.render(fallback))
    with tempfile.TemporaryDirectory() as scratch:
        source_po = Path(scratch) / f"{domain}.po"
        source_po.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
        subprocess.run(
            ["msgfmt", "--check-format", "-o", str(path.with_suffix(".mo")), str(source_po)],
            check=True,
        )
    return (current, english)


def _plain(entry):
    from iqportal import catalogues

    return catalogues.Entry(
        msgid=entry.msgid, context=entry.context, plural=entry.plural, strings=dict(entry.strings)
    )


def _nplurals(header: str) -> int:
    for line in header.splitlines():
        if line.startswith("Plural-Forms:") and "nplurals=" in line:
            try:
                return int(line.split("nplurals=")[1].split(";")[0])
            except ValueError:
                return 2
    return 2


def main() -> int:
    import django

    django.setup()
    from iqportal import catalogues

    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "compilemessages",
            "--ignore=.venv",
            "--ignore=.venv-tools",
            "--verbosity",
            "0",
        ],
        cwd=ROOT,
        check=True,
    )
    for lang in catalogues.languages():
        if lang in catalogues.REQUIRED:
            continue
        for domain in ("django", "rules"):
            compile_language(lang, domain)
    return 0


if __name__ == "__main__":
    sys.exit(main())
