"""Site-wide pages: the home page with its three doors, health check, error pages."""

import logging
import sys

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@login_not_required
@require_safe
def home(request):
    from pathways.questionnaire import PROMISE

    return render(request, "home.html", {"promise": PROMISE})


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 while the database answers, 503 (and the 503 page) when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("health check: database unavailable")
        return render(request, "503.html", {"error_page": True}, status=503)
    return render(request, "healthz.txt", content_type="text/plain; charset=utf-8")


@login_not_required
def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def database_unreachable(exception: BaseException | None) -> bool:
    """A lost or refused connection (or one timed out), not a bug in a query."""
    return isinstance(exception, (OperationalError, InterfaceError))


def unavailable(request):
    # Like the 500 page, the 503 page touches neither the session nor the user.
    return render(request, "503.html", {"error_page": True}, status=503)


@login_not_required
def server_error(request):
    """The 500 page, or the 503 page when the database is what failed: also for failures
    outside a view (the session saved with the response, the user loaded by a middleware)."""
    if database_unreachable(sys.exc_info()[1]):
        return unavailable(request)
    # The database may be what failed: the page must not touch the session or user.
    return render(request, "500.html", {"error_page": True}, status=500)


@login_not_required
def password_reset(request, **kwargs):
    """Django's password reset, where the portal can send mail; otherwise a page that says
    whom to ask (never "sent" when nothing was)."""
    if not settings.MAIL_CONFIGURED:
        return render(request, "registration/password_reset_unavailable.html", status=503)
    return auth_views.PasswordResetView.as_view(**kwargs)(request)


class LoginView(auth_views.LoginView):
    """Django's login; a user name longer than any account's answers 422 (the form keeps it)."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("username", "max_length"):
            response.status_code = 422
        return response


def login_locked(request, original_response=None, credentials=None):
    """django-axes calls this when an address is locked after too many wrong passwords."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
