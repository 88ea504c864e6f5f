"""Countries and languages for the forms and figures, named in German and English (pycountry).

Stored values are codes (ISO 3166-1 alpha-2 with XK for Kosovo; ISO 639-1); people type names
in either language and the forms resolve them here.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache

import pycountry
from django.utils import translation


@dataclass(frozen=True, slots=True)
class Named:
    code: str
    de: str
    en: str

    @property
    def name(self) -> str:
        return self.en if translation.get_language() == "en" else self.de


def _german(domain: str):
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["de"], fallback=True)


@cache
def countries() -> dict[str, Named]:
    german = _german("iso3166-1")
    found = {"XK": Named("XK", "Kosovo", "Kosovo")}
    for country in pycountry.countries:
        common = getattr(country, "common_name", None)
        en = common or country.name
        found[country.alpha_2] = Named(country.alpha_2, german.gettext(en), en)
    return dict(sorted(found.items(), key=lambda item: item[1].de))


# Languages offered in the forms: those most asked for in IQ counselling, German first.
LANGUAGE_CODES = (
    "de", "en", "ar", "uk", "ru", "tr", "fa", "fr", "es", "pl", "ro", "bg", "sq", "sr",
    "bs", "hr", "ku", "ps", "ti", "vi", "zh", "hi", "it", "pt", "el",
)  # fmt: skip


def _plain(name: str) -> str:
    """ "Spanisch (Kastilisch)" → "Spanisch", "Paschtu; Afghanisch" → "Paschtu"."""
    return name.split(";")[0].split(" (")[0]


@cache
def languages() -> dict[str, Named]:
    german = _german("iso639-3")
    found = {}
    for code in LANGUAGE_CODES:
        language = pycountry.languages.get(alpha_2=code)
        found[code] = Named(code, _plain(german.gettext(language.name)), _plain(language.name))
    return found


def country_name(code: str) -> str:
    country = countries().get(code or "")
    return country.name if country else (code or "")


def language_name(code: str) -> str:
    language = languages().get(code or "")
    return language.name if language else (code or "")


def find_country(text: str) -> str | None:
    """The code of a country given by code or by its German or English name, else None."""
    text = (text or "").strip()
    if not text:
        return None
    if text.upper() in countries():
        return text.upper()
    lowered = text.casefold()
    for country in countries().values():
        if lowered in (country.de.casefold(), country.en.casefold()):
            return country.code
    matches = countries_matching(text)
    return matches[0].code if len(matches) == 1 else None


def countries_matching(text: str, limit: int = 12) -> list[Named]:
    """Countries whose German or English name contains ``text``; prefix matches first."""
    lowered = (text or "").strip().casefold()
    if not lowered:
        return []
    hits = [
        c
        for c in countries().values()
        if lowered in c.de.casefold() or lowered in c.en.casefold() or lowered == c.code.casefold()
    ]
    hits.sort(key=lambda c: not (c.de.casefold().startswith(lowered)
                                 or c.en.casefold().startswith(lowered)))  # fmt: skip
    return hits[:limit]
