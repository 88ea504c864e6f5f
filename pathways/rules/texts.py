"""Small shared types of the rules: bilingual texts and the input error.

Legal basis: none (plumbing). Every user-facing string of the rules is a ``Text`` with a German
version in formal "Sie" and plain language, and an English one beside it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Text:
    """A user-facing text in German and English."""

    de: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` ("de" or "en", also "en-gb" and the like); German otherwise."""
        if lang[:2].lower() == "en":
            return self.en
        return self.de

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
