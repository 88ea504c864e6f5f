"""The translation catalogues: review state, source hash, status per language.

Message ids are English, German (``de``) is the binding translation. Every other language's
``django.po`` carries two translator comments on each translated message (translator comments,
``# ``, because ``makemessages`` keeps them, while it rewrites the extracted ``#.`` ones)::

    # review: machine 2026-12-02          (or: # review: person 2026-12-03 A. Name)
    # source-hash: 3f2a9c0d1b7e
    msgid "Language"
    msgstr "اللغة"

The source hash is ``source_hash(msgid, german)``: the first 12 hex digits of the SHA-1 of the
English message id and its German translation. When either changes after the translation was
made, the hash no longer matches and the translation is *stale*: ``scripts/compile_translations.py``
compiles it (and every missing one) as the English text, and the page says so in one line.

This module reads the catalogues with a small parser of its own (no dependency), enough for the
files ``makemessages`` writes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
BINDING = "de"
# Languages whose catalogues must be complete (CI fails otherwise). English is the message id.
REQUIRED = ("de", "en")
_REVIEW = re.compile(r"^#\s+review:\s*(machine|person)\s+(\d{4}-\d{2}-\d{2})\b(.*)$")
_HASH = re.compile(r"^#\s+source-hash:\s*([0-9a-f]{6,40})\s*$")


def source_hash(msgid: str, german: str, context: str = "") -> str:
    """The hash a translation of ``msgid`` records of its sources (English id and German)."""
    raw = f"{context}\x04{msgid}\x00{german}".encode()
    return hashlib.sha1(raw, usedforsecurity=False).hexdigest()[:12]


@dataclass
class Entry:
    msgid: str
    context: str = ""
    plural: str = ""
    strings: dict[int, str] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.context, self.msgid)

    @property
    def translated(self) -> bool:
        return bool(self.strings) and all(self.strings.values()) and "fuzzy" not in self.flags

    @property
    def review(self) -> tuple[str, str] | None:
        """("machine" or "person", ISO date) from the ``# review:`` comment."""
        for line in self.comments:
            if match := _REVIEW.match(line):
                return match.group(1), match.group(2)
        return None

    @property
    def recorded_hash(self) -> str:
        for line in self.comments:
            if match := _HASH.match(line):
                return match.group(1)
        return ""


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    return re.sub(
        r"\\(.)",
        lambda m: {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(m.group(1), m.group(0)),
        body,
    )


def parse(text: str) -> list[Entry]:
    """The entries of a ``.po`` file (the header, msgid "", included)."""
    entries: list[Entry] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry = Entry(msgid="")
        target: tuple[str, int] | None = None
        seen_id = False
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("#~"):
                entry.obsolete = True
                line = line[2:].strip()
                if not line:
                    continue
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
                continue
            if line.startswith("#"):
                if line.startswith("# ") or line == "#":
                    entry.comments.append(line)
                continue
            keyword, _, rest = line.partition(" ")
            if line.startswith('"'):
                keyword, rest = "", line
            if keyword == "msgctxt":
                entry.context, target = _unquote(rest), ("context", 0)
            elif keyword == "msgid":
                entry.msgid, target, seen_id = _unquote(rest), ("msgid", 0), True
            elif keyword == "msgid_plural":
                entry.plural, target = _unquote(rest), ("plural", 0)
            elif keyword.startswith("msgstr"):
                index = int(keyword[7:-1]) if "[" in keyword else 0
                entry.strings[index] = _unquote(rest)
                target = ("msgstr", index)
            elif keyword == "" and target is not None:
                piece = _unquote(rest)
                kind, index = target
                if kind == "msgstr":
                    entry.strings[index] += piece
                else:
                    setattr(entry, kind, getattr(entry, kind) + piece)
        if seen_id:
            entries.append(entry)
    return entries


def quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def render(entry: Entry) -> str:
    """One entry as ``.po`` text (comments, flags, context, id, translations)."""
    lines = list(entry.comments)
    if entry.flags:
        lines.append("#, " + ", ".join(sorted(entry.flags)))
    if entry.context:
        lines.append(f"msgctxt {quote(entry.context)}")
    lines.append(f"msgid {quote(entry.msgid)}")
    if entry.plural:
        lines.append(f"msgid_plural {quote(entry.plural)}")
        for index in sorted(entry.strings):
            lines.append(f"msgstr[{index}] {quote(entry.strings[index])}")
    else:
        lines.append(f"msgstr {quote(entry.strings.get(0, ''))}")
    return "\n".join(lines)


def catalogue_path(lang: str, domain: str = "django", root: Path = LOCALE_DIR) -> Path:
    return root / lang / "LC_MESSAGES" / f"{domain}.po"


def read(lang: str, domain: str = "django", root: Path = LOCALE_DIR) -> list[Entry]:
    path = catalogue_path(lang, domain, root)
    if not path.is_file():
        return []
    return [e for e in parse(path.read_text(encoding="utf-8")) if not e.obsolete]


def german_sources(domain: str = "django", root: Path = LOCALE_DIR) -> dict[tuple[str, str], str]:
    """(context, English id) -> the German translation, the other half of every source hash."""
    return {
        e.key: e.strings.get(0, "")
        for e in read(BINDING, domain, root)
        if e.msgid and not e.obsolete
    }


@dataclass(frozen=True)
class Status:
    lang: str
    messages: int
    translated: int
    reviewed: int
    stale: int
    missing: int
    stale_ids: frozenset[tuple[str, str]] = frozenset()

    @property
    def complete(self) -> bool:
        return self.missing == 0 and self.stale == 0


def is_stale(entry: Entry, german: dict[tuple[str, str], str]) -> bool:
    if not entry.translated:
        return False
    source = german.get(entry.key)
    if source is None:
        # A message without a German entry (rule texts): the hash covers the English id alone.
        source = ""
    return entry.recorded_hash != source_hash(entry.msgid, source, entry.context)


def status(lang: str, domain: str = "django", root: Path = LOCALE_DIR) -> Status:
    """Counts of one language against the German catalogue (the set of messages)."""
    german = german_sources(domain, root)
    if lang == BINDING:
        entries = read(BINDING, domain, root)
        ids = [e for e in entries if e.msgid]
        done = sum(1 for e in ids if e.translated)
        return Status(lang, len(ids), done, done, 0, len(ids) - done)
    if lang == "en":
        # The message ids are the English text: complete by construction.
        return Status(lang, len(german), len(german), len(german), 0, 0)
    entries = {e.key: e for e in read(lang, domain, root) if e.msgid}
    translated = reviewed = stale = 0
    stale_ids: set[tuple[str, str]] = set()
    for key in german:
        entry = entries.get(key)
        if entry is None or not entry.translated:
            continue
        if is_stale(entry, german):
            stale += 1
            stale_ids.add(key)
            continue
        translated += 1
        review = entry.review
        if review and review[0] == "person":
            reviewed += 1
    missing = len(german) - translated - stale
    return Status(lang, len(german), translated, reviewed, stale, missing, frozenset(stale_ids))


@lru_cache(maxsize=32)
def page_status(lang: str, domain: str = "django") -> Status:
    """The status shown on the pages (read once per process; catalogues change with a deploy)."""
    return status(lang, domain)


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]
