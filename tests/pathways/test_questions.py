"""Questions as data: order, which questions are asked, parsing and pruning answers."""

import pytest

from pathways.rules.profile import ProfileError
from pathways.rules.questions import (
    COUNTRY_CODES,
    QUESTIONS,
    QUESTIONS_BY_ID,
    next_question,
    parse_answer,
    prune,
    relevant_questions,
)


def ids(answers):
    return [question.id for question in relevant_questions(answers)]


def test_every_profile_key_of_the_contract_is_a_question():
    contract = {
        "nationality",
        "age",
        "residence",
        "residence_country",
        "asylum_benefits_months_ago",
        "qualification",
        "qualification_state_recognised",
        "recognition",
        "regulated_profession",
        "occupation_isco",
        "degree_years_ago",
        "german_level",
        "english_level",
        "experience_years_last5",
        "experience_years_last7",
        "it_experience_years_last7",
        "stay_germany_6_months_last5",
        "partner_applies_too",
        "means_secured",
        "job_offer",
        "annual_salary_eur",
        "temp_agency_work",
        "employer_collective_agreement",
        "employer_suitable_for_training",
        "recognition_partnership_agreement",
        "pension_provision",
        "employer_uses_accelerated_procedure",
        # Added for the review of the rules (issue 9).
        "residence_title_kind",
        "westbalkan_employed_in_germany",
        "job_needs_licence",
    }
    assert {question.id for question in QUESTIONS} == contract


def test_the_questionnaire_starts_with_nationality_and_kosovo_is_a_country():
    assert QUESTIONS[0].id == "nationality"
    assert "XK" in COUNTRY_CODES
    assert next_question({}).id == "nationality"


def test_an_eu_citizen_is_asked_nothing_more():
    assert ids({"nationality": "HR"}) == ["nationality"]


def test_the_asylbl_question_is_asked_only_of_westbalkan_nationals():
    assert "asylum_benefits_months_ago" in ids({"nationality": "XK"})
    assert "asylum_benefits_months_ago" not in ids({"nationality": "IN"})


def test_the_pension_question_needs_age_45_and_a_salary_below_the_threshold():
    base = {"nationality": "IN", "job_offer": "qualified"}
    assert "pension_provision" not in ids({**base, "age": 43, "annual_salary_eur": 30000})
    # 44 at the application may be 45 at the first issue of the title (§ 18 Abs. 2 Nr. 5).
    assert "pension_provision" in ids({**base, "age": 44, "annual_salary_eur": 30000})
    assert "pension_provision" in ids({**base, "age": 45, "annual_salary_eur": 30000})
    assert "pension_provision" not in ids({**base, "age": 45, "annual_salary_eur": 70000})


def test_no_salary_question_without_a_qualified_job_offer():
    assert "annual_salary_eur" not in ids({"nationality": "IN", "job_offer": "none"})
    assert "annual_salary_eur" not in ids({"nationality": "IN", "job_offer": "unqualified"})
    assert "annual_salary_eur" in ids({"nationality": "IN", "job_offer": "qualified"})


def test_points_questions_are_skipped_with_full_recognition():
    answers = {"nationality": "IN", "qualification": "vocational", "recognition": "full"}
    assert "partner_applies_too" not in ids(answers)
    assert "partner_applies_too" in ids({**answers, "recognition": "none"})


def test_an_unknown_answer_counts_as_answered():
    assert next_question({"nationality": None}).id == "residence"


def test_changing_an_earlier_answer_prunes_the_answers_no_longer_asked():
    answers = {"nationality": "XK", "residence": "abroad", "asylum_benefits_months_ago": 30}
    assert prune({**answers, "nationality": "IN"}) == {"nationality": "IN", "residence": "abroad"}


@pytest.mark.parametrize(
    ("question", "raw", "value"),
    [
        pytest.param("age", " 36 ", 36, id="age"),
        pytest.param("age", "", None, id="age-unknown"),
        pytest.param("annual_salary_eur", "48.000,50", 48000.5, id="salary-german-format"),
        pytest.param("annual_salary_eur", "52.000", 52000.0, id="salary-thousands-dot"),
        pytest.param("annual_salary_eur", "45934.20 €", 45934.2, id="salary-with-euro-sign"),
        pytest.param("temp_agency_work", "ja", True, id="bool-ja"),
        pytest.param("temp_agency_work", "no", False, id="bool-no"),
        pytest.param("nationality", "xk", "XK", id="country-code"),
        pytest.param("nationality", "Bosnien und Herzegowina", "BA", id="country-name"),
        pytest.param("german_level", "B2", "B2", id="choice"),
        pytest.param("asylum_benefits_months_ago", "never", None, id="asylbl-never"),
    ],
)
def test_answers_are_parsed(question, raw, value):
    assert parse_answer(QUESTIONS_BY_ID[question], raw) == value


@pytest.mark.parametrize(
    ("question", "raw", "message"),
    [
        pytest.param("age", "12", "Bitte geben Sie ein Alter zwischen 16 und 99 an.", id="age"),
        pytest.param(
            "age", "dreißig", "Bitte geben Sie ein Alter zwischen 16 und 99 an.", id="age-word"
        ),
        pytest.param(
            "german_level", "B3", "Bitte wählen Sie eine der angebotenen Antworten.", id="choice"
        ),
        pytest.param(
            "asylum_benefits_months_ago",
            "",
            "Bitte wählen Sie eine Antwort.",
            id="asylbl-needs-an-answer",
        ),
    ],
)
def test_bad_answers_raise_a_bilingual_error_naming_the_question(question, raw, message):
    with pytest.raises(ProfileError) as error:
        parse_answer(QUESTIONS_BY_ID[question], raw)
    assert error.value.field == question
    assert error.value.message.de == message
    assert error.value.message.en
