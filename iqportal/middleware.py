"""Site-wide request handling for staff sessions and client data.

Order in ``settings.MIDDLEWARE``: after authentication, django-otp and messages.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import empty
from django.utils.translation import gettext as _

from iqportal.security import needs_second_factor

IDLE_KEY = "staff_last_seen"
# Where a half-logged-in user may go: the login pages themselves, the language switch, static.
_OPEN_PREFIXES = ("/accounts/", "/i18n/", "/healthz")


def _open_path(path: str) -> bool:
    return path.startswith(_OPEN_PREFIXES) or path.startswith("/" + settings.STATIC_URL.lstrip("/"))


class DatabaseUnavailableMiddleware:
    """A view that finds the database down answers with the 503 page, not a 500.

    Errors raised outside views (the session saved in a response, the user loaded by another
    middleware) reach ``iqportal.views.server_error``, which answers 503 for them too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from iqportal.views import database_unreachable, unavailable

        if isinstance(exception, DatabaseError) and database_unreachable(exception):
            return unavailable(request)
        return None


class IdleTimeoutMiddleware:
    """Staff sessions end after ``SESSION_IDLE_TIMEOUT`` seconds without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and needs_second_factor(user):
            now = time.time()
            last = request.session.get(IDLE_KEY)
            if last is not None and now - last > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, _("You were logged out after a while without activity."))
                query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
                return redirect(f"{reverse('login')}?{query}")
            # Written at most once a minute, so that not every request saves the session.
            if last is None or now - last > 60:
                request.session[IDLE_KEY] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """Users who need a second factor reach nothing but the login pages until they give one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and needs_second_factor(user)
            and not user.is_verified()
            and not _open_path(request.path)
        ):
            from iqportal.second_factor import url_for

            return redirect(url_for(request, user))
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages with client or account data are not kept by browsers or proxies
    (``Cache-Control: no-store``): every page a logged-in user sees, and all of the
    counselling pages, the admin and the account pages."""

    PREFIXES = ("/counselling/", "/admin/", "/accounts/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Only a user already loaded for this request is looked at: no query of our own (the
        # database may be what failed), and a page that never loaded the user shows nobody's.
        wrapped = getattr(getattr(request, "user", None), "_wrapped", empty)
        logged_in = wrapped is not empty and wrapped.is_authenticated
        if request.path.startswith(self.PREFIXES) or logged_in:
            add_never_cache_headers(response)
        return response


class NulByteMiddleware:
    """A NUL byte anywhere in the path, the query or a posted form answers 400 with the
    portal's message page, before any view can hand it to the database (PostgreSQL refuses
    NUL in text, which would be a 500). After ``LocaleMiddleware``: the page is in the
    user's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return bad_request(request)
        return self.get_response(request)


def _has_nul(request) -> bool:
    if "\x00" in request.path or "\x00" in request.path_info:
        return True
    for data in (request.GET, request.POST):
        for key, values in data.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


def bad_request(request, exception=None):
    return render(request, "400.html", {"error_page": True}, status=400)
