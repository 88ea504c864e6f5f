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


def test_an_employer_plans_saves_and_tracks_a_hire(live_server, page, axe):
    page.goto(f"{live_server.url}/hiring/")
    page.get_by_role("button", name="Zeitplan anzeigen").click()
    assert page.title().startswith("Fehler:")
    assert page.locator(".error-summary").is_visible()
    page.screenshot(path=f"{SHOTS}/form-errors.png", full_page=True)
    assert axe(page) == []

    page.get_by_label("Staatsangehörigkeit der Fachkraft").select_option("BA")
    page.get_by_label("Berufsausbildung von mindestens 2 Jahren").check()
    page.get_by_label("Noch nicht beantragt").check()
    page.locator("#id_regulated_0").check()
    page.get_by_label("Deutschkenntnisse mit Zertifikat").select_option("B2")
    page.get_by_label("Angebotenes Bruttojahresgehalt in Euro").fill("42.000")
    page.get_by_label("Bundesland des Arbeitsplatzes").select_option("BY")
    page.get_by_label("Geplanter Beginn des Verfahrens").fill("2026-03-02")
    page.locator("#id_accelerated_0").check()
    page.get_by_role("button", name="Zeitplan anzeigen").click()
    page.wait_for_url("**/hiring/timeline/")
    assert "§ 81a" in page.locator(".hiring-summary").inner_text()
    assert page.locator("table.lanes th[scope=row]").count() >= 5
    page.screenshot(path=f"{SHOTS}/timeline.png", full_page=True)
    assert axe(page) == []

    page.get_by_role("button", name="Plan speichern").click()
    page.wait_for_url("**/hiring/plan/**")
    page.get_by_label("Schritt 1 wurde erledigt am").fill("2026-04-15")
    page.get_by_role("button", name="Als erledigt markieren").click()
    assert page.locator(".slip-summary .tag--not_met").is_visible()
    page.screenshot(path=f"{SHOTS}/plan.png", full_page=True)
    assert axe(page) == []
    page.emulate_media(media="print")
    page.screenshot(path=f"{SHOTS}/plan-print.png", full_page=True)
    page.pdf(path=f"{SHOTS}/plan.pdf", format="A4")


def test_the_planning_form_works_without_javascript(live_server, no_js_page):
    page = no_js_page
    page.goto(f"{live_server.url}/hiring/herr-delic/?start=2026-03-02")
    page.get_by_label("Beginn des Verfahrens").fill("2026-05-04")
    page.get_by_role("button", name="Daten anzeigen").click()
    page.wait_for_url("**start=2026-05-04**")
    assert page.locator("ol.steps > li").count() == 7
