"""Issue 12: the plan follows the case entered (routes from the ranking, the Blue Card, the
steps still to do, the recognition body, the form's questions, the example's defaults, UIDs)."""

import re

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from pathways import hiring

from .cases import case

pytestmark = pytest.mark.django_db

CASE = case(land="NW")
ENGINEER = {
    **CASE,
    "qualification": "academic",
    "salary": "52000",
    "occupation": "25",
    "german_level": "none",
}


def planned(client, **changes):
    response = client.post(reverse("hiring:start"), {**CASE, **changes})
    assert response.status_code == 302, response.content.decode()[:400]
    return client.get(reverse("hiring:timeline"), headers={"accept-language": "de"})


RECOGNITION_KEYS = {"fkv.recognition_application", "fkv.recognition_decision", "std.recognition"}


@pytest.mark.parametrize("accelerated", ["yes", "no"])
def test_a_fully_recognised_worker_gets_no_recognition_step_nor_its_fees(client, accelerated):
    page = planned(client, recognition="full", accelerated=accelerated)
    result = page.context["result"]
    for t in (result.best, *result.others, *(result.side_by_side or ())):
        assert not RECOGNITION_KEYS & {item.key for item in t.plan.steps}
    assert "Bescheid über die volle" not in page.text
    assert "schon anerkannt oder vergleichbar" in page.text
    partial = planned(client, recognition="none", accelerated=accelerated).context["result"]
    assert result.best.plan.fees_eur < partial.best.plan.fees_eur
    assert result.best.plan.start_of_work < partial.best.plan.start_of_work


def test_a_software_engineer_at_52000_is_planned_on_the_blue_card_without_ihk_fosa(client):
    page = planned(client, **ENGINEER)
    best = page.context["result"].best
    assert best.route.target == "blue_card"
    # 52,000 € reach the 2026 threshold of 50,700 € (§ 18g Abs. 1 S. 1): no BA step.
    assert not any(item.key.endswith(".ba_approval") for item in best.plan.steps)
    assert "IHK FOSA" not in page.text
    assert "Mechatroniker" not in page.text
    assert "Blaue Karte EU" in page.text
    assert "ZAB" in page.text


def test_below_the_threshold_a_shortage_occupation_gets_the_blue_card_with_ba(client):
    page = planned(client, **{**ENGINEER, "salary": "47000"})
    best = page.context["result"].best
    assert best.route.target == "blue_card"
    assert any(item.key.endswith(".ba_approval") for item in best.plan.steps)
    assert "Zustimmungsfiktion (§ 36 Abs. 2 BeschV)" in page.text


def test_the_blue_card_is_among_the_other_routes_when_another_comes_first(client):
    page = planned(client, **{**ENGINEER, "nationality": "BA"})
    names = [item["target_key"] for item in page.context["others"]]
    targets = {page.context["view"]["summary"]["target_key"], *names}
    assert "blue_card" in targets


def test_routes_follow_the_ranking_of_the_questionnaire():
    inputs = hiring.inputs_from(
        {**CASE, "salary": 42000, "start": timezone.datetime(2026, 3, 2).date(), "age": 36}
    )
    evaluation, profile = hiring.routes.evaluate(inputs)
    from pathways.rules.ranking import rank

    ranked = [
        r.key for r in rank(evaluation, profile) if r.is_open and r.key in hiring.routes.PLANNABLE
    ]
    routes, _ = hiring.routes_for(inputs)
    seen = []
    for route in routes:
        if route.target not in seen:
            seen.append(route.target)
    assert seen == ranked


def test_a_worker_without_qualification_gets_no_recognition_questions(client):
    form = {**CASE, "qualification": "none"}
    del form["recognition"], form["regulated"]
    response = client.post(reverse("hiring:start"), form)
    assert response.status_code == 302
    page = client.get(reverse("hiring:start"))
    assert 'name="recognition"' not in page.text
    assert 'name="regulated"' not in page.text
    assert client.session["hiring_inputs"]["recognition"] == "none"


def test_with_a_qualification_the_questions_come_as_a_second_step_then_specific_errors(client):
    form = {**CASE}
    del form["recognition"], form["regulated"]
    second = client.post(reverse("hiring:start"), form, headers={"accept-language": "de"})
    assert second.status_code == 200
    assert 'name="recognition"' in second.text
    assert 'name="details_asked" value="1"' in second.text
    assert 'value="unknown"' in second.text  # "Weiß nicht"
    missing = client.post(
        reverse("hiring:start"), {**form, "details_asked": "1"}, headers={"accept-language": "de"}
    )
    assert missing.status_code == 400
    assert "Geben Sie an, ob der Abschluss in Deutschland schon anerkannt ist." in missing.text
    assert "Dieses Feld ist zwingend erforderlich" not in missing.text


def test_herr_delic_form_defaults_match_the_plan_shown(client):
    page = client.get(reverse("hiring:herr_delic"), headers={"accept-language": "de"})
    today = timezone.localdate()
    assert re.search(r'<option value="NW" selected>', page.text)
    assert f'value="{today.isoformat()}"' in page.text
    assert page.context["land_code"] == "NW"
    assert page.context["start"] == today
    view = page.context["view"]
    assert view["summary"]["start"] == view["steps"][0]["start"]


def test_example_text_appears_only_on_the_example_page(client):
    page = planned(client)
    assert "Referenzberuf Mechatroniker" not in page.text
    assert "z. B. IHK FOSA" not in page.text
    example = client.get(reverse("hiring:herr_delic") + "?start=2026-03-02&land=NW")
    assert "IHK FOSA" in example.text


def uids(body):
    cal = icalendar.Calendar.from_ical(body)
    return {str(event["uid"]) for event in cal.walk("VEVENT")}


def test_the_draft_and_the_saved_plan_share_event_uids(client):
    planned(client)
    draft = uids(client.get(reverse("hiring:timeline_calendar")).content)
    client.post(reverse("hiring:save"))
    from pathways.models import EmployerPlan

    saved = EmployerPlan.objects.get()
    url = reverse("hiring:plan_calendar", args=[saved.token])
    first, again = uids(client.get(url).content), uids(client.get(url).content)
    assert draft == first == again
    assert len(draft) >= 8


def test_every_step_date_names_its_rule(client):
    page = planned(client)
    for row in page.context["view"]["steps"]:
        assert row["date_rule"].startswith("End date:") or row["date_rule"].startswith("Enddatum")
    assert "§ 14a BQFG" in page.text
    assert "Frist läuft erst ab dem Tag" in page.text


def test_after_a_wrong_date_the_plan_keeps_its_own_address(client):
    planned(client)
    client.post(reverse("hiring:save"))
    from pathways.models import EmployerPlan

    saved = EmployerPlan.objects.get()
    url = reverse("hiring:plan", args=[saved.token])
    wrong = client.post(url, {"step": "fkv.power_of_attorney", "done_on": "2099-01-01"})
    assert wrong.status_code == 400
    assert "/done/" not in wrong.text.split('class="private-link">')[1].split("<")[0]
    assert client.get(reverse("hiring:mark_done", args=[saved.token])).status_code == 302
    done = client.post(url, {"step": "fkv.power_of_attorney", "done_on": "2026-03-20"})
    assert done.status_code == 302
    confirmed = client.get(done["Location"], headers={"accept-language": "de"})
    assert 'id="confirmation"' in confirmed.text
    assert "autofocus" in confirmed.text
