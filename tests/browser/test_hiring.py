"""Einstellung planen in real Chromium: Herr Delić's seven steps, the planning walk, axe-core."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/hiring-shots"

# The brochure's steps in the order § 81a Abs. 3 AufenthG requires (digest § 4.2), with who is
# in charge of each.
DELIC_ACTORS = [
    "Fachkraft",
    "Arbeitgeber",
    "Ausländerbehörde",
    "Anerkennungsstelle (z. B. IHK FOSA)",
    "Bundesagentur für Arbeit",
    "Ausländerbehörde",
    "Deutsche Auslandsvertretung",
]
DELIC_TITLES = [
    "Vollmacht",
    "Vereinbarung",
    "beantragt die Anerkennung",
    "volle",
    "stimmt der Beschäftigung zu",
    "Vorabzustimmung",
    "Visum",
]


def test_the_herr_delic_page_reads_the_seven_steps_in_the_legal_order(live_server, page, axe):
    page.goto(f"{live_server.url}/hiring/herr-delic/?start=2026-03-02&land=BY")
    steps = page.locator("ol.steps > li")
    assert steps.count() == 7
    titles = steps.locator(".step__title").all_inner_texts()
    actors = steps.locator(".step__actor").all_inner_texts()
    assert actors == DELIC_ACTORS
    for number, (title, expected) in enumerate(zip(titles, DELIC_TITLES, strict=True), 1):
        assert title.startswith(f"Schritt {number}:")
        assert expected in title
    assert steps.locator(".step__advice").count() == 7
    assert page.locator("table.lanes caption").is_visible()
    page.screenshot(path=f"{SHOTS}/delic-de.png", full_page=True)
    assert axe(page) == []

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("ol.steps > li").count() == 7
    assert page.locator(".step__actor").first.inner_text() == "Skilled worker"
    assert axe(page) == []


def test_a_new_start_date_replans_herr_delic_in_place(live_server, page):
    page.goto(f"{live_server.url}/hiring/herr-delic/?start=2026-03-02&land=BY")
    first = page.locator("#delic-plan .hiring-summary strong").inner_text()
    page.get_by_label("Beginn des Verfahrens").fill("2026-09-01")
    page.get_by_role("button", name="Daten anzeigen").click()
    page.wait_for_url("**start=2026-09-01**")
    assert page.locator("#delic-plan .hiring-summary strong").inner_text() != first


def fill(page, values):
    """Answers the planning form by field name: selects, radios and text inputs."""
    for name, value in values.items():
        field = page.locator(f"[name={name}]")
        kind = field.first.evaluate("e => e.tagName + ':' + (e.type || '')")
        if kind.startswith("SELECT"):
            field.select_option(value)
        elif kind == "INPUT:radio":
            page.locator(f"input[name={name}][value={value}]").check()
        else:
            field.fill(value)


FIRST_STEP = {
    "nationality": "IN",
    "qualification": "academic",
    "german_level": "B1",
    "salary": "52.000",
    "land": "NW",
    "start": "2026-03-02",
    "accelerated": "no",
}
SECOND_STEP = {"recognition": "none", "regulated": "no", "occupation": "25"}


def plan_a_hire(page, base, first=FIRST_STEP, second=SECOND_STEP):
    page.goto(f"{base}/hiring/")
    fill(page, first)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_load_state()
    if second:
        # Second step, server-side: the questions on the qualification appear only now.
        assert page.locator("[name=recognition]").count() > 0
        fill(page, second)
        page.locator("form.form button[type=submit]").click()
    page.wait_for_url("**/hiring/timeline/")


WIDEST = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 5)
    .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.clientWidth")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url}: scrollWidth {scroll} > {width}: {page.evaluate(WIDEST)}"


def test_an_employer_plans_saves_and_tracks_a_hire(live_server, page, axe):
    page.goto(f"{live_server.url}/hiring/")
    page.get_by_role("button", name="Zeitplan anzeigen").click()
    assert page.title().startswith("Fehler:")
    assert page.locator(".error-summary").is_visible()
    assert "Geben Sie an, welchen Abschluss" in page.locator(".error-summary").inner_text()
    page.screenshot(path=f"{SHOTS}/form-errors.png", full_page=True)
    assert axe(page) == []

    page.get_by_label("Staatsangehörigkeit der Fachkraft").select_option("BA")
    page.get_by_label("Berufsausbildung von mindestens 2 Jahren").check()
    page.get_by_label("Deutschkenntnisse mit Zertifikat").select_option("B2")
    page.get_by_label("Angebotenes Bruttojahresgehalt in Euro").fill("42.000")
    page.get_by_label("Bundesland des Arbeitsplatzes").select_option("BY")
    page.get_by_label("Geplanter Beginn des Verfahrens").fill("2026-03-02")
    page.locator("#id_accelerated_0").check()
    page.get_by_role("button", name="Zeitplan anzeigen").click()
    # The second step asks about the qualification; nothing was wrong yet.
    assert not page.title().startswith("Fehler:")
    page.get_by_label("Noch nicht beantragt").check()
    page.locator("#id_regulated_0").check()
    page.get_by_role("button", name="Zeitplan anzeigen").click()
    page.wait_for_url("**/hiring/timeline/")
    assert page.locator("table.lanes th[scope=row]").count() >= 4
    page.screenshot(path=f"{SHOTS}/timeline.png", full_page=True)
    assert axe(page) == []

    page.get_by_role("button", name="Plan speichern").click()
    page.wait_for_url("**/hiring/plan/**")
    plan_url = page.url
    # A date in the future: the error stays on the plan's own address, and the link shown works.
    page.locator("#id_done_on").fill("2099-01-01")
    page.get_by_role("button", name="Als erledigt markieren").click()
    assert page.url == plan_url
    assert page.locator(".error-summary").is_visible()
    link = page.locator(".private-link").inner_text()
    assert link == plan_url
    assert page.request.get(link).status == 200

    page.locator("#id_done_on").fill("2026-04-15")
    page.get_by_role("button", name="Als erledigt markieren").click()
    page.wait_for_load_state()
    # Focus moves to the confirmation.
    assert page.evaluate("document.activeElement.id") == "confirmation"
    assert "Schritt 1 ist als erledigt markiert" in page.locator("#confirmation").inner_text()
    assert page.locator(".slip-summary .tag--not_met").is_visible()
    page.screenshot(path=f"{SHOTS}/plan.png", full_page=True)
    assert axe(page) == []
    page.emulate_media(media="print")
    page.screenshot(path=f"{SHOTS}/plan-print.png", full_page=True)
    page.pdf(path=f"{SHOTS}/plan.pdf", format="A4")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_hiring_screen_scrolls_sideways_at_320_and_390_px_and_axe_is_clean(
    live_server, browser, axe, lang
):
    context = browser.new_context(locale="de-DE", viewport={"width": 320, "height": 700})
    context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    context.set_default_timeout(10_000)
    checked = []

    def check(page, name):
        for width in (320, 390):
            page.set_viewport_size({"width": width, "height": 700})
            no_sideways_scroll(page)
            assert axe(page) == [], (lang, name, width)
        checked.append(name)

    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/hiring/")
        check(page, "form")
        fill(page, FIRST_STEP)
        page.locator("form.form button[type=submit]").click()
        page.wait_for_load_state()
        check(page, "form, second step")
        fill(page, SECOND_STEP)
        page.locator("form.form button[type=submit]").click()
        page.wait_for_url("**/hiring/timeline/")
        # The software engineer's timeline has the comparison and the other routes tables.
        assert page.locator("table.compare").count() == 1
        assert page.locator("table.others").count() == 1
        check(page, "timeline")
        page.locator("form[action$='/save/'] button").click()
        page.wait_for_url("**/hiring/plan/**")
        check(page, "saved plan")
        page.goto(f"{live_server.url}/hiring/herr-delic/?start=2026-03-02&land=NW")
        check(page, "Herr Delić")
        page.goto(f"{live_server.url}/hiring/herr-delic/")
        check(page, "Herr Delić, today")
    finally:
        context.close()
    assert len(checked) == 6


def test_the_comparison_table_can_be_reached_by_keyboard(live_server, page):
    plan_a_hire(page, live_server.url)
    region = page.locator("table.compare").locator("xpath=..")
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("role") == "region"


def test_a_worker_without_qualification_is_not_asked_about_recognition(live_server, page):
    first = {**FIRST_STEP, "nationality": "XK", "qualification": "none", "salary": "36000"}
    plan_a_hire(page, live_server.url, first=first, second=None)
    page.goto(f"{live_server.url}/hiring/")
    assert page.locator("[name=recognition]").count() == 0
    assert page.locator("[name=regulated]").count() == 0


def test_the_planning_form_works_without_javascript(live_server, no_js_page):
    page = no_js_page
    page.goto(f"{live_server.url}/hiring/herr-delic/?start=2026-03-02")
    page.get_by_label("Beginn des Verfahrens").fill("2026-05-04")
    page.get_by_role("button", name="Daten anzeigen").click()
    page.wait_for_url("**start=2026-05-04**")
    assert page.locator("ol.steps > li").count() == 7
