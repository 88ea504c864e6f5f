"""The questionnaire walked in Arabic (right to left, axe-core clean on every page) and in
Ukrainian, to the result. Translations are still being written: the tests assert the language,
the direction, the "German is binding" line and the result's heading, not translated strings."""

import pytest
from playwright.sync_api import expect

from tests.questionnaire.walks import DELIC

from .test_questionnaire import question_id, walk_any_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def in_language(page, live_server, lang):
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])


def assert_page_in(page, lang, direction):
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", direction)
    # Every non-German page says in one line that German is binding, linking the German page.
    expect(page.locator(".binding-version a[href*='lang=de']")).to_have_count(1)


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("uk", "ltr")])
def test_the_questionnaire_walked_to_a_result(live_server, page, axe, lang, direction):
    in_language(page, live_server, lang)
    page.goto(live_server.url + "/check/q/nationality/")
    seen = []

    def check(page):
        seen.append(question_id(page))
        assert_page_in(page, lang, direction)
        assert axe(page) == [], question_id(page)

    walk_any_language(page, DELIC, check)
    assert len(seen) >= 10
    # The check page, then the result.
    assert_page_in(page, lang, direction)
    assert axe(page) == []
    page.goto(live_server.url + "/check/result/")
    assert_page_in(page, lang, direction)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("#pathway-skilled_worker")).to_be_visible()
    assert axe(page) == []
    if direction == "rtl":
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
