"""A counsellor's walk: log in, log an Erstberatung and a Folgeberatung for one client, import
a questionnaire result by code, and see the network's figures change; axe on every page."""

import datetime
import os

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from counselling.models import Client
from pathways.models import SavedAnswers
from tests.counselling.factory import (
    make_centre,
    make_counsellor,
    make_network,
    make_occupation,
    make_topic,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"
SHOTS = os.environ.get("COUNSELLING_SCREENSHOTS")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def counsellor(db):
    network = make_network("hessen", short_name="IQ Netzwerk Hessen")
    user = make_counsellor(
        make_centre(network, "IQ Beratungsstelle Frankfurt"), username="beraterin"
    )
    # The second factor is set up already (tests/browser/test_second_factor.py walks that).
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    make_topic("recognition_procedure", name_de="Anerkennungsverfahren")
    make_topic("qualification", name_de="Qualifizierung")
    make_occupation("doctor", "Arzt/Ärztin", regulated=True, isco="221")
    SavedAnswers.objects.create(
        code="7H3Q9DKM",
        answers={"nationality": "SY", "age": 34, "recognition": "pending",
                 "occupation_isco": "221"},
        result={"rules_version": "2026-03", "pathways": [
            {"key": "blue_card", "title": "Blaue Karte EU", "verdict": "possible"}]},
        rules_version="2026-03",
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )  # fmt: skip


def choose(page, field, typed):
    """Picks a choice in a type-ahead with chips, as a person does: type, then Enter."""
    box = page.get_by_role("combobox", name=field)
    box.focus()
    box.press_sequentially(typed)
    box.press("Enter")


def chips(page, field):
    """The names on the chips of a type-ahead, without their remove sign."""
    chosen = page.get_by_role("list", name=f"Ausgewählt: {field}").get_by_role("button")
    return [text.split(" \N{MULTIPLICATION SIGN}")[0] for text in chosen.all_inner_texts()]


def summary_figures(page):
    rows = page.locator("#table-summary tbody tr")
    return [rows.nth(i).locator("td").inner_text() for i in range(3)]


def table_cells(page, key):
    rows = page.locator(f"#table-{key} tbody tr")
    return {
        rows.nth(i).locator("th").inner_text(): rows.nth(i).locator("td").inner_text()
        for i in range(rows.count())
    }


def test_a_counsellor_logs_a_first_and_a_follow_up_consultation_and_sees_the_figures(
    live_server, page, axe, counsellor
):
    page.goto(live_server.url + "/counselling/")
    page.get_by_label("Benutzername").fill("beraterin")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    give_code(page)
    page.wait_for_url(live_server.url + "/counselling/")
    assert axe(page) == []

    page.get_by_role("link", name="Zahlen Ihres Netzwerks").click()
    assert summary_figures(page) == ["0", "0", "0"]
    assert axe(page) == []

    page.get_by_role("link", name="Zurück zur Übersicht").click()
    page.get_by_role("link", name="Neue Person: Erstberatung erfassen").click()
    assert axe(page) == []
    page.get_by_label("Geburtsjahr").fill("1990")
    page.get_by_label("Staatsangehörigkeit").press_sequentially("Syr", delay=40)
    page.locator('#country-options option[value="Syrien"]').wait_for(state="attached")
    page.get_by_label("Staatsangehörigkeit").fill("Syrien")
    page.get_by_label("Referenzberuf", exact=True).fill("Arzt/Ärztin")
    page.get_by_role("group", name="Anerkennung", exact=True).get_by_label(
        "Beantragt, offen"
    ).check()
    choose(page, "Themen", "Anerk")
    assert chips(page, "Themen") == ["Anerkennungsverfahren"]
    shot(page, "1-first-consultation")
    page.get_by_role("button", name="Erstberatung speichern").click()
    assert page.get_by_text("Die Erstberatung wurde gespeichert.").is_visible()
    assert page.locator(".history .tag").all_inner_texts() == ["Erstberatung"]
    code = Client.objects.get().code
    assert code in page.locator("h1").inner_text()
    assert axe(page) == []
    shot(page, "2-client")

    page.get_by_role("link", name="Folgeberatung erfassen").click()
    page.get_by_text("Ergebnis eines Fragebogens übernehmen").click()
    page.get_by_label("Code des Fragebogens").fill("7h3q-9dkm")
    page.get_by_role("button", name="Übernehmen").click()
    assert page.get_by_role("heading", name="Fragebogen 7H3Q9DKM übernommen").is_visible()
    assert page.get_by_text("Blaue Karte EU").is_visible()
    assert axe(page) == []
    choose(page, "Themen", "Quali")
    page.get_by_role("group", name="Anerkennung", exact=True).get_by_label(
        "Teilweise Gleichwertigkeit"
    ).check()
    shot(page, "3-follow-up")
    page.get_by_role("button", name="Folgeberatung speichern").click()
    assert page.locator(".history .tag").all_inner_texts() == ["Folgeberatung", "Erstberatung"]
    outcomes = page.locator(".outcome-history li").all_inner_texts()
    assert [text.split(": ", 1)[1].split(" (")[0] for text in outcomes] == [
        "Teilweise Gleichwertigkeit", "Beantragt, offen",
    ]  # fmt: skip
    shot(page, "3b-client-with-outcomes")
    assert page.get_by_text(
        "Ergebnis zum Code 7H3Q9DKM übernommen (Regelstand 2026-03)"
    ).is_visible()

    page.goto(live_server.url + "/counselling/figures/")
    assert summary_figures(page) == ["1", "1", "1"]
    assert page.locator("#table-nationalities tbody tr").first.inner_text().startswith("Syrien")
    # Both outcomes were reached in this period; at its end the person stands at partial.
    reached, at_end = table_cells(page, "outcomes_reached"), table_cells(page, "outcomes")
    assert (reached["Beantragt, offen"], reached["Teilweise Gleichwertigkeit"]) == ("1", "1")
    assert (at_end["Beantragt, offen"], at_end["Teilweise Gleichwertigkeit"]) == ("0", "1")
    assert axe(page) == []
    shot(page, "4-figures")
    if SHOTS:
        for key in ("outcomes_reached", "outcomes"):
            section = page.locator("section.figure", has=page.locator(f"#table-{key}"))
            section.screenshot(path=f"{SHOTS}/4-{key}.png")


def test_the_first_consultation_form_works_without_javascript(live_server, no_js_page, counsellor):
    page = no_js_page
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Benutzername").fill("beraterin")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    give_code(page)
    page.goto(live_server.url + "/counselling/consultations/new/")
    page.get_by_label("Staatsangehörigkeit").fill("Atlantis")
    page.get_by_role("button", name="Erstberatung speichern").click()
    assert page.title().startswith("Fehler:")
    assert page.get_by_label("Staatsangehörigkeit").input_value() == "Atlantis"
    page.get_by_label("Staatsangehörigkeit").fill("Syria")
    page.get_by_role("button", name="Erstberatung speichern").click()
    assert page.get_by_text("Die Erstberatung wurde gespeichert.").is_visible()
    assert Client.objects.get().nationality == "SY"


def give_code(page):
    """The second step of the login: the code the counsellor's app shows now."""
    device = TOTPDevice.objects.get(user__username="beraterin")
    page.get_by_label("Code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Anmelden").click()


def log_in(page, live_server):
    page.goto(live_server.url + "/accounts/login/?next=/counselling/")
    page.get_by_label("Benutzername").fill("beraterin")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    give_code(page)
    page.wait_for_url(live_server.url + "/counselling/")


def summary_row(page, label):
    header = page.get_by_role("rowheader", name=label, exact=True)
    return page.locator("#table-summary tbody tr", has=header).locator("td").inner_text()


def test_a_counsellor_logs_a_group_session_with_the_keyboard_and_sees_it_counted(
    live_server, page, axe, counsellor
):
    log_in(page, live_server)
    page.get_by_role("link", name="Gruppenberatung erfassen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/consultations/group/new/")
    assert page.title().startswith("Gruppenberatung erfassen")
    assert axe(page) == []
    page.get_by_label("Dauer in Minuten").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("90")
    page.get_by_role("combobox", name="Themen").focus()
    page.keyboard.type("Aner")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Gruppenberatung speichern").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.title().startswith("Fehler:")
    summary = page.locator(".error-summary")
    assert summary.evaluate("element => element === document.activeElement")
    assert page.get_by_label("Dauer in Minuten").input_value() == "90"
    assert chips(page, "Themen") == ["Anerkennungsverfahren"]
    assert axe(page) == []
    shot(page, "5-group-session-error")
    summary.get_by_role("link", name="Zahl der Teilnehmenden").focus()
    page.keyboard.press("Enter")
    participants = page.get_by_label("Zahl der Teilnehmenden")
    assert participants.evaluate("element => element === document.activeElement")
    page.keyboard.type("14")
    page.keyboard.press("Enter")

    page.wait_for_url(live_server.url + "/counselling/")
    assert page.get_by_text("Die Gruppenberatung wurde gespeichert.").is_visible()
    assert page.get_by_role("listitem").filter(has_text="14 Teilnehmende").is_visible()
    assert axe(page) == []
    shot(page, "7-dashboard-after-group-session")
    page.get_by_role("link", name="Zahlen Ihres Netzwerks").click()
    assert summary_row(page, "Gruppenberatungen") == "1"
    assert summary_row(page, "Teilnehmende an Gruppenberatungen") == "14"
    assert summary_row(page, "Erstberatungen") == "0"
    assert axe(page) == []
    shot(page, "8-figures-with-group-session")


def test_an_employer_consultation_is_counted_apart_from_people(live_server, page, axe, counsellor):
    make_topic("recruitment_abroad", "employers", name_de="Gewinnung von Fachkräften")
    log_in(page, live_server)
    page.get_by_role("link", name="Arbeitgeberberatung erfassen").click()
    assert axe(page) == []
    page.get_by_role("group", name="Kanal").get_by_label("Per Video").check()
    choose(page, "Themen", "Gewinn")
    shot(page, "6-employer-consultation")
    page.get_by_role("button", name="Arbeitgeberberatung speichern").click()
    assert page.get_by_text("Die Arbeitgeberberatung wurde gespeichert.").is_visible()
    page.get_by_role("link", name="Zahlen Ihres Netzwerks").click()
    assert summary_row(page, "Arbeitgeberberatungen (Fachkräfteeinwanderung)") == "1"
    assert summary_row(page, "Beratene Personen") == "0"
    assert axe(page) == []


class Keyboard:
    """The page's keyboard, counting every key a person presses (a typed letter is one)."""

    def __init__(self, page):
        self.page, self.count, self.focus_styles = page, 0, []

    def type(self, text):
        self.page.keyboard.type(text, delay=20)
        self.count += len(text)

    def press(self, key, times=1):
        for _ in range(times):
            self.page.keyboard.press(key)
            self.count += 1
            if key == "Tab":
                self.focus_styles.append(self.page.evaluate(FOCUS_STYLE))


# What shows where the focus is: the element's name and whether it has an outline.
FOCUS_STYLE = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const name = element.id || element.name || element.tagName;
  return [name, style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2];
}"""


def test_an_erstberatung_takes_under_60_keystrokes_with_the_keyboard_only(
    live_server, page, axe, counsellor
):
    make_topic("recognition_procedure", name_de="Anerkennungsverfahren")
    log_in(page, live_server)
    page.goto(live_server.url + "/counselling/consultations/new/")
    keys = Keyboard(page)
    assert page.evaluate("document.activeElement.id") == "id_client-birth_year"
    keys.type("1990")
    keys.press("Tab", 2)  # past the gender (one stop for the group)
    keys.type("Syr")
    keys.press("Tab")
    keys.type("Syr")
    keys.press("Tab")
    keys.type("Arzt")
    keys.press("Tab")
    keys.press("ArrowDown")  # recognition: applied, open
    keys.press("Tab")
    keys.type("Aufe")  # residence status: Aufenthaltserlaubnis
    keys.press("Tab")
    keys.type("Arab")
    keys.press("Enter")
    # Year of entry, flight background, regulated occupation; date, duration, service line,
    # channel and language keep their defaults.
    keys.press("Tab", 9)
    keys.type("Aner")
    keys.press("Enter")
    keys.press("Tab")
    keys.type("Anerk")
    keys.press("Enter")
    with page.expect_navigation():
        keys.press("Enter")

    assert page.get_by_text("Die Erstberatung wurde gespeichert.").is_visible()
    assert keys.count < 60, keys.count
    person = Client.objects.get()
    assert (person.birth_year, person.nationality, person.qualification_country) == (
        1990, "SY", "SY",
    )  # fmt: skip
    assert (person.residence_status, person.recognition_outcome) == ("residence_permit", "open")
    assert person.languages == ["ar"]
    consultation = person.consultations.get()
    assert list(consultation.topics.values_list("code", flat=True)) == ["recognition_procedure"]
    assert consultation.referrals == ["recognition_authority"]
    assert consultation.date == timezone.localdate()
    unmarked = [name for name, outlined in keys.focus_styles if not outlined]
    assert unmarked == []
    print(f"Erstberatung: {keys.count} keystrokes, {len(keys.focus_styles)} tab stops")


def test_a_counsellor_corrects_a_consultation_and_sees_the_earlier_version(
    live_server, page, axe, counsellor
):
    log_in(page, live_server)
    page.goto(live_server.url + "/counselling/consultations/new/")
    page.get_by_label("Geburtsjahr").fill("1985")
    page.get_by_label("Notiz").fill("Erste Fassung")
    page.get_by_role("button", name="Erstberatung speichern").click()
    page.get_by_role("link", name="Korrigieren").click()
    assert axe(page) == []
    page.get_by_label("Notiz").fill("Zweite Fassung")
    page.get_by_label("Datum").fill("gestern")
    page.get_by_role("button", name="Korrektur speichern").click()
    assert page.get_by_text("Die Korrektur wurde gespeichert").is_visible()
    assert page.get_by_text("Zweite Fassung").is_visible()
    consultation = Client.objects.get().consultations.get()
    assert consultation.date == timezone.localdate() - datetime.timedelta(days=1)
    assert [v.note for v in consultation.versions.order_by("history_date")] == [
        "Erste Fassung", "Zweite Fassung",
    ]  # fmt: skip


PAGES = ["/counselling/", "/counselling/consultations/new/", "/counselling/clients/{code}/",
         "/counselling/clients/{code}/follow-up/", "/counselling/consultations/{pk}/edit/",
         "/counselling/consultations/group/new/", "/counselling/consultations/employer/new/",
         "/counselling/figures/", "/counselling/clients/?q=K"]  # fmt: skip


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_counselling_page_is_axe_clean_and_fits_320_px(
    live_server, page, axe, counsellor, language
):
    make_topic("recognition_procedure", name_de="Anerkennungsverfahren")
    log_in(page, live_server)
    page.goto(live_server.url + "/counselling/consultations/new/")
    page.get_by_label("Geburtsjahr").fill("1985")
    page.get_by_label("Referenzberuf", exact=True).fill("Arzt/Ärztin")
    page.get_by_label("Nächste Schritte").fill("Zeugnisse übersetzen lassen und einreichen")
    page.get_by_role("button", name="Erstberatung speichern").click()
    person = Client.objects.get()
    if language == "en":
        page.get_by_role("button", name="English").click()
    for path in PAGES:
        url = live_server.url + path.format(code=person.code, pk=person.consultations.get().pk)
        for width, height in ((1280, 900), (390, 844), (320, 640)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(url)
            if width != 320:
                assert axe(page) == [], (path, width, language)
            assert page.evaluate(TOO_WIDE) == [], (path, width)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (path, width, overflow, page.evaluate(ANY_TOO_WIDE))
        overlaps = page.evaluate(OVERLAPPING_FACTS)
        assert overlaps == [], (path, overlaps)


# Elements reaching past the right edge of the page (what makes it scroll sideways), leaving
# out those inside a region that scrolls on its own (the wide tables of the figures).
TOO_WIDE = """() => {
  const scrolls = (element) => ["auto", "scroll"].includes(getComputedStyle(element).overflowX);
  const inScroller = (element) => {
    for (let up = element.parentElement; up; up = up.parentElement) if (scrolls(up)) return true;
    return false;
  };
  return [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > innerWidth + 0.5)
    .filter((element) => !inScroller(element))
    .map((element) => `${element.tagName}.${element.className}#${element.id}`);
}"""


ANY_TOO_WIDE = """() => [...document.querySelectorAll("body *")]
  .filter((element) => element.scrollWidth > element.clientWidth + 1 && element.clientWidth)
  .map((element) => `${element.tagName}.${element.className}#${element.id}`)"""


# Labels (dt) and values (dd) of the facts lists that overlap on the page.
OVERLAPPING_FACTS = """() => {
  const found = [];
  document.querySelectorAll(".facts").forEach((list) => {
    const boxes = [...list.children].map((el) => [el.textContent, el.getBoundingClientRect()]);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, r] = boxes[i], [b, s] = boxes[j];
      if (r.width && s.width && r.left < s.right - 1 && s.left < r.right - 1 &&
          r.top < s.bottom - 1 && s.top < r.bottom - 1) found.push(`${a} / ${b}`);
    }
  });
  return found;
}"""
