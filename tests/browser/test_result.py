"""The result as the five personas of issue 10 see it, in real headless Chromium: what each
sees first, that no step repeats one already done, that a person with a Duldung gets no step
abroad without the warning; no sideways scrolling at 320 and 390 CSS px, axe-core clean in
German and English; and a result of about three screens at 1280 px before the folded details."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.personas import (
    BRAZILIAN_JOB_SEEKER,
    INDIAN_ENGINEER,
    KOSOVAR_COOK,
    MOROCCAN_ELECTRICIAN,
    SYRIAN_NURSE,
)
from tests.browser.test_questionnaire import show_result, start, walk
from tests.questionnaire.walks import DELIC

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Steps that ask a person to apply for recognition, and to get a job offer.
APPLY_FOR_RECOGNITION = (
    "std.recognition",
    "fkv.recognition_application",
    "rm.deficit_notice",
    "ap.recognition_application",
)


def result_for(page, live_server, person):
    start(page, live_server)
    walk(page, person)
    show_result(page)


def best_way(page):
    return page.locator(".answer__way a")


def todo_keys(page):
    return page.locator(".step--todo[data-step]").evaluate_all(
        "items => items.map(item => item.dataset.step)"
    )


def assert_nothing_done_is_planned_again(page, person):
    todo = todo_keys(page)
    if person.get("recognition") in ("full", "partial", "pending"):
        assert not [key for key in todo if key in APPLY_FOR_RECOGNITION], todo
    if person.get("job_offer") == "qualified":
        assert not [key for key in todo if key.endswith(".job_offer")], todo


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.clientWidth")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url}: scrollWidth {scroll} > {width}"


def test_the_nurse_with_a_duldung_is_warned_before_any_step_abroad(live_server, page):
    result_for(page, live_server, SYRIAN_NURSE)
    warning = page.locator(".warning-box")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Duldung erlischt mit der Ausreise")
    situation = page.locator(".situation")
    for text in (
        "§ 2 Abs. 2 BQFG",
        "§ 60d",
        "§ 19d",
        "§ 25b",
        "29. März 2023",
        "Migrationsberatung",
    ):
        expect(situation).to_contain_text(text)
    # Her situation comes before the routes, the warning before everything.
    first_route = page.locator("section.pathway").first
    assert warning.bounding_box()["y"] < situation.bounding_box()["y"]
    assert situation.bounding_box()["y"] < first_route.bounding_box()["y"]
    abroad = page.locator(".step--todo[data-abroad]")
    assert abroad.count() > 0
    for index in range(abroad.count()):
        expect(abroad.nth(index).locator(".step__warning")).to_contain_text(
            "Reisen Sie mit einer Duldung"
        )
    assert_nothing_done_is_planned_again(page, SYRIAN_NURSE)


def test_the_indian_engineer_sees_the_blue_card_first(live_server, page):
    result_for(page, live_server, INDIAN_ENGINEER)
    expect(best_way(page)).to_have_text("Blaue Karte EU")
    expect(page.locator("section.pathway").first).to_have_attribute("id", "pathway-blue_card")
    expect(page.locator("[data-step='bc.comparability']")).to_have_class(re.compile("step--done"))
    expect(page.locator(".warning-box")).to_have_count(0)
    assert_nothing_done_is_planned_again(page, INDIAN_ENGINEER)


def test_the_moroccan_electrician_is_not_asked_for_the_notice_he_has(live_server, page):
    result_for(page, live_server, MOROCCAN_ELECTRICIAN)
    expect(best_way(page)).to_have_text("Chancenkarte")
    notice = page.locator("#pathway-recognition_measures [data-step='rm.deficit_notice']")
    expect(notice).to_have_class(re.compile("step--done"))
    expect(notice).to_contain_text("Defizitbescheid")
    zab = page.locator("#pathway-opportunity_card [data-step='ck.confirmation']")
    expect(zab).to_have_class(re.compile("step--left_out"))
    expect(zab).to_contain_text("ersetzt die Bestätigung der ZAB")
    assert_nothing_done_is_planned_again(page, MOROCCAN_ELECTRICIAN)


def test_the_brazilian_with_an_unknown_answer_sees_the_points_arithmetic(live_server, page):
    result_for(page, live_server, BRAZILIAN_JOB_SEEKER)
    expect(best_way(page)).to_have_text("Chancenkarte")
    gap = page.locator("#pathway-opportunity_card .points-gap")
    expect(gap).to_contain_text("5 Punkte, nötig: 6")
    expect(gap).to_contain_text("Deutsch B1 brächte 1 Punkt")
    assert_nothing_done_is_planned_again(page, BRAZILIAN_JOB_SEEKER)


def test_the_kosovar_cook_sees_the_westbalkan_regulation_first(live_server, page):
    result_for(page, live_server, KOSOVAR_COOK)
    expect(best_way(page)).to_have_text("Westbalkanregelung")
    expect(page.locator("main")).not_to_contain_text("Mechatroniker")
    expect(page.locator("main")).not_to_contain_text("Die Fachkraft")
    assert_nothing_done_is_planned_again(page, KOSOVAR_COOK)


def test_herr_delic_reads_his_result_in_about_three_screens(live_server, page):
    result_for(page, live_server, DELIC)
    expect(best_way(page)).to_have_text("Fachkraft mit Berufsausbildung oder Studium")
    viewport = page.viewport_size
    assert viewport["width"] == 1280
    height = page.evaluate("document.documentElement.scrollHeight")
    # The questionnaire stops once his best way is certain: the ways it left undecided say what
    # is still open for them (and "Weitere Wege prüfen" offers their questions), a little more;
    # the language choice and the "German is binding" line of every page add one more row.
    assert height <= 3.5 * viewport["height"], f"{height}px at {viewport}"
    # The full steps are there, folded, and open on request.
    details = page.locator("#pathway-skilled_worker details.pathway__details")
    expect(details.locator(".steps")).not_to_be_visible()
    details.locator("summary").click()
    expect(details.locator(".steps")).to_be_visible()


def test_no_page_scrolls_sideways_at_320_and_390_px_and_axe_is_clean(live_server, browser, axe):
    for lang in ("de", "en"):
        context = browser.new_context(locale="de-DE", viewport={"width": 320, "height": 700})
        context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
        context.set_default_timeout(10_000)
        try:
            page = context.new_page()
            page.goto(live_server.url + "/check/")
            page.locator("main a.button").first.click()
            page.wait_for_load_state()
            if lang == "de":
                walk(page, SYRIAN_NURSE, on_each_page=no_sideways_scroll)
            else:
                page.goto(live_server.url + "/check/q/nationality/")
                no_sideways_scroll(page)
                assert axe(page) == []
                walk_en(page)
            no_sideways_scroll(page)
            page.goto(live_server.url + "/check/result/")
            for width in (320, 390):
                page.set_viewport_size({"width": width, "height": 700})
                no_sideways_scroll(page)
                assert axe(page) == [], (lang, width)
            # Every region that scrolls can be reached by keyboard.
            regions = page.locator(".table-scroll")
            for index in range(regions.count()):
                expect(regions.nth(index)).to_have_attribute("tabindex", "0")
        finally:
            context.close()


def walk_en(page):
    """The nurse's walk on English pages (the check page has an English heading)."""
    from tests.browser.test_questionnaire import give, question_id

    while (current := question_id(page)) is not None:
        no_sideways_scroll(page)
        give(page, SYRIAN_NURSE[current])
        page.wait_for_url(lambda url, current=current: f"/q/{current}/" not in url)
    expect(page.locator("h1")).to_have_text("Check your answers")
