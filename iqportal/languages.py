"""Which language a page is shown in, and what the page says about its translation.

The visitor's choice comes from Django's ``set_language`` (a plain form, remembered by cookie)
through ``LocaleMiddleware``. This middleware, right after it, adds two rules:

- ``?lang=de`` (any language of ``LANGUAGES``) shows one page in that language without changing
  the choice: the link from a translated page to its binding German version.
- The staff pages (counselling, login, admin) are German and English only: another choice is
  shown in English there, and their language switch offers German and English.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.utils import translation

from iqportal.catalogues import BINDING, page_status

STAFF_PREFIXES = ("/counselling/", "/accounts/", "/admin/")
QUERY_PARAMETER = "lang"


def staff_page(path: str) -> bool:
    return path.startswith(STAFF_PREFIXES)


def _codes() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


class LanguageScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lang = translation.get_language() or settings.LANGUAGE_CODE
        asked = request.GET.get(QUERY_PARAMETER, "")
        # The API reads its own lang= and keeps doing so; pages take it as a one-page choice.
        if asked in _codes() and not request.path.startswith("/api/"):
            lang = asked
        if staff_page(request.path) and lang not in settings.STAFF_LANGUAGES:
            lang = "en"
        if lang != translation.get_language():
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        return self.get_response(request)


def binding_version_url(request) -> str:
    """The same page in German: its address with ``lang=de`` (other parameters kept)."""
    query = request.GET.copy()
    query[QUERY_PARAMETER] = BINDING
    return f"{request.path}?{urlencode(list(query.lists()), doseq=True)}"


def without_language_parameter(request) -> str:
    """The page's address for the switch's ``next``: without a one-page ``lang=``."""
    query = request.GET.copy()
    query.pop(QUERY_PARAMETER, None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


def languages(request):
    """Template context: the switch's choices, the binding-version link, the stale note."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    offered = [
        (code, name)
        for code, name in settings.LANGUAGES
        if not staff_page(request.path) or code in settings.STAFF_LANGUAGES
    ]
    context = {
        "language_choices": offered,
        "language_next": without_language_parameter(request),
        "binding_version_url": "",
        "translation_gaps": 0,
    }
    if current != BINDING:
        context["binding_version_url"] = binding_version_url(request)
    if current not in (BINDING, "en"):
        # The page's own texts and the rule texts of the result: either may be shown in English.
        pages, rules = page_status(current), page_status(current, "rules")
        context["translation_gaps"] = pages.stale + pages.missing + rules.stale + rules.missing
    return context
