"""POST /api/evaluate through the Django test client: 200, 400 naming the field, 405."""

import json

import pytest

from .profiles import DELIC


def post(client, body, query=""):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(f"/api/evaluate{query}", data=data, content_type="application/json")


def test_a_profile_posted_without_login_gets_the_evaluation(client):
    response = post(client, DELIC, "?on=2026-01-15")
    assert response.status_code == 200
    result = response.json()
    assert result["on"] == "2026-01-15"
    assert next(iter(result["pathways"])) == "westbalkan"
    assert result["pathways"]["accelerated_procedure"]["via"] == "skilled_worker"
    assert result["pathways"]["opportunity_card"]["points"] == 7


def test_the_language_can_be_chosen(client):
    response = post(client, DELIC, "?on=2026-01-15&lang=en")
    assert response.json()["pathways"]["blue_card"]["title"] == "EU Blue Card"


@pytest.mark.parametrize(
    ("body", "query", "field"),
    [
        pytest.param({"age": "36"}, "", "age", id="wrong-type"),
        pytest.param({"residence": "moon"}, "", "residence", id="unknown-choice"),
        pytest.param("{not json", "", "profile", id="broken-json"),
        pytest.param({}, "?on=yesterday", "on", id="bad-date"),
        pytest.param({}, "?on=2019-01-01", "on", id="date-before-the-rules-on-file"),
    ],
)
def test_bad_input_gets_a_400_naming_the_field(client, body, query, field):
    response = post(client, body, query)
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["error"]


def test_only_post_is_allowed(client):
    response = client.get("/api/evaluate")
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_the_site_serves_the_api_without_login_or_csrf_token(client):
    client.handler.enforce_csrf_checks = True
    assert post(client, DELIC).status_code == 200


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param(
            {"experience_years_last5": 1, "experience_years_last7": 4},
            "experience_years_last7",
            id="more-in-7-years-than-in-5-plus-2",
        ),
        pytest.param(
            {"experience_years_last5": 4, "experience_years_last7": 3},
            "experience_years_last7",
            id="fewer-in-7-years-than-in-5",
        ),
        pytest.param({"age": 22, "degree_years_ago": 12}, "degree_years_ago", id="degree-at-10"),
        pytest.param(
            {"residence": "abroad", "residence_title_kind": "family"},
            "residence_title_kind",
            id="title-kind-while-abroad",
        ),
        pytest.param(
            {"nationality": "IN", "westbalkan_employed_in_germany": True},
            "westbalkan_employed_in_germany",
            id="westbalkan-title-for-an-indian-national",
        ),
        pytest.param({"residence_country": "DE"}, "residence_country", id="abroad-in-germany"),
    ],
)
def test_answers_that_contradict_each_other_get_a_400_naming_the_key(client, changes, field):
    response = post(client, {**DELIC, **changes}, "?lang=de")
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["error"]


def test_the_old_combined_duldung_answer_still_evaluates(client):
    response = post(client, {**DELIC, "residence": "germany_duldung_or_gestattung"})
    assert response.status_code == 200
    assert response.json()["pathways"]["blue_card"]["verdict"] == "not_eligible"


def test_the_result_carries_the_notices_of_unpublished_figures(client):
    response = post(client, DELIC, "?on=2027-02-01&lang=en")
    notices = response.json()["notices"]
    assert notices
    assert notices[0].startswith("The figures for 2027 are not published yet")
