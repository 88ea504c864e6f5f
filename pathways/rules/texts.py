"""Small shared types of the rules: bilingual texts and the input error.

Legal basis: none (plumbing). Every user-facing string of the rules is a ``Text`` with a German
version in formal "Sie" and plain language, and an English one beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import field
from decimal import Decimal

from .records import record

# (language, English text) -> the text in that language, or the English text when there is no
# current translation. The rules stay pure: the default is the English text itself; the Django
# side registers the catalogue lookup (pathways.apps), so a new language needs no rule change.
Translator = Callable[[str, str], str]


def _untranslated(lang: str, english: str) -> str:
    return english


_translator: Translator = _untranslated


def register_translator(translator: Translator | None) -> None:
    """Use ``translator`` for languages other than German and English (None: English)."""
    global _translator
    _translator = translator or _untranslated


@record
class Text:
    """A user-facing text in German and English; other languages from the catalogues."""

    de: str
    en: str
    # A text built by ``Text.format`` or ``Text.join``: the English template (the catalogue's
    # message id; "" for a join, whose layout is not translated), the layout and the values
    # filled in per language. ``de`` and ``en`` hold the rendered German and English, so
    # equality, hashing and every reader of ``.de``/``.en`` see plain strings.
    template: str = field(default="", compare=False, repr=False)
    layout: str = field(default="", compare=False, repr=False)
    values: tuple[tuple[str, Value], ...] = field(default=(), compare=False, repr=False)
    # A formatted text's key in ``_FORMATTED``: what tells it apart when it is itself a value.
    identity: object = field(default=None, compare=False, repr=False)

    @classmethod
    def format(cls, de: str, en: str, /, **values: Value) -> Text:
        """A text with named ``{placeholders}``: ``de`` and ``en`` are literal templates (the
        English one is the message id other languages translate), the values are numbers,
        strings the same in every language, or ``Text`` values rendered in the same language
        (``Text.value`` for a figure written differently in German and English)."""
        # A string value stands for itself in the key (it cannot be mistaken for the tuple
        # ``_identity`` makes of anything else); that is most values, and the cheapest key.
        key = (
            de,
            en,
            *[(name, v if v.__class__ is str else _identity(v)) for name, v in values.items()],
        )
        found = _FORMATTED.get(key)
        if found is None or found.__class__ is not cls:
            found = cls(
                de.format(**_rendered(values, "de")),
                en.format(**_rendered(values, "en")),
                template=en,
                layout=en,
                values=tuple(values.items()),
                identity=key,
            )
            if len(_FORMATTED) >= _FORMATTED_MAX:
                _FORMATTED.clear()
            _FORMATTED[key] = found
        return found

    @classmethod
    def value(cls, de: str, en: str) -> Text:
        """A figure, not a message: a number, amount or date as written in German and in
        English. Other languages show the English form; nothing to translate."""
        # Its key as a value of ``Text.format`` made once: a figure is filled into many texts.
        return cls(de, en, identity=(Text, de, en))

    @classmethod
    def join(cls, parts: Iterable[Text], de: str = " ", en: str | None = None) -> Text:
        """The parts joined by the separator ``de`` (German) and ``en`` (English, default the
        German one); other languages join their own parts with the English separator."""
        chosen = tuple(parts)
        separator = de if en is None else en
        return cls(
            de.join(part.de for part in chosen),
            separator.join(part.en for part in chosen),
            layout=separator.join(f"{{p{i}}}" for i in range(len(chosen))),
            values=tuple((f"p{i}", part) for i, part in enumerate(chosen)),
        )

    def fill(self, **values: Value) -> Text:
        """This text as a template (a literal ``Text`` with ``{placeholders}``), filled in."""
        return type(self).format(self.de, self.en, **values)

    def get(self, lang: str) -> str:
        """The text in ``lang``: "de" and "en" (also "en-gb" and the like) from the pair, any
        other language the registered translation of the English text, else the English text.
        An empty language is German."""
        code = lang[:2].lower()
        if code == "en":
            return self.en
        if code in ("de", ""):
            return self.de
        if not self.layout:
            return _translator(code, self.en)
        if self.template:
            layout = _translator(code, self.template)
            if layout == self.template:  # no current translation: all of it in English
                return self.en
        else:
            layout = self.layout
        try:
            return layout.format(**_rendered(dict(self.values), code))
        except (KeyError, IndexError, ValueError):  # a translation with broken placeholders
            return self.en

    def __str__(self) -> str:
        return self.de


Value = Text | str | int | float | Decimal | None
"""What ``Text.format`` fills in: a ``Text`` in the same language, or the same in every language."""


# Texts are immutable, and an evaluation formats the same few hundred sentences with the same
# figures again and again, so ``Text.format`` hands out one object per template and values.
# Cleared when full: the working set (one day's figures, the corpus of answers) is far smaller.
_FORMATTED: dict[tuple[object, ...], Text] = {}
_FORMATTED_MAX = 50_000


def _identity(value: Value) -> object:
    """A key that tells apart every value that renders differently: ``Text`` compares by its
    German and English only, and 1 == 1.0 == Decimal("1.00") == True, so the type (and a
    number's written form) is part of the key."""
    if value.__class__ is int:
        return (int, value)
    if isinstance(value, Text):
        if value.identity is not None:
            return value.identity
        if not value.layout:
            return (Text, value.de, value.en)
        return (
            value.template,
            value.layout,
            tuple([(name, _identity(nested)) for name, nested in value.values]),
        )
    if isinstance(value, (Decimal, float)):
        return (type(value), str(value))
    return (type(value), value)


def _rendered(values: dict[str, Value], lang: str) -> dict[str, str | int | float | Decimal | None]:
    return {name: v.get(lang) if isinstance(v, Text) else v for name, v in values.items()}


class ProfileError(ValueError):
    """An answer that is not valid: ``field`` names the profile key (or "on" for the date)."""

    def __init__(self, field: str, message: Text) -> None:
        super().__init__(f"{field}: {message.en}")
        self.field = field
        self.message = message

    def as_dict(self, lang: str = "en") -> dict[str, str]:
        return {"field": self.field, "error": self.message.get(lang)}
