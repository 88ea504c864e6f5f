"""Saved questionnaire codes (issue 14): throttled guessing with shared state, longer codes,
write access only for the session that holds the answers, nothing readable from a URL alone,
no code in the access log."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from counselling.audit import code_hash
from counselling.models import AccessLog
from iqportal.access_log import RedactingLogger, redact_uri
from pathways.models import SavedAnswers, new_resume_code
from tests.questionnaire.walks import DELIC, walk

pytestmark = pytest.mark.django_db


def _saved(code="7H3Q9DKM2P"):
    return SavedAnswers.objects.create(
        code=code, answers={"nationality": "BA", "age": 36}, result={}, rules_version="x",
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )  # fmt: skip


def test_new_codes_have_50_bits():
    code = new_resume_code()
    assert len(code) == 10
    assert len({new_resume_code() for _ in range(200)}) == 200


def test_the_throttle_state_is_in_the_database_cache_shared_by_every_worker():
    for alias in ("default", "throttle"):
        backend = django_settings.CACHES[alias]["BACKEND"]
        assert backend == "django.core.cache.backends.db.DatabaseCache"
    caches["throttle"].set("probe", 1)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM iqportal_cache")
        assert cursor.fetchone()[0] >= 1


def test_a_result_url_alone_shows_none_of_the_answers():
    saved = _saved()
    stranger = Client()
    page = stranger.get(reverse("questionnaire:reopen", args=[saved.code]))
    # The CSRF token is random letters and digits: it may hold "36" (a flaky failure once).
    html = re.sub(r'value="[A-Za-z0-9]{64}"', "", page.content.decode())
    assert page.status_code == 200
    assert "Bosnien" not in html
    assert "36" not in html
    assert 'name="code"' in html
    assert 'value="7H3Q9DKM2P"' not in html
    assert stranger.get(reverse("questionnaire:saved_pdf", args=[saved.code])).status_code == 404
    before = Client().post(reverse("questionnaire:reopen", args=[saved.code]))
    assert before.status_code == 200
    assert "questionnaire" not in stranger.session


def test_typing_the_code_opens_the_answers_and_is_logged(client):
    saved = _saved()
    response = client.post(reverse("questionnaire:resume"), {"code": "7h3q-9dkm-2p"})
    assert response.url == reverse("questionnaire:reopen", args=[saved.code])
    assert client.get(response.url).status_code == 200
    entry = AccessLog.objects.get(action="reopen")
    assert entry.detail == f"questionnaire {code_hash(saved.code)}"


def test_wrong_codes_from_one_address_are_throttled_and_right_ones_then_wait_too(
    client, settings
):
    settings.CODE_GUESSES_PER_ADDRESS = 3
    saved = _saved()
    for n in range(3):
        response = client.post(reverse("questionnaire:resume"), {"code": f"ZZZZZZZZ{n}"})
        assert response.status_code == 400
    blocked = client.post(reverse("questionnaire:resume"), {"code": saved.code})
    assert blocked.status_code == 429
    assert "Zu viele Codes" in blocked.content.decode()
    assert int(blocked["Retry-After"]) > 0
    # Another address is not held up by this one.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(reverse("questionnaire:resume"), {"code": saved.code}).status_code == 302


def test_wrong_codes_from_many_addresses_meet_the_global_limit(settings):
    settings.CODE_GUESSES_GLOBAL = 5
    saved = _saved()
    for n in range(5):
        guesser = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        response = guesser.post(reverse("questionnaire:resume"), {"code": "ZZZZZZZZZZ"})
        assert response.status_code == 400
    fresh = Client(REMOTE_ADDR="192.0.2.99")
    assert fresh.post(reverse("questionnaire:resume"), {"code": saved.code}).status_code == 429


def test_deleting_by_a_guessed_code_does_not_answer_302_and_deletes_nothing():
    saved = _saved()
    stranger = Client()
    response = stranger.post(reverse("questionnaire:delete"), {"code": "ZZZZZZZZZZ"})
    assert response.status_code == 404
    assert SavedAnswers.objects.filter(pk=saved.pk).exists()
    assert stranger.post(reverse("questionnaire:delete")).status_code == 400


def test_deleting_with_the_code_typed_again_deletes(client):
    saved = _saved()
    response = client.post(reverse("questionnaire:delete"), {"code": saved.code.lower()})
    assert response.status_code == 302
    assert not SavedAnswers.objects.filter(pk=saved.pk).exists()


def test_the_session_that_saved_deletes_without_typing(client):
    walk(client, DELIC)
    client.post(reverse("questionnaire:save"))
    saved = SavedAnswers.objects.get()
    response = client.post(reverse("questionnaire:delete"), {"code": saved.code})
    assert response.status_code == 302
    assert not SavedAnswers.objects.exists()


def test_only_the_session_that_holds_the_answers_overwrites_them(client):
    walk(client, DELIC)
    client.post(reverse("questionnaire:save"))
    saved = SavedAnswers.objects.get()
    stranger = Client()
    stranger.post(reverse("questionnaire:reopen", args=[saved.code]))
    stranger.post(reverse("questionnaire:save"))
    assert SavedAnswers.objects.count() == 1
    assert SavedAnswers.objects.get().answers == saved.answers


def test_a_staff_login_drops_the_questionnaire_answers_and_opened_codes(client, counsellor_a):
    saved = _saved()
    walk(client, DELIC)
    client.post(reverse("questionnaire:resume"), {"code": saved.code})
    assert "questionnaire" in client.session
    client.post(reverse("login"), {"username": "counsellor_a",
                                   "password": "correct horse battery staple"})  # fmt: skip
    assert "questionnaire" not in client.session
    assert "questionnaire_unlocked" not in client.session


@pytest.mark.parametrize(
    ("uri", "secret"),
    [
        ("/check/r/7H3Q9DKM2P/", "7H3Q9DKM2P"),
        ("/check/r/7H3Q9DKM2P/result.pdf", "7H3Q9DKM2P"),
        ("/counselling/consultations/new/?questionnaire=7h3q9dkm2p", "7h3q9dkm2p"),
        ("/hiring/plan/abcDEF123_-xyz/done/", "abcDEF123_-xyz"),
    ],
)
def test_access_log_lines_carry_a_hash_not_the_code(uri, secret):
    assert secret not in redact_uri(uri)
    assert "#" in redact_uri(uri)


def test_the_gunicorn_logger_redacts_the_request_line():
    import types

    from gunicorn.config import Config

    logger = RedactingLogger(Config())
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/check/r/7H3Q9DKM2P/?code=7H3Q9DKM2P",
               "SERVER_PROTOCOL": "HTTP/1.1", "PATH_INFO": "/check/r/7H3Q9DKM2P/",
               "QUERY_STRING": "code=7H3Q9DKM2P", "HTTP_REFERER": "https://x/check/r/7H3Q9DKM2P/"}
    response = types.SimpleNamespace(status="200 OK", sent=10, headers=[])
    request_time = datetime.timedelta(seconds=0, microseconds=5)
    atoms = logger.atoms(response, types.SimpleNamespace(headers=[]), environ, request_time)
    line = logger.cfg.access_log_format % atoms
    assert "7H3Q9DKM2P" not in line
    assert f"#{code_hash('7H3Q9DKM2P')}" in line


def test_gunicorn_binds_to_loopback_by_default_and_uses_the_redacting_logger(monkeypatch):
    import runpy

    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    conf = runpy.run_path(str(django_settings.BASE_DIR / "iqportal" / "gunicorn.conf.py"))
    assert conf["bind"].startswith("127.0.0.1:")
    assert conf["logger_class"] == "iqportal.access_log.RedactingLogger"
