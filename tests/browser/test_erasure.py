"""Art. 17 erasure in real Chromium: a counsellor asks (an error keeps what
was typed), a second person, the network's coordinator, approves; the pages are axe-clean in
German and English and fit 320 CSS px."""

import datetime

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from counselling.models import Client, ErasureRequest
from tests.browser.test_result import no_sideways_scroll
from tests.counselling.factory import (
    make_centre,
    make_client,
    make_consultation,
    make_coordinator,
    make_counsellor,
    make_network,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


@pytest.fixture
def people(db):
    network = make_network("thueringen", short_name="IQ Netzwerk Thüringen")
    centre = make_centre(network, "IQ Beratungsstelle Erfurt")
    for user in (
        make_counsellor(centre, username="beraterin"),
        make_coordinator(network, username="koordination"),
    ):
        TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = make_client(network, nationality="SY", birth_year=1991)
    make_consultation(client, datetime.date(2026, 5, 4), centre=centre, note="Zeugnisse")
    return client


def log_in(page, base, username):
    page.goto(base + "/accounts/login/?next=/counselling/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    device = TOTPDevice.objects.get(user__username=username)
    page.get_by_label("Code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(base + "/counselling/")


def check(page, axe):
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 700})
        no_sideways_scroll(page)
        assert axe(page) == [], (page.url, width)


def new_page(browser):
    context = browser.new_context(locale="de-DE", java_script_enabled=True)
    context.set_default_timeout(10_000)
    return context, context.new_page()


def test_asked_by_one_and_approved_by_another(live_server, browser, axe, people):
    code = people.code
    context, page = new_page(browser)
    try:
        log_in(page, live_server.url, "beraterin")
        page.goto(f"{live_server.url}/counselling/clients/{code}/")
        page.get_by_role("link", name="Löschung der Daten dieser Person beantragen").click()
        assert page.get_by_label("Code der Person").input_value() == code
        page.get_by_role("button", name="Löschung beantragen").click()
        assert page.title().startswith("Fehler:")
        assert page.get_by_label("Code der Person").input_value() == code
        check(page, axe)
        page.get_by_label("Grund der Löschung").fill("Verlangt am 1.12.2026")
        page.get_by_role("button", name="Löschung beantragen").click()
        assert page.get_by_text("Löschung beantragt.").is_visible()
        check(page, axe)
        assert not page.get_by_role("button", name="Zustimmen und löschen").count()
    finally:
        context.close()
    context, page = new_page(browser)
    try:
        log_in(page, live_server.url, "koordination")
        page.get_by_role("link", name="Löschanträge (Art. 17 DSGVO)").click()
        assert page.get_by_text("Verlangt am 1.12.2026").is_visible()
        page.get_by_role("button", name="Zustimmen und löschen").click()
        assert page.get_by_text(
            "Die personenbezogenen Daten der Person wurden gelöscht"
        ).is_visible()
        check(page, axe)
        context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
        page.goto(live_server.url + "/counselling/erasure/")
        assert page.get_by_role("heading", name="Decided").is_visible()
        check(page, axe)
        page.goto(live_server.url + "/counselling/erasure/new/")
        check(page, axe)
    finally:
        context.close()
    assert ErasureRequest.objects.get().decision == "approved"
    assert not Client.objects.filter(code=code).exists()
