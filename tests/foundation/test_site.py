import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_the_home_page_offers_the_three_doors_in_german_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de" dir="ltr">' in html
    for door in ("Welcher Weg passt zu mir?", "Einstellung planen", "Beratung dokumentieren"):
        assert door in html
    assert 'href="#main"' in html
    assert 'id="main"' in html


@pytest.mark.django_db
def test_the_language_switch_keeps_the_page_and_translates_it(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/hiring/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/hiring/"
    assert '<html lang="en"' in response.content.decode()
    home = client.get("/").content.decode()
    assert "Which way suits me?" in home
    assert "Welcher Weg passt zu mir?" not in home


@pytest.mark.django_db
def test_an_unknown_page_gets_the_translated_404_page(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@pytest.mark.django_db
def test_the_health_check_answers_ok_while_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content.decode().strip() == "ok"


@pytest.mark.django_db
def test_the_health_check_answers_503_when_the_database_is_down(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "vorübergehend nicht erreichbar" in response.content.decode()


@pytest.mark.django_db
def test_every_response_carries_a_content_security_policy_with_a_nonce(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "default-src 'self'" in policy


@pytest.mark.django_db
def test_counselling_pages_need_a_login(client):
    response = client.get(reverse("counselling:dashboard"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("login"))


# The variables the test run sets for itself; a production process has none of them.
TEST_ONLY_VARIABLES = {"DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _manage(*args, **env):
    inherited = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=inherited | env,
    )


def test_production_settings_pass_the_deployment_checklist():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        SECRET_KEY="p" * 20 + "roduction-secret-key-with-enough-entropy-1234567890",
        ALLOWED_HOSTS="iq.example.org",
        DEBUG="false",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_malformed_boolean_setting_is_refused_with_a_clear_message():
    result = _manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'maybe'" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env | {"DEBUG": "false"},
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_server_error_page_is_translated_and_needs_no_database(rf):
    # No django_db mark: pytest-django makes any database access in here raise.
    from django.utils import translation

    from iqportal.views import server_error

    request = rf.get("/")
    with translation.override("de"):
        response = server_error(request)
    assert response.status_code == 500
    assert "Etwas ist schiefgelaufen" in response.content.decode()


@pytest.mark.django_db
def test_the_employer_door_leads_to_the_herr_delic_example(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert f'href="{reverse("hiring:herr_delic")}"' in html
    assert "Beispiel: wie Herr Delić als Mechatroniker nach Deutschland kam" in html
