"""Bad input gets a 4xx with a message in the user's language, never a 500 (issue 14)."""

import pytest
from django.urls import reverse

from counselling.models import Consultation
from tests.counselling.factory import make_occupation
from tests.counselling.test_logging import first_consultation_form

pytestmark = pytest.mark.django_db

NUL = "a\x00b"


@pytest.fixture
def logged_in(client, counsellor_a):
    client.force_login(counsellor_a)
    return client


@pytest.fixture(autouse=True)
def doctor(db):
    return make_occupation("doctor", "Arzt/Ärztin", regulated=True, isco="221")


def _assert_nul_page(response, language="de"):
    assert response.status_code == 400
    html = response.content.decode()
    if language == "de":
        assert "Unzulässiges Zeichen" in html
    else:
        assert "Character not allowed" in html


@pytest.mark.parametrize(
    "url",
    [
        "/hiring/plan/{nul}/",
        "/hiring/plan/{nul}/calendar.ics",
        "/check/r/{nul}/",
        "/counselling/clients/{nul}/",
        "/counselling/clients/{nul}/follow-up/",
    ],
)
def test_a_nul_byte_in_the_path_answers_400(logged_in, url):
    _assert_nul_page(logged_in.get(url.format(nul="ab%00cd")))


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/counselling/consultations/new/", "questionnaire"),
        ("/counselling/clients/", "q"),
        ("/counselling/figures/", "network"),
        ("/counselling/lookup/occupations/", "q"),
        ("/counselling/lookup/countries/", "q"),
        ("/check/", "anything"),
    ],
)
def test_a_nul_byte_in_a_query_answers_400(logged_in, url, name):
    _assert_nul_page(logged_in.get(url, {name: NUL}))


def test_a_nul_byte_in_a_posted_form_answers_400_in_english_too(client):
    client.cookies["django_language"] = "en"
    response = client.post(reverse("questionnaire:resume"), {"code": NUL})
    _assert_nul_page(response, "en")


def test_a_nul_byte_in_a_client_code_at_the_follow_up_answers_400(logged_in):
    _assert_nul_page(logged_in.post("/counselling/consultations/new/", {"same_as": NUL}))


def test_an_overlong_user_name_at_login_answers_with_a_message_and_keeps_it(client, db):
    name = "x" * 300
    response = client.post(reverse("login"), {"username": name, "password": "whatever"})
    assert response.status_code in (400, 422)
    html = response.content.decode()
    assert "höchstens" in html
    assert f'value="{name}"' in html


def test_an_overlong_submission_token_is_refused_and_keeps_the_form(logged_in):
    data = first_consultation_form(token="t" * 65)
    response = logged_in.post(reverse("counselling:first_consultation"), data)
    assert response.status_code == 400
    assert "Unterlagen übersetzen lassen" in response.content.decode()
    assert not Consultation.objects.exists()


def test_consultations_posted_without_a_token_are_each_stored_with_a_token_of_their_own(
    logged_in,
):
    url = reverse("counselling:first_consultation")
    for year in ("1971", "1988"):
        data = first_consultation_form(token="", **{"client-birth_year": year, "new_person": "1"})
        assert logged_in.post(url, data).status_code == 302
    tokens = list(Consultation.objects.values_list("submission_token", flat=True))
    assert len(tokens) == 2
    assert "" not in tokens
    assert None not in tokens
    assert len(set(tokens)) == 2


@pytest.mark.parametrize("value", ["²", "٣", "99999999999999999999999"])
def test_a_strange_occupation_is_refused_with_a_message(logged_in, value):
    data = first_consultation_form(**{"client-reference_occupation": value})
    response = logged_in.post(reverse("counselling:first_consultation"), data)
    assert response.status_code == 400
    assert "Wählen Sie einen Beruf aus der Liste" in response.content.decode()


def test_deeply_nested_json_at_the_api_answers_400(client):
    response = client.post("/api/evaluate", "[" * 20000, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == "profile"
