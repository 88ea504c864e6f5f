"""Collects the rule texts (``Text(de, en)`` literals in pathways/rules) into the catalogues.

The rules stay plain Python: each ``Text`` keeps its German and English. For every other
language, ``Text.get(lang)`` looks the English text up in ``locale/<lang>/LC_MESSAGES/rules.po``
(through the translator pathways.apps registers). This script walks the rules' syntax trees and
writes

- ``locale/de/LC_MESSAGES/rules.po``: English id -> German, generated, the German half of each
  translation's source hash (see iqportal/catalogues.py);
- ``locale/<lang>/LC_MESSAGES/rules.po`` for every other language of settings.LANGUAGES except
  English: new texts added untranslated, translations and their review comments kept, texts no
  longer in the rules dropped.

Only literal strings can be looked up. A text with changing parts is a ``Text.format(de, en,
**values)`` call: its literal German and English templates (with named ``{placeholders}``) are
the message, flagged ``python-brace-format``, and the values are filled in the reader's language.
``Text.value`` (figures: amounts, dates) and ``Text.join`` (texts joined) are no messages. The
helpers in ``FACTORIES`` take literal German and English and build the ``Text`` themselves. A
``Text`` built from an f-string or another expression is counted as dynamic and stays English in
other languages.

Usage: ``python scripts/extract_rule_texts.py`` (after changing rule texts), ``--report`` to
count without writing.
"""

from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "pathways" / "rules"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iqportal.settings")


# Helpers whose arguments (at these positions) are a literal German and English text that they
# wrap in ``Text(de, en)``: the call sites are the messages, the wrapping is not dynamic.
FACTORIES = {"_invalid": (1, 2), "_error": (1, 2)}


@dataclass
class Extraction:
    texts: dict[str, str] = field(default_factory=dict)  # English -> German (first seen)
    where: dict[str, str] = field(default_factory=dict)
    literal: int = 0
    templates: set[str] = field(default_factory=set)  # English ids with {placeholders}
    values: int = 0  # Text.value and Text.join calls: figures and joins, nothing to translate
    dynamic: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def _is_text_call(node: ast.Call) -> bool:
    func = node.func
    return (isinstance(func, ast.Name) and func.id == "Text") or (
        isinstance(func, ast.Attribute) and func.attr == "Text"
    )


def _text_method(node: ast.Call) -> str | None:
    """ "format", "value" or "join" for ``Text.<method>(...)``, else None."""
    func = node.func
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in ("Text", "cls")
        and func.attr in ("format", "value", "join")
    ):
        return func.attr
    return None


def _factory(node: ast.Call) -> tuple[int, int] | None:
    func = node.func
    return FACTORIES.get(func.id) if isinstance(func, ast.Name) else None


def _arguments(
    node: ast.Call, at: tuple[int, int] = (0, 1)
) -> tuple[ast.expr | None, ast.expr | None]:
    de = node.args[at[0]] if len(node.args) > at[0] else None
    en = node.args[at[1]] if len(node.args) > at[1] else None
    for keyword in node.keywords:
        if keyword.arg == "de":
            de = keyword.value
        elif keyword.arg == "en":
            en = keyword.value
    return de, en


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract(root: Path = RULES) -> Extraction:
    result = Extraction()
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        inside_factory = {
            id(inner)
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef) and function.name in FACTORIES
            for inner in ast.walk(function)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            method, at = _text_method(node), _factory(node)
            if path.name == "texts.py" or method in ("value", "join"):
                result.values += method in ("value", "join")
                continue
            if at is None and method is None and not _is_text_call(node):
                continue
            if at is None and method is None and id(node) in inside_factory:
                continue
            de_node, en_node = _arguments(node, at or (0, 1))
            de, en = _literal(de_node), _literal(en_node)
            place = f"{path.relative_to(ROOT)}:{node.lineno:05d}"
            if method == "format" and de is not None and en is not None:
                result.templates.add(en)
            if de is None or en is None:
                result.dynamic.append(place.replace(":0", ":").lstrip())
                continue
            result.literal += 1
            if en in result.texts and result.texts[en] != de:
                result.conflicts.append(place)
                continue
            result.texts.setdefault(en, de)
            result.where.setdefault(en, place)
    return result


def _header(lang: str, plural_forms: str) -> str:
    from iqportal import catalogues

    lines = [
        f"# IQ Portal rule texts, {lang}: generated by scripts/extract_rule_texts.py; translate",
        "# msgstr and stamp with scripts/stamp_translations.py (see iqportal/catalogues.py).",
        'msgid ""',
        'msgstr ""',
        catalogues.quote("Project-Id-Version: IQ Portal rules\n"),
        catalogues.quote(f"Language: {lang}\n"),
        catalogues.quote("MIME-Version: 1.0\n"),
        catalogues.quote("Content-Type: text/plain; charset=UTF-8\n"),
        catalogues.quote("Content-Transfer-Encoding: 8bit\n"),
        catalogues.quote(f"Plural-Forms: {plural_forms}\n"),
    ]
    return "\n".join(lines)


def _plural_forms(lang: str) -> str:
    """The Plural-Forms of the language's main catalogue (what msginit chose for it)."""
    from iqportal import catalogues

    path = catalogues.catalogue_path(lang)
    if path.is_file():
        header = next(e for e in catalogues.parse(path.read_text(encoding="utf-8")))
        for line in header.strings.get(0, "").splitlines():
            if line.startswith("Plural-Forms:"):
                return line.removeprefix("Plural-Forms:").strip()
    return "nplurals=2; plural=(n != 1);"


def write(extraction: Extraction) -> list[Path]:
    from iqportal import catalogues

    written = []
    texts = sorted(extraction.texts.items(), key=lambda item: extraction.where[item[0]])
    for lang in catalogues.languages():
        if lang == "en":
            continue
        path = catalogues.catalogue_path(lang, "rules")
        old = {e.msgid: e for e in catalogues.read(lang, "rules") if e.msgid}
        blocks = [_header(lang, _plural_forms(lang))]
        for english, german in texts:
            if lang == catalogues.BINDING:
                entry = catalogues.Entry(msgid=english, strings={0: german})
            else:
                entry = old.get(english) or catalogues.Entry(msgid=english, strings={0: ""})
                entry.flags.discard("fuzzy")
            if english in extraction.templates:
                entry.flags.add("python-brace-format")
            body = catalogues.render(entry)
            # The file only (no line): moving a rule does not touch every catalogue.
            blocks.append(f"#. {extraction.where[english].split(':')[0]}\n{body}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
        subprocess.run(["msgcat", "--width=79", "-o", str(path), str(path)], check=True)
        written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="count only, write nothing")
    args = parser.parse_args()
    import django

    django.setup()
    extraction = extract()
    total = extraction.literal + len(extraction.dynamic)
    print(
        f"rule texts: {total} Text(...) calls, {extraction.literal} literal"
        f" ({len(extraction.texts)} distinct English texts,"
        f" {len(extraction.templates)} of them Text.format templates),"
        f" {extraction.values} Text.value/Text.join calls (figures and joins, no messages),"
        f" {len(extraction.dynamic)} dynamic (f-strings or expressions, not yet translatable),"
        f" {len(extraction.conflicts)} with an English text already used for another German one"
    )
    if not args.report:
        for path in write(extraction):
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
