"""Small shared types of the rules: bilingual texts and the input error.

Legal basis: none (plumbing). Every user-facing string of the rules is a ``Text`` with a German
version in formal "Sie" and plain language, and an English one beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Text:
    """A user-facing text in German and English; other languages from the catalogues."""

    de: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang``: "de" and "en" (also "en-gb" and the like) from the pair, any
        other language the registered translation of the English text, else the English text.
        An empty language is German."""
        code = lang[:2].lower()
        if code == "en":
            return self.en
        if code in ("de", ""):
            return self.de
        return _translator(code, self.en)

    def __str__(self) -> str:
        return self.de


class ProfileError(ValueError):
    """An answer that is not valid: ``field`` names the profile key (or "on" for the date)."""

    def __init__(self, field: str, message: Text) -> None:
        super().__init__(f"{field}: {message.en}")
        self.field = field
        self.message = message

    def as_dict(self, lang: str = "en") -> dict[str, str]:
        return {"field": self.field, "error": self.message.get(lang)}
