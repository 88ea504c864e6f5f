"""Rows from the review of the rules against the digest and the statute text it quotes.

Each row failed before its fix: a wrong citation, a missed statutory exception, a text that said
more than the law, or a step sequence that ignored the date. The rules need no database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from pathways.rules.engine import evaluate
from pathways.rules.steps import steps_for

from .profiles import (
    ECONOMIST,
    INDIAN_IT,
    ON,
    SERBIAN_HELPER,
    VIETNAMESE_COOK,
    make_profile,
)

E, P, N = "eligible", "possible", "not_eligible"

# A Bosnian nurse (regulated profession) offered an assistant job by an employer without a
# collective agreement, e.g. a care home approved under § 72 SGB XI (§ 16d Abs. 3 S. 3).
NURSE_ASSISTANT = make_profile(
    VIETNAMESE_COOK,
    nationality="BA",
    residence_country="BA",
    asylum_benefits_months_ago=None,
    regulated_profession=True,
    occupation_isco="222",
    job_offer="unqualified",
    employer_collective_agreement=False,
)
IT_NO_DEGREE_HIGH_PAY = make_profile(
    INDIAN_IT,
    qualification="none",
    recognition=...,
    it_experience_years_last7=3,
    annual_salary_eur=60000,
)
WB_HELPER_45 = make_profile(
    SERBIAN_HELPER, age=45, annual_salary_eur=40000, pension_provision=False
)
SK_SENIOR = make_profile(ECONOMIST, age=46, annual_salary_eur=52000, pension_provision=False)
DEFICIT_A1 = make_profile(VIETNAMESE_COOK, recognition="partial", german_level="A1")


def _check(profile: dict[str, Any], day: date, pathway: str, rule: str):
    result = evaluate(profile, on=day).pathways[pathway]
    return result, next(check for check in result.checks if check.rule == rule)


CHECKS = [
    pytest.param(
        DEFICIT_A1,
        "recognition_measures",
        "recognition_measures.german_a2",
        {"status": "unknown", "source": "§ 16d Abs. 1 S. 2 Nr. 1 AufenthG"},
        id="16d-1-german-cites-satz-2-nr-1",
    ),
    pytest.param(
        NURSE_ASSISTANT,
        "recognition_partnership",
        "recognition_partnership.job_offer",
        {"status": "unknown", "verdict": P, "en": "§ 72 SGB XI"},
        id="T05-nurse-assistant-without-tarif-may-be-at-a-72-sgb-xi-care-home",
    ),
    pytest.param(
        make_profile(NURSE_ASSISTANT, employer_collective_agreement=True),
        "recognition_partnership",
        "recognition_partnership.job_offer",
        {"status": "met", "verdict": E, "en": "grading and pay"},
        id="T05-nurse-assistant-tarif-employer-names-grading-condition",
    ),
    pytest.param(
        make_profile(NURSE_ASSISTANT, regulated_profession=False),
        "recognition_partnership",
        "recognition_partnership.job_offer",
        {"status": "not_met", "verdict": N},
        id="helper-job-outside-regulated-professions-still-fails",
    ),
    pytest.param(
        WB_HELPER_45,
        "westbalkan",
        "westbalkan.age_45",
        {"status": "not_met", "en": "justified exceptional cases"},
        id="westbalkan-age-45-narrow-exception-1-abs-2-s-4-beschv",
    ),
    pytest.param(
        WB_HELPER_45,
        "westbalkan",
        "westbalkan.age_45",
        {"status": "not_met", "en": "slightly below the threshold is not enough"},
        id="westbalkan-age-45-slight-shortfall-does-not-count",
    ),
    pytest.param(
        SK_SENIOR,
        "skilled_worker",
        "skilled_worker.age_45",
        {"status": "unknown", "verdict": P, "en": "only slightly below"},
        id="T14-18b-age-45-slight-shortfall-is-an-open-point",
    ),
    pytest.param(
        make_profile(SK_SENIOR, annual_salary_eur=45000),
        "skilled_worker",
        "skilled_worker.age_45",
        {"status": "not_met", "verdict": N, "en": "well below"},
        id="T14-18b-age-45-clear-shortfall-fails",
    ),
    pytest.param(
        SERBIAN_HELPER,
        "westbalkan",
        "westbalkan.quota",
        {"status": "met", "en": "refuses pending requests"},
        id="westbalkan-annual-quota-used-up-means-refusal",
    ),
    pytest.param(
        IT_NO_DEGREE_HIGH_PAY,
        "blue_card",
        "blue_card.salary",
        {
            "status": "met",
            "verdict": E,
            "source": "§ 18g Abs. 2 Nr. 1 AufenthG",
            "en": "must approve",
        },
        id="blue-card-it-without-degree-always-needs-ba-approval",
    ),
    pytest.param(
        make_profile(IT_NO_DEGREE_HIGH_PAY, annual_salary_eur=45934.19),
        "blue_card",
        "blue_card.salary",
        {"status": "not_met", "verdict": N, "source": "§ 18g Abs. 2 Nr. 1 AufenthG"},
        id="blue-card-it-without-degree-one-cent-under-45-3-percent",
    ),
    pytest.param(
        make_profile(IT_NO_DEGREE_HIGH_PAY, annual_salary_eur=45934.20),
        "blue_card",
        "blue_card.salary",
        {"status": "met", "verdict": E, "source": "§ 18g Abs. 2 Nr. 1 AufenthG"},
        id="blue-card-it-without-degree-at-45-3-percent",
    ),
]


@pytest.mark.parametrize(("profile", "pathway", "rule", "expected"), CHECKS)
def test_reviewed_checks(profile, pathway, rule, expected):
    result, check = _check(profile, ON, pathway, rule)
    assert check.status == expected["status"]
    if "verdict" in expected:
        assert result.verdict == expected["verdict"]
    if "source" in expected:
        assert check.source == expected["source"]
    if "en" in expected:
        assert expected["en"] in check.text.en


STEPS = [
    pytest.param(
        "recognition_measures",
        ON,
        "rm.measure_place",
        "§ 16d Abs. 1 S. 2 Nr. 2 AufenthG",
        id="16d-1-suitable-measure-cites-satz-2-nr-2",
    ),
    pytest.param(
        "opportunity_card",
        ON,
        "ck.job_search",
        "§ 20a Abs. 2, Abs. 5 S. 1 AufenthG",
        id="chancenkarte-work-rights-are-20a-abs-2-not-a-20c",
    ),
    pytest.param(
        "westbalkan",
        date(2024, 5, 31),
        "wb.ba_approval",
        "§ 26 Abs. 2 S. 1-3 BeschV; § 39 Abs. 3 AufenthG; § 36 Abs. 2 S. 1 BeschV",
        id="westbalkan-until-2024-05-31-mission-asks-the-ba",
    ),
    pytest.param(
        "westbalkan",
        date(2024, 6, 1),
        "wb.ba_pre_approval",
        "§ 26 Abs. 2 S. 1-3 BeschV; § 39 Abs. 3 AufenthG",
        id="westbalkan-from-2024-06-01-employer-asks-for-pre-approval",
    ),
]


@pytest.mark.parametrize(("pathway", "day", "step_key", "legal_basis"), STEPS)
def test_reviewed_steps(pathway, day, step_key, legal_basis):
    steps = {step.key: step for step in steps_for(pathway, day)}
    assert steps[step_key].legal_basis == legal_basis


def test_no_step_cites_a_section_20c_that_the_aufenthg_does_not_have():
    for key in ("opportunity_card", "language_course", "recognition_measures"):
        assert all("§ 20c" not in step.legal_basis for step in steps_for(key, ON))


def test_the_westbalkan_pre_approval_step_exists_only_from_june_2024():
    before = [step.key for step in steps_for("westbalkan", date(2024, 5, 31))]
    after = [step.key for step in steps_for("westbalkan", date(2024, 6, 1))]
    assert "wb.ba_pre_approval" not in before
    assert before.index("wb.visa_application") < before.index("wb.ba_approval")
    assert after.index("wb.ba_pre_approval") < after.index("wb.visa_application")


@pytest.mark.parametrize(
    ("salary", "ba_step_shown"),
    [
        pytest.param(50_700, False, id="standard-threshold-2026-no-ba-step"),
        pytest.param(50_699.99, True, id="one-cent-under-standard-ba-step-shown"),
    ],
)
def test_the_blue_card_steps_show_the_ba_only_where_it_takes_part(salary, ba_step_shown):
    profile = {
        "nationality": "IN",
        "residence": "abroad",
        "residence_country": "IN",
        "qualification": "academic",
        "recognition": "full",
        "occupation_isco": "21",
        "job_offer": "qualified",
        "annual_salary_eur": salary,
    }
    steps = evaluate(profile, on=date(2026, 3, 1)).pathways["blue_card"].steps
    assert any(step.key == "bc.ba_approval" for step in steps) is ba_step_shown


@pytest.mark.parametrize(
    ("qualification", "title"),
    [
        pytest.param("vocational", "§ 18a AufenthG", id="vocational-visa-under-18a"),
        pytest.param("academic", "§ 18b AufenthG", id="degree-visa-under-18b"),
    ],
)
def test_the_accelerated_steps_name_the_title_that_fits_the_qualification(qualification, title):
    profile = {
        "nationality": "BA",
        "residence": "abroad",
        "residence_country": "BA",
        "qualification": qualification,
        "recognition": "full",
        "job_offer": "qualified",
        "employer_uses_accelerated_procedure": True,
        # Below every Blue Card threshold, so that § 81a carries § 18a/§ 18b.
        "age": 30,
        "occupation_isco": "other",
        "degree_years_ago": 10,
        "annual_salary_eur": 40_000,
    }
    result = evaluate(profile, on=date(2026, 3, 1)).pathways["accelerated_procedure"]
    assert result.via == "skilled_worker"
    visa = next(step for step in result.steps if step.key == "fkv.visa_entry_work")
    assert title in visa.title.de
