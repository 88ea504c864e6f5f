import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

PASSWORD = "a long and correct passphrase"


@pytest.fixture
def counsellor(db):
    return get_user_model().objects.create_user("beraterin", password=PASSWORD)


def _log_in(client, password):
    return client.post(reverse("login"), {"username": "beraterin", "password": password})


def test_a_counsellor_logs_in_with_the_right_password(client, counsellor):
    response = _log_in(client, PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("counselling:dashboard")


def test_a_wrong_password_is_answered_in_german_and_keeps_the_user_name(client, counsellor):
    response = _log_in(client, "wrong")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fehler: Anmelden" in html
    assert 'value="beraterin"' in html


def test_too_many_wrong_passwords_from_one_address_lock_that_address(client, counsellor, settings):
    settings.LOGIN_DELAY_FREE_FAILURES = 1000  # this test is about the address, not the user
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _log_in(client, "wrong").status_code == 200
    locked = _log_in(client, "wrong")
    assert locked.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in locked.content.decode()
    assert "15 Minuten" in locked.content.decode()

    assert _log_in(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
