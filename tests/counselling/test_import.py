"""Importing a migrant's questionnaire answers and result by the code they show."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from counselling.models import Client, Consultation
from pathways.models import SavedAnswers
from tests.counselling.factory import make_consultation, make_occupation
from tests.counselling.test_logging import first_consultation_form, follow_up_form

pytestmark = pytest.mark.django_db
RESULT = {
    "on": "2026-03-01",
    "rules_version": "2026-03",
    "pathways": {
        "skilled_worker": {"title": "Fachkraft", "verdict": "possible"},
        "blue_card": {"title": "Blaue Karte EU", "verdict": "not_eligible"},
    },
}


@pytest.fixture
def saved(db):
    return SavedAnswers.objects.create(
        code="7H3Q9DKM",
        answers={
            "nationality": "sy", "age": 34, "residence": "abroad", "recognition": "pending",
            "regulated_profession": True, "occupation_isco": "221",
        },
        result=RESULT,
        rules_version="2026-03",
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )  # fmt: skip


@pytest.fixture
def logged_in(client, counsellor_a):
    client.force_login(counsellor_a)
    return client


def test_a_code_prefills_the_client_fields_from_the_answers(logged_in, saved):
    doctor = make_occupation("doctor", "Arzt/Ärztin", regulated=True, isco="221")
    page = logged_in.get(reverse("counselling:first_consultation"), {"questionnaire": "7h3q-9dkm"})
    initial = page.context["client_form"].initial
    assert page.status_code == 200
    assert initial["nationality"] == "SY"
    assert initial["birth_year"] == timezone.localdate().year - 34
    assert initial["residence_status"] == "abroad"
    assert initial["recognition_outcome"] == "open"
    assert initial["reference_occupation"] == doctor
    assert "Blaue Karte EU" in page.content.decode()


def test_saving_stores_a_copy_of_the_answers_and_the_result_with_its_rules_version(
    logged_in, saved
):
    make_occupation("doctor", "Arzt/Ärztin", regulated=True, isco="221")
    logged_in.post(
        reverse("counselling:first_consultation") + "?questionnaire=7H3Q9DKM",
        first_consultation_form(questionnaire_code="7H3Q9DKM"),
    )
    consultation = Consultation.objects.get()
    assert consultation.questionnaire_code == "7H3Q9DKM"
    assert consultation.questionnaire_answers["occupation_isco"] == "221"
    assert consultation.questionnaire_result == RESULT
    assert consultation.questionnaire_rules_version == "2026-03"
    saved.delete()
    consultation.refresh_from_db()
    assert consultation.questionnaire_result == RESULT


def test_a_result_can_be_imported_into_a_follow_up(logged_in, saved, client_of_a):
    make_consultation(client_of_a, datetime.date(2025, 1, 2))
    logged_in.post(
        reverse("counselling:follow_up", args=[client_of_a.code]),
        follow_up_form(questionnaire_code=saved.code),
    )
    follow_up = client_of_a.consultations.get(is_first=False)
    assert follow_up.questionnaire_rules_version == "2026-03"


@pytest.mark.parametrize("code", ["ZZZZZZZZ", "expired"])
def test_an_unknown_or_expired_code_is_a_clear_404(logged_in, saved, code):
    if code == "expired":
        saved.expires_at = timezone.now() - datetime.timedelta(minutes=1)
        saved.save()
        code = saved.code
    page = logged_in.get(
        reverse("counselling:first_consultation"),
        {"questionnaire": code},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert page.status_code == 404
    assert "Zu diesem Code wurde kein Fragebogen gefunden" in page.content.decode()
    assert not Client.objects.exists()
