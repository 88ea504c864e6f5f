import gettext
from functools import lru_cache

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from iqportal.catalogues import LOCALE_DIR


@lru_cache(maxsize=32)
def _rule_catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled rule texts of ``lang`` (locale/<lang>/LC_MESSAGES/rules.mo), else none."""
    return gettext.translation("rules", LOCALE_DIR, languages=[lang], fallback=True)


def rule_text(lang: str, english: str) -> str:
    """A rule's English text in ``lang``; the English text when it has no current translation
    (scripts/compile_translations.py compiles stale ones as English)."""
    return _rule_catalogue(lang).gettext(english)


class PathwaysConfig(AppConfig):
    name = "pathways"
    verbose_name = _("Pathways")

    def ready(self) -> None:
        from pathways.rules.texts import register_translator

        register_translator(rule_text)
