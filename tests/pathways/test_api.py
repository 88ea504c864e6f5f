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
