"""Login protection: lockout per address behind a trusted proxy, per-user delay, password rules,
password reset only with mail, the second factor, idle timeout, no-store, the 503 page."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from iqportal.middleware import IDLE_KEY
from tests.counselling.factory import make_centre, make_counsellor, make_network

PASSWORD = "correct horse battery staple"
PROXY = "10.0.0.1"


@pytest.fixture
def counsellor(db):
    return make_counsellor(make_centre(make_network("hessen")), username="beraterin")


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXIES = [PROXY]


def _post_login(client, password, forwarded=None, remote=PROXY, username="beraterin"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    data = {"username": username, "password": password}
    return client.post(reverse("login"), data, **extra)


def test_an_outsider_cannot_lock_a_real_user_out_from_another_address(
    client, counsellor, settings, behind_proxy
):
    settings.LOGIN_DELAY_FREE_FAILURES = 1000
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_login(client, "wrong", forwarded="203.0.113.7")
    assert _post_login(client, PASSWORD, forwarded="203.0.113.7").status_code == 429
    # The real user, behind the same proxy, comes from their own address.
    response = _post_login(client, PASSWORD, forwarded="198.51.100.20")
    assert response.status_code == 302
    assert AccessAttempt.objects.filter(ip_address="203.0.113.7").exists()


def test_a_forwarded_address_from_anyone_but_the_proxy_is_not_believed(
    client, counsellor, settings, behind_proxy
):
    _post_login(client, "wrong", forwarded="198.51.100.99", remote="192.0.2.50")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["192.0.2.50"]
    # Of the proxy's header only the last entry counts (what the client wrote comes first).
    _post_login(client, "wrong", forwarded="1.2.3.4, 198.51.100.5", remote=PROXY)
    assert AccessAttempt.objects.filter(ip_address="198.51.100.5").exists()


def test_guesses_from_many_addresses_meet_a_growing_delay_for_that_user(
    client, counsellor, settings, behind_proxy
):
    free = settings.LOGIN_DELAY_FREE_FAILURES
    for n in range(free):
        assert _post_login(client, "wrong", forwarded=f"198.51.100.{n}").status_code == 200
    delayed = _post_login(client, PASSWORD, forwarded="198.51.100.200")
    html = delayed.content.decode()
    assert delayed.status_code == 200
    assert "Bitte warten Sie 1 Sekunde" in html
    assert "_auth_user_id" not in client.session
    # The wait over, the right password works: the user was delayed, never locked out.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(seconds=5))
    assert _post_login(client, PASSWORD, forwarded="198.51.100.200").status_code == 302


def test_the_delay_doubles_and_stops_at_its_maximum(counsellor, settings):
    from iqportal.security import login_delay

    now = timezone.now()
    settings.LOGIN_DELAY_MAX_SECONDS = 60
    attempt = AccessAttempt.objects.create(
        username="beraterin", ip_address="198.51.100.1", user_agent="x",
        failures_since_start=settings.LOGIN_DELAY_FREE_FAILURES + 3, attempt_time=now,
        get_data="", post_data="", http_accept="", path_info="/",
    )  # fmt: skip
    assert login_delay("beraterin") == 8
    attempt.failures_since_start = 40
    attempt.save()
    assert login_delay("beraterin") == 60
    assert login_delay("somebody-else") == 0


@pytest.mark.parametrize(
    "password", ["Sommer2026", "iqportal2026", "Frankfurt1", "Fr4nkfurt!", "Winter2025!"]
)
def test_passwords_built_on_context_words_are_refused(password, db):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_passphrase_with_a_city_in_it_is_fine(db):
    validate_password("Am Main in Frankfurt wachsen keine Bananen")


@pytest.mark.django_db
def test_password_reset_says_it_cannot_send_without_mail(client, settings):
    settings.MAIL_CONFIGURED = False
    response = client.get(reverse("password_reset"))
    assert response.status_code == 503
    assert "kann keine E-Mails senden" in response.content.decode()
    response = client.post(reverse("password_reset"), {"email": "a@example.org"})
    assert response.status_code == 503


def test_password_reset_sends_a_mail_where_mail_is_configured(client, settings, counsellor):
    from django.core import mail

    settings.MAIL_CONFIGURED = True
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    counsellor.email = "beraterin@example.org"
    counsellor.save()
    response = client.post(reverse("password_reset"), {"email": "beraterin@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1


# --- the second factor ---------------------------------------------------------------------


def _token(device, drift=0):
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return f"{code:06d}"


def _end_throttle(device):
    """django-otp makes a wrong code wait a growing time (1 s after the first): let it pass."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(minutes=5)
    )


def test_a_counsellor_sets_up_the_app_then_logs_in_with_a_code(client, counsellor):
    response = _post_login(client, PASSWORD)
    assert response.status_code == 302
    # Everything but the login pages sends an unverified counsellor to the second factor.
    dashboard = client.get(reverse("counselling:dashboard"))
    assert dashboard.headers["Location"].startswith(reverse("second_factor_setup"))
    setup = client.get(dashboard.headers["Location"])
    assert setup.status_code == 200
    assert "data:image/svg+xml;base64," in setup.content.decode()
    device = TOTPDevice.objects.get(user=counsellor, confirmed=False)

    assert client.post(reverse("second_factor_setup"), {"token": "000000"}).status_code == 400
    _end_throttle(device)
    used = _token(device)
    codes = client.post(reverse("second_factor_setup"), {"token": used})
    assert codes.status_code == 200
    recovery = codes.context["codes"]
    assert len(recovery) == 10
    assert client.get(reverse("counselling:dashboard")).status_code == 200

    client.post(reverse("logout"))
    _post_login(client, PASSWORD)
    assert (
        client.get(reverse("counselling:dashboard"))
        .headers["Location"]
        .startswith(reverse("second_factor_verify"))
    )
    # A used code does not work twice (the very code, even when the clock has moved on to the
    # next 30 seconds meanwhile); the next one does.
    assert client.post(reverse("second_factor_verify"), {"token": used}).status_code == 400
    _end_throttle(device)
    verified = client.post(reverse("second_factor_verify"), {"token": _token(device, drift=1)})
    assert verified.status_code == 302
    assert client.get(reverse("counselling:dashboard")).status_code == 200


def test_a_recovery_code_works_once(client, counsellor):
    from iqportal.second_factor import new_recovery_codes

    TOTPDevice.objects.create(user=counsellor, name="app", confirmed=True)
    code = new_recovery_codes(counsellor)[0]
    _post_login(client, PASSWORD)
    assert client.post(reverse("second_factor_verify"), {"token": code}).status_code == 302
    assert StaticToken.objects.filter(device__user=counsellor).count() == 9
    client.post(reverse("logout"))
    _post_login(client, PASSWORD)
    assert client.post(reverse("second_factor_verify"), {"token": code}).status_code == 400


def test_an_unverified_session_cannot_make_recovery_codes(client, counsellor):
    TOTPDevice.objects.create(user=counsellor, name="app", confirmed=True)
    _post_login(client, PASSWORD)
    response = client.post(reverse("recovery_codes"))
    assert response.status_code == 302
    assert not StaticToken.objects.exists()


def test_a_staff_session_ends_after_the_idle_timeout(client, counsellor, settings):
    client.force_login(counsellor)
    assert client.get(reverse("counselling:dashboard")).status_code == 200
    session = client.session
    session[IDLE_KEY] = session[IDLE_KEY] - settings.SESSION_IDLE_TIMEOUT - 1
    session.save()
    response = client.get(reverse("counselling:dashboard"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_a_staff_login_drops_the_questionnaire_answers_from_the_session(client, counsellor):
    client.get(reverse("questionnaire:start"))
    session = client.session
    session["questionnaire"] = {"answers": {"nationality": "SY"}, "code": None, "touched": 0}
    session.save()
    _post_login(client, PASSWORD)
    assert "questionnaire" not in client.session


def test_pages_with_client_data_are_not_stored(client, counsellor):
    client.force_login(counsellor)
    response = client.get(reverse("counselling:dashboard"))
    assert "no-store" in response.headers["Cache-Control"]


def test_a_page_that_uses_the_session_answers_503_when_the_database_is_down(
    client, counsellor, monkeypatch
):
    from django.contrib.sessions.backends.db import SessionStore

    client.force_login(counsellor)

    def unreachable(self, *args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 refused")

    monkeypatch.setattr(SessionStore, "load", unreachable)
    client.raise_request_exception = False
    response = client.get(reverse("counselling:dashboard"))
    assert response.status_code == 503
    assert "no-store" in response.headers["Cache-Control"]


def test_a_database_failure_in_a_view_answers_503(client, monkeypatch, db):
    from pathways import models

    def unreachable(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(models.SavedAnswers.objects, "active", unreachable)
    client.raise_request_exception = False
    response = client.post(reverse("questionnaire:resume"), {"code": "ABCD-EFGH"})
    assert response.status_code == 503


def test_superusers_need_the_second_factor_too(client, db):
    get_user_model().objects.create_superuser("root", password=PASSWORD)
    client.post(reverse("login"), {"username": "root", "password": PASSWORD})
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("second_factor_setup"))
