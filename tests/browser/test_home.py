import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_switches_the_home_page_to_english_and_back(live_server, page, axe):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Wege in den Arbeitsmarkt in Deutschland"
    assert axe(page) == []

    page.get_by_role("button", name="English").click()
    page.wait_for_url(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Ways into work in Germany"
    assert axe(page) == []

    page.get_by_role("button", name="Deutsch").click()
    assert page.locator("h1").inner_text() == "Wege in den Arbeitsmarkt in Deutschland"


def test_the_skip_link_is_the_first_stop_for_keyboard_users(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_stylesheet_reaches_the_browser(live_server, page):
    page.goto(live_server.url + "/")
    header_colour = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert header_colour == "rgb(11, 79, 138)"
