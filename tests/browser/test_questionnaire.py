"""The questionnaire walked as people walk it: real headless Chromium, with and without
JavaScript, by mouse and by keyboard, in German and English, checked by axe-core."""

import re

import pytest
from playwright.sync_api import expect

from pathways.models import SavedAnswers
from pathways.rules.questions import QUESTIONS_BY_ID
from tests.questionnaire.walks import DELIC, KOSOVAR, POINTS, page_value

# Herr Delić with a partial recognition and the points person's answers: enough to answer
# every question either walk may ask after a change.
EVERYTHING = {
    **DELIC,
    **POINTS,
    "nationality": "BA",
    "employer_suitable_for_training": "yes",
    "recognition_partnership_agreement": "no",
    "experience_years_last7": "5",
    "it_experience_years_last7": "0",
    "employer_collective_agreement": "no",
    "pension_provision": "no",
}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


QUESTION_URL = re.compile(r"/check/q/([a-z0-9_]+)/$")


def question_id(page):
    match = QUESTION_URL.search(page.url)
    return match.group(1) if match else None


def give(page, value):
    """Answer the question on the page as a person would, and go on."""
    page.wait_for_load_state()
    if isinstance(value, tuple):
        page.locator(f"button[name='{value[0]}'][value='{value[1]}']").click()
        return
    field = page.locator("[name='answer']").first
    kind = field.evaluate("element => element.tagName + ':' + element.type")
    if kind == "SELECT:select-one":
        field.select_option(value)
    elif kind == "INPUT:radio":
        page.locator(f"input[name='answer'][value='{value}']").check()
    else:
        field.fill(value)
    page.locator("form.question button[type='submit']:not([name])").click()


def walk(page, person, *, on_each_page=None):
    """Answer every question asked until the check page; returns the ids in order."""
    asked = []
    while (current := question_id(page)) is not None:
        expect(page.locator("form.question")).to_have_attribute("action", f"/check/q/{current}/")
        assert current not in asked, f"{current} asked twice"
        asked.append(current)
        if on_each_page:
            on_each_page(page)
        give(page, page_value(person, current))
        page.wait_for_url(lambda url, current=current: f"/q/{current}/" not in url)
    expect(page.locator("h1")).to_have_text("Ihre Angaben prüfen")
    return asked


def start(page, live_server):
    page.goto(live_server.url + "/check/")
    page.get_by_role("link", name="Jetzt starten").click()
    page.wait_for_load_state()


def show_result(page):
    page.get_by_role("link", name="Mein Ergebnis anzeigen").click()
    expect(page.locator("h1")).to_have_text("Ihr Ergebnis")


def verdict(page, key):
    return page.locator(f"#pathway-{key} .pathway__meta .tag")


def test_herr_delic_sees_the_skilled_worker_route_and_the_81a_steps_in_legal_order(
    live_server, page
):
    start(page, live_server)
    walk(page, DELIC)
    show_result(page)
    expect(verdict(page, "skilled_worker")).to_have_text("Steht Ihnen offen")
    expect(verdict(page, "accelerated_procedure")).to_have_text("Steht Ihnen offen")
    expect(page.locator(".rules-date")).to_contain_text("Stand der Regeln:")

    steps = page.locator("#pathway-accelerated_procedure .step__title").all_text_contents()
    order = [
        "Vollmacht",
        "Vereinbarung",
        "Anerkennung",
        "Gleichwertigkeit",
        "Bundesagentur",
        "Vorabzustimmung",
        "Visum",
    ]
    positions = [next(i for i, step in enumerate(steps) if word in step) for word in order]
    assert positions == sorted(positions), steps
    actors = page.locator("#pathway-accelerated_procedure .step__facts dd").first
    expect(actors).to_have_text("Sie")


def test_a_kosovar_with_recent_asylum_benefits_learns_why_westbalkan_is_closed(live_server, page):
    start(page, live_server)
    walk(page, KOSOVAR)
    show_result(page)
    expect(verdict(page, "westbalkan")).to_have_text("Zurzeit nicht möglich")
    reason = page.locator("#pathway-westbalkan .check--not_met")
    expect(reason).to_have_count(1)
    expect(reason).to_contain_text("Asylbewerberleistungsgesetz")
    expect(reason.locator(".check__source")).to_contain_text("§ 26 Abs. 2")


def test_the_chancenkarte_points_add_up_to_the_total(live_server, page):
    start(page, live_server)
    walk(page, POINTS)
    show_result(page)
    table = page.locator("#pathway-opportunity_card table.points")
    points = [int(cell) for cell in table.locator("tbody .points__number").all_text_contents()]
    total = int(table.locator(".points__total").text_content())
    assert len(points) >= 8
    assert sum(points) == total == 7
    expect(verdict(page, "opportunity_card")).to_have_text("Steht Ihnen offen")


def test_changing_an_earlier_answer_from_the_check_page_keeps_what_still_applies(live_server, page):
    start(page, live_server)
    walk(page, DELIC)
    page.get_by_role("link", name="Ändern Wie alt sind Sie").click()
    expect(page.locator("input#answer")).to_have_value("36")
    expect(page.locator(".back-link")).to_have_attribute("href", "/check/review/")
    page.locator("input#answer").fill("37")
    page.get_by_role("button", name="Weiter").click()
    expect(page.locator("h1")).to_have_text("Ihre Angaben prüfen")
    expect(page.locator(".review")).to_contain_text("37 Jahre")
    expect(page.locator(".review")).to_contain_text("Voll anerkannt")

    # A change that opens new questions asks them, then returns to the check page.
    page.get_by_role("link", name="Ändern Wie weit ist die Anerkennung").click()
    page.locator("input[value='partial']").check()
    page.get_by_role("button", name="Weiter").click()
    page.wait_for_url(lambda url: "/q/recognition/" not in url)
    asked = walk(page, EVERYTHING)
    assert asked
    assert "age" not in asked
    expect(page.locator(".review")).to_contain_text("Teilweise anerkannt")


def test_the_same_walk_works_without_javascript(live_server, no_js_page):
    page = no_js_page
    start(page, live_server)
    page.locator("form.question button[type='submit']:not([name])").click()
    expect(page).to_have_title(re.compile("^Fehler: "))
    expect(page.locator(".error-summary a")).to_have_attribute("href", "#answer")
    walk(page, DELIC)
    show_result(page)
    expect(verdict(page, "skilled_worker")).to_have_text("Steht Ihnen offen")


def test_the_browser_back_button_returns_to_the_previous_question(live_server, page):
    start(page, live_server)
    give(page, "BA")
    page.wait_for_url("**/q/residence/")
    expect(page.locator("h1")).to_be_focused()
    # The language switch returns to the question shown, not to the page first loaded.
    expect(page.locator(".language-switch input[name='next']")).to_have_value("/check/q/residence/")
    give(page, "abroad")
    page.wait_for_url("**/q/age/")
    page.go_back()
    expect(page.locator("h1")).to_have_text("Wo leben Sie zurzeit?")
    expect(page.locator("input[value='abroad']")).to_be_checked()
    page.locator(".back-link").click()
    expect(page.locator("h1")).to_have_text("Welche Staatsangehörigkeit haben Sie?")
    expect(page).to_have_url(re.compile("/q/nationality/$"))


def test_a_saved_code_reopens_the_result_in_a_fresh_browser(live_server, page, browser, axe):
    start(page, live_server)
    walk(page, DELIC)
    show_result(page)
    page.get_by_role("button", name="Speichern und Code erhalten").click()
    code = page.locator("#saved-code").inner_text()
    assert SavedAnswers.objects.filter(code=code).exists()
    assert axe(page) == []

    fresh = browser.new_context(locale="de-DE")
    try:
        other = fresh.new_page()
        other.goto(live_server.url + "/check/resume/")
        assert axe(other) == []
        other.get_by_label("Gespeicherte Antworten öffnen").fill(code.lower())
        other.get_by_role("button", name="Antworten öffnen").click()
        expect(other.locator("h1")).to_have_text(f"Gespeicherte Antworten {code}")
        expect(other.locator(".reopened")).to_contain_text("Regelversion")
        expect(verdict(other, "skilled_worker")).to_have_text("Steht Ihnen offen")
        assert axe(other) == []
        other.get_by_role("button", name="Nach den heutigen Regeln neu bewerten").click()
        expect(other.locator("h1")).to_have_text("Ihr Ergebnis")
        expect(verdict(other, "accelerated_procedure")).to_have_text("Steht Ihnen offen")
    finally:
        fresh.close()


def test_a_walk_by_keyboard_only(live_server, page):
    page.goto(live_server.url + "/check/")
    page.get_by_role("link", name="Jetzt starten").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Welche Staatsangehörigkeit haben Sie?")

    def tab_to(selector):
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"{selector} not reached by Tab")

    tab_to("select#answer")
    page.keyboard.type("Bosnien")
    tab_to("form.question button.button")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Wo leben Sie zurzeit?")
    expect(page.locator("h1")).to_be_focused()
    tab_to("input[name='answer']")
    page.keyboard.press("Space")
    tab_to("form.question button.button")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Wie alt sind Sie, wenn Sie den Antrag stellen?")
    tab_to("input#answer")
    page.keyboard.type("30")
    page.keyboard.press("Enter")
    # The first choice was "abroad, in Bosnia and Herzegovina": no question for the country.
    expect(page.locator("h1")).to_contain_text("Asylbewerberleistungsgesetz")
    expect(page.locator("h1")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.matches('.back-link')")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Wie alt sind Sie, wenn Sie den Antrag stellen?")
    expect(page.locator("input#answer")).to_have_value("30")


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_page_of_a_walk_passes_axe(live_server, page, axe, language):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(live_server.url + "/check/")
    assert axe(page) == []
    page.goto(live_server.url + "/check/q/nationality/")
    # An error page, then every question of two walks that together ask every kind.
    page.locator("form.question button[type='submit']:not([name])").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert axe(page) == []

    seen = set()

    def check(page):
        seen.add(question_id(page))
        assert axe(page) == [], question_id(page)

    walk_any_language(page, DELIC, check)
    assert axe(page) == []
    page.goto(live_server.url + "/check/result/")
    assert axe(page) == []
    # "Weitere Wege prüfen": the questions only the other ways need.
    page.locator(".more-ways button").click()
    walk_any_language(page, EVERYTHING, check)
    page.goto(live_server.url + "/check/review/")
    recognition = "(Ändern Wie weit ist die Anerkennung|Change How far is the recognition)"
    page.get_by_role("link", name=re.compile(recognition)).click()
    page.locator("input[value='partial']").check()
    page.locator("form.question button[type='submit']:not([name])").click()
    page.wait_for_url(lambda url: "/q/recognition/" not in url)
    walk_any_language(page, EVERYTHING, check)
    page.goto(live_server.url + "/check/result/")
    assert axe(page) == []
    # Only what can change the result is asked, but the walks met every kind of question.
    assert {QUESTIONS_BY_ID[key].kind for key in seen} == {
        "choice",
        "bool",
        "int",
        "decimal",
        "country",
    }


def walk_any_language(page, person, on_each_page):
    while (current := question_id(page)) is not None:
        on_each_page(page)
        give(page, page_value(person, current))
        page.wait_for_url(lambda url, current=current: f"/q/{current}/" not in url)
