"""The pages added for issue 14 in real Chromium: the 400 page of a NUL byte, a result URL
that asks for the code, deleting by a typed code, and the page of too many wrong codes; each
axe-clean in German and English and without sideways scrolling at 320 CSS px."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_result import no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, axe):
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 700})
        no_sideways_scroll(page)
        assert axe(page) == [], (page.url, width)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_new_pages_are_axe_clean_and_fit_320_px(live_server, browser, axe, settings, lang):
    context = browser.new_context(locale="de-DE")
    context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        response = page.goto(live_server.url + "/check/?x=a%00b")
        assert response.status == 400
        _check(page, axe)
        page.goto(live_server.url + "/check/r/7H3Q9DKM2P/")
        expect(page.locator("input[name=code]")).to_be_visible()
        _check(page, axe)
        page.goto(live_server.url + "/check/delete/")
        page.locator("input[name=code]").fill("ZZZZZZZZZZ")
        page.locator("form.form button").click()
        expect(page.locator(".error-summary")).to_be_visible()
        _check(page, axe)
        settings.CODE_GUESSES_PER_ADDRESS = 0
        page.goto(live_server.url + "/check/resume/")
        page.locator("input[name=code]").fill("ZZZZZZZZZZ")
        page.locator("form.form button").click()
        expect(page.locator("h1")).to_have_text(
            "Zu viele Codes versucht" if lang == "de" else "Too many codes tried"
        )
        _check(page, axe)
    finally:
        context.close()
