"""A counsellor's first login with the second factor, in real Chromium: password, the app set up
from the key on the page, the recovery codes, then the counselling pages; later a login with a
recovery code. axe on every page, no sideways scrolling at 320 px."""

import base64

import pytest
from django_otp.oath import totp

from tests.counselling.factory import make_centre, make_counsellor, make_network

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


@pytest.fixture
def counsellor(db):
    network = make_network("hessen", short_name="IQ Netzwerk Hessen")
    return make_counsellor(make_centre(network, "IQ Beratungsstelle Kassel"), username="berater")


def password_step(page, live_server):
    page.goto(live_server.url + "/counselling/")
    page.get_by_label("Benutzername").fill("berater")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def no_sideways_scrolling(page):
    page.set_viewport_size({"width": 320, "height": 700})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 320


def test_a_counsellor_sets_up_the_second_factor_and_logs_in_with_a_recovery_code(
    live_server, page, axe, counsellor
):
    password_step(page, live_server)
    page.wait_for_url("**/accounts/second-factor/setup/**")
    assert page.title().startswith("Zweiten Faktor einrichten")
    assert page.get_by_role("img", name="QR-Code für Ihre Authenticator-App").is_visible()
    assert axe(page) == []
    assert no_sideways_scrolling(page)
    # The app is set up by typing the key shown under the QR code.
    key = page.locator(".otp-key").inner_text().replace(" ", "")
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    page.get_by_label("Code").fill("123456" if f"{totp(secret):06d}" != "123456" else "654321")
    page.get_by_role("button", name="Code bestätigen").click()
    assert page.title().startswith("Fehler:")
    assert page.get_by_text("Dieser Code stimmt nicht").first.is_visible()
    page.wait_for_timeout(1100)  # django-otp makes the next try wait a second after a wrong one
    page.get_by_label("Code").fill(f"{totp(secret):06d}")
    page.get_by_role("button", name="Code bestätigen").click()

    assert page.get_by_role("heading", name="Ihre Wiederherstellungscodes").is_visible()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert axe(page) == []
    page.get_by_role("link", name="Ich habe meine Codes aufbewahrt \N{EN DASH} weiter").click()
    page.wait_for_url(live_server.url + "/counselling/")
    assert page.get_by_role("heading", name="Beratung dokumentieren").is_visible()

    # Phone lost: log out, log in again with a recovery code.
    page.get_by_role("button", name="Abmelden").click()
    password_step(page, live_server)
    page.wait_for_url("**/accounts/second-factor/**")
    assert axe(page) == []
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(live_server.url + "/counselling/")
    assert page.get_by_text("9 sind noch übrig").is_visible()
