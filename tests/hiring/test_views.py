"""Einstellung planen through the Django test client: the form, the timeline, saved plans."""

from datetime import date, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from pathways.models import EmployerPlan
from pathways.rules.steps import FKV_KEYS

from .cases import case

pytestmark = pytest.mark.django_db

DELIC = case()


def plan_a_hire(client, **changes):
    return client.post(reverse("hiring:start"), {**DELIC, **changes})


def test_the_planning_form_is_public(client):
    response = client.get(reverse("hiring:start"))
    assert response.status_code == 200
    assert 'name="nationality"' in response.text


def test_a_valid_form_redirects_to_the_timeline_of_the_accelerated_procedure(client):
    response = plan_a_hire(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("hiring:timeline")
    page = client.get(response["Location"], headers={"accept-language": "en"})
    assert page.status_code == 200
    assert "§ 81a" in page.text
    assert "<caption" in page.text
    assert 'scope="row"' in page.text
    # Fronleichnam (4 June 2026) lies in the recognition period and is a holiday in Bayern.
    assert "Corpus Christi" in page.text


def test_without_section_81a_the_standard_procedure_comes_first(client):
    plan_a_hire(client, accelerated="no")
    page = client.get(reverse("hiring:timeline"))
    summary = page.context["view"]["summary"]
    assert summary["route"] == "standard"
    fast, slow = page.context["compare"]
    assert fast["accelerated"]
    assert not slow["accelerated"]
    # The job offer is in hand, so the standard route starts with the recognition at once;
    # § 81a adds its fee of 411 € and two months of preparation before it (power of attorney,
    # agreement) but shortens the recognition to 2 months and the BA to 1 week.
    assert fast["start_of_work"] != slow["start_of_work"]
    assert fast["fees"] != slow["fees"]


def test_a_missing_answer_keeps_what_was_typed_and_says_what_is_wrong(client):
    response = plan_a_hire(client, salary="", land="")
    assert response.status_code == 400
    assert 'class="error-summary"' in response.text
    assert 'href="#id_salary"' in response.text
    assert 'value="2026-03-02"' in response.text
    assert "<title>Fehler:" in response.text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nationality", "ZZ"),
        ("land", "XX"),
        ("qualification", "doctorate"),
        ("start", "1999-01-01"),
        ("salary", "-5"),
        ("accelerated", "maybe"),
    ],
)
def test_tampered_input_gets_a_400_with_a_message(client, field, value):
    response = plan_a_hire(client, **{field: value})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.text


def test_a_candidate_with_no_open_route_is_told_why(client):
    plan_a_hire(client, nationality="IN", qualification="none", german_level="none")
    page = client.get(reverse("hiring:timeline"))
    assert page.status_code == 200
    assert page.context["result"].best is None
    assert page.context["blocking"]


def test_the_timeline_without_answers_goes_back_to_the_form(client):
    response = client.get(reverse("hiring:timeline"))
    assert response.status_code == 302
    assert response["Location"] == reverse("hiring:start")


def save_plan(client, **changes):
    plan_a_hire(client, **changes)
    response = client.post(reverse("hiring:save"))
    assert response.status_code == 302
    return EmployerPlan.objects.get()


def test_saving_a_plan_gives_a_private_link(client):
    saved = save_plan(client)
    assert len(saved.token) >= 32
    assert saved.baseline["route"] == "accelerated"
    page = client.get(reverse("hiring:plan", args=[saved.token]))
    assert page.status_code == 200
    assert saved.token in page.text


def test_marking_two_steps_done_late_replans_and_shows_the_slip(
    client, django_assert_max_num_queries
):
    start = timezone.localdate() - timedelta(days=200)
    saved = save_plan(client, start=start.isoformat())
    first = {key: date.fromisoformat(ends[1]) for key, ends in saved.baseline["steps"].items()}
    url = reverse("hiring:mark_done", args=[saved.token])
    late_1 = first["fkv.power_of_attorney"] + timedelta(days=10)
    late_2 = first["fkv.agreement"] + timedelta(days=24)
    assert client.post(url, {"step": "fkv.power_of_attorney", "done_on": late_1}).status_code == 302
    assert client.post(url, {"step": "fkv.agreement", "done_on": late_2}).status_code == 302

    with django_assert_max_num_queries(3):
        page = client.get(reverse("hiring:plan", args=[saved.token]))
    steps = {row["key"]: row for row in page.context["view"]["steps"]}
    assert steps["fkv.power_of_attorney"]["done_on"] == late_1
    assert steps["fkv.agreement"]["done_on"] == late_2
    assert steps["fkv.agreement"]["slip"] == (late_2 - first["fkv.agreement"]).days
    assert steps["fkv.recognition_application"]["start"] == late_2
    assert steps["fkv.recognition_application"]["end"] > first["fkv.recognition_application"]
    assert page.context["tracked"].slip_of_work > 0
    assert "später als zuerst geplant" in page.text


def test_only_the_next_open_step_can_be_marked_done(client):
    saved = save_plan(client, start=(timezone.localdate() - timedelta(days=100)).isoformat())
    response = client.post(
        reverse("hiring:mark_done", args=[saved.token]),
        {"step": "fkv.ba_approval", "done_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    saved.refresh_from_db()
    assert saved.progress == {}


def test_a_step_cannot_be_done_in_the_future(client):
    saved = save_plan(client, start=(timezone.localdate() - timedelta(days=10)).isoformat())
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        reverse("hiring:mark_done", args=[saved.token]),
        {"step": "fkv.power_of_attorney", "done_on": tomorrow.isoformat()},
    )
    assert response.status_code == 400
    assert "Zukunft" in response.text


def test_the_last_step_done_can_be_reopened(client):
    saved = save_plan(client, start=(timezone.localdate() - timedelta(days=60)).isoformat())
    client.post(
        reverse("hiring:mark_done", args=[saved.token]),
        {"step": "fkv.power_of_attorney", "done_on": timezone.localdate().isoformat()},
    )
    client.post(reverse("hiring:reopen", args=[saved.token]))
    saved.refresh_from_db()
    assert saved.progress == {}


@pytest.mark.parametrize("token", ["not-a-plan", "x" * 40])
def test_an_invalid_link_gets_a_clear_404_page(client, token):
    response = client.get(reverse("hiring:plan", args=[token]))
    assert response.status_code == 404
    assert "abgelaufen" in response.text


def test_an_expired_link_gets_a_404_page(client):
    saved = save_plan(client)
    EmployerPlan.objects.filter(pk=saved.pk).update(expires_at=timezone.now() - timedelta(days=1))
    assert client.get(reverse("hiring:plan", args=[saved.token])).status_code == 404
    assert client.get(reverse("hiring:plan_calendar", args=[saved.token])).status_code == 404
    response = client.post(
        reverse("hiring:mark_done", args=[saved.token]),
        {"step": "fkv.power_of_attorney", "done_on": "2026-01-01"},
    )
    assert response.status_code == 404


def events(body):
    calendar = icalendar.Calendar.from_ical(body)
    return calendar, list(calendar.walk("VEVENT"))


def test_the_calendar_holds_one_event_per_step_and_the_milestones(client):
    saved = save_plan(client)
    response = client.get(reverse("hiring:plan_calendar", args=[saved.token]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar, found = events(response.content)
    assert calendar["VERSION"] == "2.0"
    assert "PRODID" in calendar
    steps = [e for e in found if "step" in str(e.get("CATEGORIES").cats)]
    assert len(steps) == len(saved.baseline["steps"])
    assert all("UID" in e and "DTSTAMP" in e and "DTSTART" in e for e in found)
    assert len({str(e["UID"]) for e in found}) == len(found)
    assert len(found) > len(steps)


def test_the_calendar_is_in_the_language_the_plan_was_made_in(client):
    client.cookies["django_language"] = "en"
    plan_a_hire(client)
    client.post(reverse("hiring:save"), headers={"accept-language": "en"})
    saved = EmployerPlan.objects.get()
    assert saved.language == "en"
    client.cookies["django_language"] = "de"
    _, found = events(client.get(reverse("hiring:plan_calendar", args=[saved.token])).content)
    summaries = " ".join(str(e["SUMMARY"]) for e in found)
    assert "Earliest start of work" in summaries
    assert "power of attorney" in summaries


def test_herr_delic_shows_the_seven_brochure_steps_in_the_legal_order(client):
    response = client.get(reverse("hiring:herr_delic"), {"start": "2026-03-02", "land": "BE"})
    assert response.status_code == 200
    keys = [row["key"] for row in response.context["view"]["steps"]]
    assert keys == list(FKV_KEYS)
    assert keys.index("fkv.recognition_decision") < keys.index("fkv.pre_approval")
    assert keys.index("fkv.ba_approval") < keys.index("fkv.pre_approval")
    assert all(row["iq_advice"] for row in response.context["view"]["steps"])


def test_herr_delic_without_a_date_starts_today(client):
    response = client.get(reverse("hiring:herr_delic"))
    assert response.status_code == 200
    assert response.context["start"] == timezone.localdate()


def test_herr_delic_with_a_bad_date_says_so(client):
    response = client.get(reverse("hiring:herr_delic"), {"start": "2026-02-31", "land": "XX"})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.text


def test_herr_delic_answers_htmx_with_the_plan_only(client):
    response = client.get(
        reverse("hiring:herr_delic"), {"start": "2026-03-02"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="delic-plan"' in response.text
    assert "HX-Request" in response["Vary"]


def test_herr_delic_calendar_has_seven_steps(client):
    response = client.get(reverse("hiring:herr_delic_calendar"), {"start": "2026-03-02"})
    _, found = events(response.content)
    assert len([e for e in found if "step" in str(e.get("CATEGORIES").cats)]) == 7


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("42.000", "42000.00"),
        ("42,000", "42000.00"),
        ("48.000,50", "48000.50"),
        ("48,000.50", "48000.50"),
        ("48000,5", "48000.50"),
        ("42 000 €", "42000.00"),
        ("4.2.1", None),
        ("1234.567", None),
        ("-5", None),
        ("viel", None),
    ],
)
def test_a_salary_may_be_typed_the_german_or_the_english_way(typed, amount):
    from decimal import Decimal

    from pathways.forms.hiring import parse_euros

    assert parse_euros(typed) == (None if amount is None else Decimal(amount))


def test_a_kosovar_without_a_qualification_gets_the_westbalkan_route_and_the_quota_note(client):
    plan_a_hire(client, nationality="XK", qualification="none", german_level="A2", land="BE")
    page = client.get(reverse("hiring:timeline"))
    assert page.context["view"]["summary"]["route"] == "westbalkan"
    assert page.context["compare"] == []
    assert any("Jahreskontingent" in note for note in page.context["notes"])
    assert any("nicht möglich" in note for note in page.context["notes"])
    keys = [row["key"] for row in page.context["view"]["steps"]]
    assert "wb.ba_pre_approval" in keys


def test_a_partial_recognition_leads_to_the_recognition_partnership(client):
    plan_a_hire(
        client, nationality="IN", recognition="partial", regulated="federal", german_level="A2"
    )
    page = client.get(reverse("hiring:timeline"))
    assert page.context["view"]["summary"]["route"] == "recognition_partnership_accelerated"
    routes = {item["route"] for item in page.context["compare"]}
    assert routes == {"recognition_partnership", "recognition_partnership_accelerated"}
