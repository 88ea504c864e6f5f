import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_the_arabic_home_page_is_right_to_left_axe_clean_and_fits_320_px(live_server, page, axe):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="العربية").click()
    page.wait_for_url(live_server.url + "/")
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "طرق الوصول إلى العمل في ألمانيا"
    # Right to left: the heading starts at the right edge of its box.
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"
    assert axe(page) == []
    for width, height in ((390, 844), (320, 640)):
        page.set_viewport_size({"width": width, "height": height})
        assert page.evaluate(OVERFLOW) == 0, width
    assert axe(page) == []


def test_the_binding_german_version_is_one_link_away(live_server, page):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Українська").click()
    page.get_by_role("link", name="Показати цю сторінку німецькою").click()
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text() == "Wege in den Arbeitsmarkt in Deutschland"
    # Only that page: the next one is Ukrainian again.
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "uk"


def test_the_language_switch_works_without_javascript_and_is_remembered(live_server, no_js_page):
    page = no_js_page
    page.goto(live_server.url + "/check/")
    page.get_by_role("button", name="Українська").click()
    page.wait_for_url(live_server.url + "/check/")
    assert page.locator("html").get_attribute("lang") == "uk"
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Шляхи до роботи в Німеччині"
    # Keyboard: the switch's buttons are reachable and named in their own language.
    switch = page.get_by_role("group", name="Мова")
    assert switch.get_by_role("button", name="Deutsch").is_visible()
