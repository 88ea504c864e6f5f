"""Table-driven verdicts: the examples of digest §10, both sides of every threshold, dated cases.

Each row is (profile, date, expected verdicts for some pathways). The rules need no database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from pathways.rules.engine import evaluate
from pathways.rules.options import RuleOptions

from .profiles import (
    CK_BASE,
    DELIC,
    ECONOMIST,
    INDIAN_IT,
    ON,
    SERBIAN_HELPER,
    VIETNAMESE_COOK,
    make_profile,
    on,
)

E, P, N = "eligible", "possible", "not_eligible"


def assert_verdicts(
    profile: dict[str, Any], day: date, expected: dict[str, str], options: RuleOptions | None = None
) -> None:
    result = evaluate(profile, on=day, options=options)
    actual = {key: result.pathways[key].verdict for key in expected}
    if actual != expected:
        details = {
            key: [(c.rule, c.status) for c in result.pathways[key].checks if c.status != "met"]
            for key in expected
            if actual[key] != expected[key]
        }
        pytest.fail(f"expected {expected}, got {actual}; open or failed checks: {details}")


# --- Westbalkanregelung -----------------------------------------------------------------------

NURSE = make_profile(
    VIETNAMESE_COOK,
    nationality="BA",
    residence_country="BA",
    asylum_benefits_months_ago=None,
    regulated_profession=True,
    occupation_isco="222",
    employer_collective_agreement=True,
)
HELPER_45 = make_profile(SERBIAN_HELPER, age=45, pension_provision=False)

WESTBALKAN = [
    pytest.param(
        SERBIAN_HELPER,
        ON,
        {
            "westbalkan": E,
            "skilled_worker": N,
            "blue_card": N,
            "experience_route": N,
            "recognition_partnership": N,
            "opportunity_card": N,
        },
        id="T01-serbian-kitchen-helper-westbalkan-only",
    ),
    pytest.param(
        make_profile(
            SERBIAN_HELPER,
            nationality="AL",
            residence_country="AL",
            employer_uses_accelerated_procedure=True,
        ),
        ON,
        {"westbalkan": E, "accelerated_procedure": N},
        id="T04-albanian-westbalkan-offer-cannot-use-81a",
    ),
    pytest.param(
        make_profile(DELIC, nationality="AL", residence_country="AL", recognition="full"),
        ON,
        {"westbalkan": E, "skilled_worker": E, "accelerated_procedure": E},
        id="T04-albanian-with-full-recognition-uses-18a-with-81a",
    ),
    pytest.param(
        make_profile(NURSE, recognition="none"),
        ON,
        {"westbalkan": N, "recognition_partnership": E, "recognition_measures": N},
        id="T05-bosnian-nurse-without-recognition-partnership-not-westbalkan",
    ),
    pytest.param(
        make_profile(NURSE, recognition="partial"),
        ON,
        {"westbalkan": N, "recognition_measures": E},
        id="T05-bosnian-nurse-after-deficit-notice-16d-abs-1",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, temp_agency_work=True),
        ON,
        {"westbalkan": N},
        id="T09-temp-agency-work-refused",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, asylum_benefits_months_ago=0),
        ON,
        {"westbalkan": N},
        id="asylbl-0-months-ago",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, asylum_benefits_months_ago=23),
        ON,
        {"westbalkan": N},
        id="asylbl-23-months-ago",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, asylum_benefits_months_ago=24),
        ON,
        {"westbalkan": P},
        id="asylbl-24-months-ago-exact-date-decides",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, asylum_benefits_months_ago=25),
        ON,
        {"westbalkan": E},
        id="asylbl-25-months-ago",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, asylum_benefits_months_ago=...),
        ON,
        {"westbalkan": P},
        id="asylbl-unknown",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, nationality="XK", residence_country="XK"),
        ON,
        {"westbalkan": E},
        id="kosovo-xk",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, nationality="ME", residence_country="ME"),
        ON,
        {"westbalkan": E},
        id="montenegro",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, nationality="MK", residence_country="MK"),
        ON,
        {"westbalkan": E},
        id="north-macedonia",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, nationality="TR", residence_country="TR"),
        ON,
        {"westbalkan": N},
        id="turkey-is-not-a-westbalkan-state",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, residence_country="AT"),
        ON,
        {"westbalkan": N},
        id="living-in-austria-cannot-apply-there",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, residence="germany_residence_permit", residence_country=...),
        ON,
        {"westbalkan": N},
        id="no-first-application-from-germany",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, residence_country=...),
        ON,
        {"westbalkan": P},
        id="country-of-residence-unknown",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, job_offer="none"),
        ON,
        {"westbalkan": N, "language_course": E},
        id="no-job-offer",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, age=43, annual_salary_eur=30000),
        ON,
        {"westbalkan": E},
        id="age-43-no-salary-floor",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, age=44, annual_salary_eur=30000),
        ON,
        {"westbalkan": P},
        id="age-44-at-application-may-be-45-at-start-of-work",
    ),
    pytest.param(
        make_profile(HELPER_45, annual_salary_eur=55769.99),
        ON,
        {"westbalkan": N},
        id="age-45-one-cent-under-55770",
    ),
    pytest.param(
        make_profile(HELPER_45, annual_salary_eur=55770),
        ON,
        {"westbalkan": E},
        id="age-45-at-55770",
    ),
    pytest.param(
        make_profile(HELPER_45, annual_salary_eur=40000, pension_provision=True),
        ON,
        {"westbalkan": P},
        id="age-45-pension-proof-goes-to-review",
    ),
    pytest.param(
        make_profile(HELPER_45, annual_salary_eur=40000, pension_provision=...),
        ON,
        {"westbalkan": P},
        id="age-45-pension-unknown",
    ),
    pytest.param(
        make_profile(HELPER_45, annual_salary_eur=49829.99),
        on("2024-05-01"),
        {"westbalkan": N},
        id="2024-age-45-one-cent-under-49830",
    ),
    pytest.param(
        make_profile(HELPER_45, annual_salary_eur=49830),
        on("2024-05-01"),
        {"westbalkan": E},
        id="2024-age-45-at-49830",
    ),
    pytest.param(
        make_profile(SERBIAN_HELPER, nationality="HR", residence_country="HR"),
        ON,
        {"westbalkan": N, "skilled_worker": N, "opportunity_card": N, "language_course": N},
        id="eu-citizen-needs-no-title",
    ),
]


@pytest.mark.parametrize(("profile", "day", "expected"), WESTBALKAN)
def test_westbalkan_table(profile, day, expected):
    assert_verdicts(profile, day, expected)


def test_the_24_month_boundary_follows_the_named_setting():
    profile = make_profile(SERBIAN_HELPER, asylum_benefits_months_ago=24)
    inside = RuleOptions(asylbl_boundary_24_months="inside")
    outside = RuleOptions(asylbl_boundary_24_months="outside")
    assert_verdicts(profile, ON, {"westbalkan": N}, inside)
    assert_verdicts(profile, ON, {"westbalkan": E}, outside)


def test_age_45_pension_proof_is_accepted_when_the_setting_says_so():
    profile = make_profile(HELPER_45, annual_salary_eur=40000, pension_provision=True)
    assert_verdicts(profile, ON, {"westbalkan": E}, RuleOptions(age45_pension_review="accept"))


# --- skilled worker (§§ 18a, 18b) -------------------------------------------------------------

FULL = make_profile(DELIC, recognition="full")
SENIOR = make_profile(ECONOMIST, age=46, pension_provision=False)

SKILLED_WORKER = [
    pytest.param(
        DELIC,
        ON,
        {
            "skilled_worker": P,
            "accelerated_procedure": P,
            "westbalkan": E,
            "experience_route": P,
            "opportunity_card": E,
        },
        id="T18-delic-recognition-not-yet-applied-for",
    ),
    pytest.param(
        FULL,
        ON,
        {"skilled_worker": E, "accelerated_procedure": E},
        id="delic-with-full-equivalence",
    ),
    pytest.param(
        make_profile(DELIC, recognition="pending"),
        ON,
        {"skilled_worker": P},
        id="recognition-pending",
    ),
    pytest.param(
        make_profile(DELIC, recognition="partial"),
        ON,
        {"skilled_worker": N, "recognition_measures": E},
        id="recognition-partial",
    ),
    pytest.param(
        make_profile(DELIC, qualification="vocational_short"),
        ON,
        {"skilled_worker": N},
        id="training-under-2-years",
    ),
    pytest.param(
        make_profile(FULL, job_offer="unqualified"), ON, {"skilled_worker": N}, id="unqualified-job"
    ),
    pytest.param(
        make_profile(FULL, job_offer="none"), ON, {"skilled_worker": N}, id="no-job-offer"
    ),
    pytest.param(
        make_profile(FULL, temp_agency_work=True), ON, {"skilled_worker": N}, id="temp-agency-work"
    ),
    pytest.param(
        make_profile(FULL, regulated_profession=True),
        ON,
        {"skilled_worker": E},
        id="regulated-and-recognised",
    ),
    pytest.param(
        make_profile(DELIC, regulated_profession=True, recognition="none"),
        ON,
        {"skilled_worker": P, "westbalkan": N},
        id="regulated-not-yet-recognised",
    ),
    pytest.param(
        make_profile(FULL, residence="germany_duldung_or_gestattung"),
        ON,
        {"skilled_worker": P, "opportunity_card": N, "accelerated_procedure": N},
        id="duldung-needs-advice",
    ),
    pytest.param(
        make_profile(SENIOR, annual_salary_eur=50000),
        ON,
        {"skilled_worker": N, "blue_card": N},
        id="T14-age-46-50000-well-under-the-floor",
    ),
    pytest.param(
        make_profile(SENIOR, age=45, annual_salary_eur=50192.99),
        ON,
        {"skilled_worker": N},
        id="age-45-more-than-10-percent-under-55770",
    ),
    pytest.param(
        make_profile(SENIOR, age=45, annual_salary_eur=55770),
        ON,
        {"skilled_worker": E},
        id="age-45-at-55770",
    ),
    pytest.param(
        make_profile(SENIOR, age=43, annual_salary_eur=30000),
        ON,
        {"skilled_worker": E, "blue_card": N},
        id="age-43-no-salary-floor",
    ),
    pytest.param(
        make_profile(SENIOR, annual_salary_eur=47816.99),
        on("2025-06-01"),
        {"skilled_worker": N},
        id="2025-age-46-more-than-10-percent-under-53130",
    ),
    pytest.param(
        make_profile(SENIOR, annual_salary_eur=53130),
        on("2025-06-01"),
        {"skilled_worker": E},
        id="2025-age-46-at-53130",
    ),
    pytest.param(
        make_profile(SENIOR, annual_salary_eur=55000),
        on("2025-12-31"),
        {"skilled_worker": E},
        id="age-46-55000-on-2025-12-31",
    ),
    pytest.param(
        make_profile(SENIOR, annual_salary_eur=48000),
        on("2026-01-01"),
        {"skilled_worker": N},
        id="age-46-48000-on-2026-01-01",
    ),
]


@pytest.mark.parametrize(("profile", "day", "expected"), SKILLED_WORKER)
def test_skilled_worker_table(profile, day, expected):
    assert_verdicts(profile, day, expected)


# --- Blaue Karte EU ---------------------------------------------------------------------------

ENGINEER = make_profile(INDIAN_IT, occupation_isco="21", degree_years_ago=8)
IT_NO_DEGREE = make_profile(
    INDIAN_IT,
    qualification="none",
    recognition=...,
    it_experience_years_last7=3,
    annual_salary_eur=46000,
)

BLUE_CARD = [
    pytest.param(
        INDIAN_IT,
        ON,
        {"blue_card": E, "skilled_worker": E, "accelerated_procedure": P},
        id="T11-indian-it-52000",
    ),
    pytest.param(
        make_profile(INDIAN_IT, employer_uses_accelerated_procedure=True),
        ON,
        {"accelerated_procedure": E},
        id="T11-with-81a",
    ),
    pytest.param(
        make_profile(ENGINEER, annual_salary_eur=45950),
        ON,
        {"blue_card": E},
        id="T12-civil-engineer-45950",
    ),
    pytest.param(
        make_profile(ENGINEER, annual_salary_eur=45900),
        ON,
        {"blue_card": N, "skilled_worker": E},
        id="T12-civil-engineer-45900",
    ),
    pytest.param(
        make_profile(ENGINEER, annual_salary_eur=45934.19),
        ON,
        {"blue_card": N},
        id="reduced-2026-one-cent-under-45934.20",
    ),
    pytest.param(
        make_profile(ENGINEER, annual_salary_eur=45934.20),
        ON,
        {"blue_card": E},
        id="reduced-2026-at-45934.20",
    ),
    pytest.param(
        make_profile(ECONOMIST, annual_salary_eur=50699.99),
        ON,
        {"blue_card": N},
        id="standard-2026-one-cent-under-50700",
    ),
    pytest.param(
        make_profile(ECONOMIST, annual_salary_eur=50700),
        ON,
        {"blue_card": E},
        id="standard-2026-at-50700",
    ),
    pytest.param(
        make_profile(ECONOMIST, annual_salary_eur=48300),
        on("2025-12-31"),
        {"blue_card": E},
        id="48300-on-2025-12-31",
    ),
    pytest.param(
        make_profile(ECONOMIST, annual_salary_eur=48300),
        on("2026-01-01"),
        {"blue_card": N},
        id="48300-on-2026-01-01",
    ),
    pytest.param(
        make_profile(ECONOMIST, annual_salary_eur=48299.99),
        on("2025-06-01"),
        {"blue_card": N},
        id="standard-2025-one-cent-under-48300",
    ),
    pytest.param(
        make_profile(ECONOMIST, annual_salary_eur=45300),
        on("2024-07-01"),
        {"blue_card": E},
        id="standard-2024-at-45300",
    ),
    pytest.param(
        make_profile(ENGINEER, annual_salary_eur=43759.79),
        on("2025-06-01"),
        {"blue_card": N},
        id="reduced-2025-one-cent-under-43759.80",
    ),
    pytest.param(
        make_profile(ENGINEER, annual_salary_eur=43759.80),
        on("2025-06-01"),
        {"blue_card": E},
        id="reduced-2025-at-43759.80",
    ),
    pytest.param(
        make_profile(ECONOMIST, degree_years_ago=2, annual_salary_eur=46000),
        ON,
        {"blue_card": E},
        id="graduate-of-2-years-reduced-threshold",
    ),
    pytest.param(
        make_profile(ECONOMIST, degree_years_ago=3, annual_salary_eur=46000),
        ON,
        {"blue_card": P},
        id="graduate-of-exactly-3-years-open",
    ),
    pytest.param(
        make_profile(ECONOMIST, degree_years_ago=4, annual_salary_eur=46000),
        ON,
        {"blue_card": N},
        id="graduate-of-4-years-standard-threshold",
    ),
    pytest.param(
        IT_NO_DEGREE,
        ON,
        {"blue_card": E, "skilled_worker": N},
        id="it-professional-without-degree-3-years",
    ),
    pytest.param(
        make_profile(IT_NO_DEGREE, it_experience_years_last7=2),
        ON,
        {"blue_card": N},
        id="it-professional-without-degree-2-years",
    ),
    pytest.param(
        make_profile(ENGINEER, annual_salary_eur=46000, temp_agency_work=True),
        ON,
        {"blue_card": N},
        id="agency-work-at-reduced-threshold",
    ),
    pytest.param(
        make_profile(ECONOMIST, annual_salary_eur=60000, temp_agency_work=True),
        ON,
        {"blue_card": E, "skilled_worker": N},
        id="agency-work-at-standard-threshold",
    ),
    pytest.param(
        make_profile(ECONOMIST, recognition="pending"),
        ON,
        {"blue_card": P},
        id="comparability-pending",
    ),
    pytest.param(
        make_profile(ECONOMIST, qualification="vocational"),
        ON,
        {"blue_card": N},
        id="vocational-training-is-not-enough",
    ),
    pytest.param(
        make_profile(ECONOMIST, annual_salary_eur=...), ON, {"blue_card": P}, id="salary-unknown"
    ),
]


@pytest.mark.parametrize(("profile", "day", "expected"), BLUE_CARD)
def test_blue_card_table(profile, day, expected):
    assert_verdicts(profile, day, expected)


# --- Erfahrungssäule --------------------------------------------------------------------------

EXPERIENCED = make_profile(DELIC, annual_salary_eur=46000, employer_collective_agreement=False)

EXPERIENCE_ROUTE = [
    pytest.param(EXPERIENCED, ON, {"experience_route": E}, id="delic-with-46000"),
    pytest.param(
        EXPERIENCED, on("2024-02-29"), {"experience_route": N}, id="before-2024-03-01-not-in-force"
    ),
    pytest.param(
        EXPERIENCED, on("2024-03-01"), {"experience_route": E}, id="on-2024-03-01-in-force"
    ),
    pytest.param(
        make_profile(EXPERIENCED, annual_salary_eur=45629.99),
        ON,
        {"experience_route": N},
        id="one-cent-under-45630",
    ),
    pytest.param(
        make_profile(EXPERIENCED, annual_salary_eur=45630),
        ON,
        {"experience_route": E},
        id="at-45630",
    ),
    pytest.param(
        make_profile(EXPERIENCED, annual_salary_eur=43470),
        on("2025-06-01"),
        {"experience_route": E},
        id="2025-at-43470",
    ),
    pytest.param(
        make_profile(EXPERIENCED, annual_salary_eur=43469.99),
        on("2025-06-01"),
        {"experience_route": N},
        id="2025-one-cent-under-43470",
    ),
    pytest.param(
        make_profile(EXPERIENCED, annual_salary_eur=30000, employer_collective_agreement=True),
        ON,
        {"experience_route": E},
        id="collective-agreement-waives-floor",
    ),
    pytest.param(
        make_profile(EXPERIENCED, experience_years_last5=1, experience_years_last7=3),
        ON,
        {"experience_route": N},
        id="1-year-experience",
    ),
    pytest.param(
        make_profile(EXPERIENCED, experience_years_last5=2, experience_years_last7=4),
        ON,
        {"experience_route": E},
        id="2-years-experience",
    ),
    pytest.param(
        make_profile(EXPERIENCED, qualification_state_recognised=False),
        ON,
        {"experience_route": N},
        id="not-state-recognised",
    ),
    pytest.param(
        make_profile(EXPERIENCED, qualification="none", occupation_isco="2512"),
        ON,
        {"experience_route": E},
        id="it-job-needs-no-qualification",
    ),
    pytest.param(
        make_profile(EXPERIENCED, age=50, annual_salary_eur=50000, pension_provision=False),
        ON,
        {"experience_route": N},
        id="age-50-under-age-45-floor",
    ),
    pytest.param(DELIC, ON, {"experience_route": P}, id="salary-unknown"),
]


@pytest.mark.parametrize(("profile", "day", "expected"), EXPERIENCE_ROUTE)
def test_experience_route_table(profile, day, expected):
    assert_verdicts(profile, day, expected)


# --- Anerkennungspartnerschaft ----------------------------------------------------------------

RECOGNITION_PARTNERSHIP = [
    pytest.param(VIETNAMESE_COOK, ON, {"recognition_partnership": E}, id="T27-vietnamese-cook-a2"),
    pytest.param(
        make_profile(VIETNAMESE_COOK, german_level="A1"),
        ON,
        {"recognition_partnership": N, "language_course": E},
        id="T28-same-cook-with-a1",
    ),
    pytest.param(
        VIETNAMESE_COOK,
        on("2024-02-29"),
        {"recognition_partnership": N},
        id="before-2024-03-01-not-in-force",
    ),
    pytest.param(
        VIETNAMESE_COOK,
        on("2024-03-01"),
        {"recognition_partnership": E},
        id="on-2024-03-01-in-force",
    ),
    pytest.param(
        make_profile(VIETNAMESE_COOK, recognition_partnership_agreement=False),
        ON,
        {"recognition_partnership": P},
        id="agreement-still-to-sign",
    ),
    pytest.param(
        make_profile(VIETNAMESE_COOK, employer_suitable_for_training=False),
        ON,
        {"recognition_partnership": N},
        id="employer-without-training-experience",
    ),
    pytest.param(
        make_profile(VIETNAMESE_COOK, job_offer="unqualified"),
        ON,
        {"recognition_partnership": N},
        id="helper-job-in-non-regulated-profession",
    ),
    pytest.param(
        make_profile(NURSE, job_offer="unqualified"),
        ON,
        {"recognition_partnership": E},
        id="T05-nurse-as-assistant-tarif-employer",
    ),
    pytest.param(
        make_profile(VIETNAMESE_COOK, qualification="vocational_short"),
        ON,
        {"recognition_partnership": N},
        id="training-under-2-years",
    ),
    pytest.param(
        make_profile(VIETNAMESE_COOK, temp_agency_work=True),
        ON,
        {"recognition_partnership": N},
        id="agency-work",
    ),
]
RECOGNITION_PARTNERSHIP += [
    pytest.param(
        make_profile(VIETNAMESE_COOK, german_level=level),
        ON,
        {"recognition_partnership": verdict},
        id=f"german-{level}",
    )
    for level, verdict in [
        ("none", N),
        ("A1", N),
        ("A2", E),
        ("B1", E),
        ("B2", E),
        ("C1", E),
        ("C2", E),
    ]
]


@pytest.mark.parametrize(("profile", "day", "expected"), RECOGNITION_PARTNERSHIP)
def test_recognition_partnership_table(profile, day, expected):
    assert_verdicts(profile, day, expected)


# --- Chancenkarte -----------------------------------------------------------------------------

# B1 (2) + two years in five (2) = 4 before age points.
CK_FOUR = make_profile(
    CK_BASE, german_level="B1", experience_years_last5=2, experience_years_last7=2
)
# B1 (2) + five years in seven (3) = 5 before age points.
CK_FIVE = make_profile(CK_FOUR, experience_years_last5=4, experience_years_last7=5)

OPPORTUNITY_CARD = [
    pytest.param(
        make_profile(CK_BASE, recognition="partial", german_level="B1", age=36),
        ON,
        {"opportunity_card": E},
        id="T19-partial-recognition-b1-age-36-7-points",
    ),
    pytest.param(
        make_profile(
            CK_BASE, german_level="C1", age=41, experience_years_last5=2, experience_years_last7=2
        ),
        ON,
        {"opportunity_card": N},
        id="T20-c1-age-41-2-years-5-points",
    ),
    pytest.param(
        make_profile(CK_BASE, recognition="full"),
        ON,
        {"opportunity_card": E},
        id="T22-full-recognition-no-languages-skilled-worker-route",
    ),
    pytest.param(
        make_profile(CK_BASE, recognition="full", means_secured=False),
        ON,
        {"opportunity_card": N},
        id="T22-without-means",
    ),
    pytest.param(
        make_profile(CK_FOUR, age=35), ON, {"opportunity_card": E}, id="age-35-gets-2-points-6"
    ),
    pytest.param(
        make_profile(CK_FOUR, age=36), ON, {"opportunity_card": N}, id="age-36-gets-1-point-5"
    ),
    pytest.param(
        make_profile(CK_FIVE, age=40), ON, {"opportunity_card": E}, id="age-40-gets-1-point-6"
    ),
    pytest.param(
        make_profile(CK_FIVE, age=41), ON, {"opportunity_card": N}, id="age-41-gets-0-points-5"
    ),
    pytest.param(
        make_profile(CK_FIVE, age=45), ON, {"opportunity_card": N}, id="age-45-gets-0-points-5"
    ),
    pytest.param(
        make_profile(CK_FOUR, age=30, german_level="A1", english_level="none"),
        ON,
        {"opportunity_card": N},
        id="a1-opens-the-gate-but-4-points",
    ),
    pytest.param(
        make_profile(
            CK_FOUR,
            age=30,
            german_level="A1",
            partner_applies_too=True,
            stay_germany_6_months_last5=True,
        ),
        ON,
        {"opportunity_card": E},
        id="a1-with-partner-and-stay-6-points",
    ),
    pytest.param(
        make_profile(
            CK_FIVE, age=30, german_level="none", english_level="B2", partner_applies_too=True
        ),
        ON,
        {"opportunity_card": E},
        id="english-b2-opens-the-gate",
    ),
    pytest.param(
        make_profile(
            CK_FIVE, age=30, german_level="none", english_level="B1", partner_applies_too=True
        ),
        ON,
        {"opportunity_card": N},
        id="english-b1-does-not-open-the-gate",
    ),
    pytest.param(
        make_profile(CK_FOUR, age=30, residence="germany_duldung_or_gestattung"),
        ON,
        {"opportunity_card": N},
        id="not-with-duldung",
    ),
    pytest.param(
        make_profile(CK_FOUR, age=30),
        on("2024-05-31"),
        {"opportunity_card": N},
        id="before-2024-06-01-not-in-force",
    ),
    pytest.param(
        make_profile(CK_FOUR, age=30),
        on("2024-06-01"),
        {"opportunity_card": E},
        id="on-2024-06-01-in-force",
    ),
    pytest.param(
        make_profile(CK_FOUR, age=30, qualification="vocational_short"),
        ON,
        {"opportunity_card": N},
        id="training-under-2-years-fails-the-gate",
    ),
    pytest.param(
        make_profile(CK_FOUR, age=30, qualification="vocational_short", recognition="partial"),
        ON,
        {"opportunity_card": E},
        id="partial-recognition-waives-the-gate",
    ),
    pytest.param(
        make_profile(CK_FOUR, age=30, qualification_state_recognised=False),
        ON,
        {"opportunity_card": N},
        id="not-state-recognised",
    ),
    pytest.param(
        make_profile(CK_FOUR, age=30, means_secured=False),
        ON,
        {"opportunity_card": N},
        id="means-not-secured",
    ),
    pytest.param(
        make_profile(CK_FOUR, age=...), ON, {"opportunity_card": P}, id="age-unknown-could-reach-6"
    ),
    pytest.param(DELIC, ON, {"opportunity_card": E}, id="T18-delic-7-points"),
]


@pytest.mark.parametrize(("profile", "day", "expected"), OPPORTUNITY_CARD)
def test_opportunity_card_table(profile, day, expected):
    assert_verdicts(profile, day, expected)


def test_age_35_gets_one_point_when_the_boundary_is_exclusive():
    options = RuleOptions(opportunity_card_age_boundary_inclusive=False)
    assert_verdicts(make_profile(CK_FOUR, age=35), ON, {"opportunity_card": N}, options)


# --- beschleunigtes Fachkräfteverfahren -------------------------------------------------------

ACCELERATED = [
    pytest.param(
        make_profile(CK_FOUR, age=30, employer_uses_accelerated_procedure=True),
        ON,
        {"accelerated_procedure": N, "opportunity_card": E},
        id="T32-chancenkarte-without-job",
    ),
    pytest.param(
        make_profile(FULL, residence="germany_residence_permit"),
        ON,
        {"accelerated_procedure": N},
        id="already-in-germany",
    ),
    pytest.param(
        make_profile(FULL, employer_uses_accelerated_procedure=False),
        ON,
        {"accelerated_procedure": N, "skilled_worker": E},
        id="employer-does-not-apply",
    ),
    pytest.param(
        make_profile(FULL, employer_uses_accelerated_procedure=...),
        ON,
        {"accelerated_procedure": P},
        id="employer-undecided",
    ),
]


@pytest.mark.parametrize(("profile", "day", "expected"), ACCELERATED)
def test_accelerated_procedure_table(profile, day, expected):
    assert_verdicts(profile, day, expected)


# --- § 16d Abs. 1 and § 16f -------------------------------------------------------------------

DEFICIT = make_profile(VIETNAMESE_COOK, recognition="partial")

RELATED_ROUTES = [
    pytest.param(DEFICIT, ON, {"recognition_measures": E}, id="16d-deficit-notice-a2"),
    pytest.param(
        make_profile(DEFICIT, german_level="A1"),
        ON,
        {"recognition_measures": P},
        id="16d-a1-usually-not-enough",
    ),
    pytest.param(
        make_profile(DEFICIT, means_secured=False),
        ON,
        {"recognition_measures": N},
        id="16d-means-not-secured",
    ),
    pytest.param(
        make_profile(DEFICIT, recognition="pending"),
        ON,
        {"recognition_measures": P},
        id="16d-recognition-pending",
    ),
    pytest.param(
        make_profile(DEFICIT, recognition="full"),
        ON,
        {"recognition_measures": N},
        id="16d-already-fully-recognised",
    ),
    pytest.param(
        make_profile(DEFICIT, residence="germany_duldung", residence_country="DE"),
        ON,
        {"recognition_measures": P},
        id="16d-duldung-restricted-by-10-3",
    ),
    pytest.param(
        make_profile(DEFICIT, residence="germany_gestattung", residence_country="DE"),
        ON,
        {"recognition_measures": P},
        id="16d-gestattung-restricted-by-10-1",
    ),
    pytest.param(
        {"nationality": "IN", "residence": "abroad", "german_level": "none", "means_secured": True},
        ON,
        {"language_course": E},
        id="T33-indian-without-german-language-course-at-discretion",
    ),
    pytest.param(
        {
            "nationality": "IN",
            "residence": "abroad",
            "german_level": "none",
            "means_secured": False,
        },
        ON,
        {"language_course": N},
        id="16f-means-not-secured",
    ),
]


@pytest.mark.parametrize(("profile", "day", "expected"), RELATED_ROUTES)
def test_related_routes_table(profile, day, expected):
    assert_verdicts(profile, day, expected)


def test_the_tables_have_at_least_80_rows():
    tables = [
        WESTBALKAN,
        SKILLED_WORKER,
        BLUE_CARD,
        EXPERIENCE_ROUTE,
        RECOGNITION_PARTNERSHIP,
        OPPORTUNITY_CARD,
        ACCELERATED,
        RELATED_ROUTES,
    ]
    assert sum(len(table) for table in tables) >= 80


TOLERATED_ROUTES = (
    "skilled_worker",
    "experience_route",
    "recognition_partnership",
    "recognition_measures",
)


@pytest.mark.parametrize("residence", ["germany_duldung", "germany_gestattung"])
@pytest.mark.parametrize("key", TOLERATED_ROUTES)
def test_every_work_or_training_title_names_the_restriction_of_a_tolerated_stay(key, residence):
    """§ 10 Abs. 1 and Abs. 3 S. 1 AufenthG: the title is not simply granted during or after the
    asylum procedure; each of these routes says so in an open check instead of promising it."""
    profile = make_profile(DEFICIT, residence=residence, residence_country="DE")
    checks = {c.rule: c.status for c in evaluate(profile, on=ON).pathways[key].checks}
    assert checks.get(f"{key}.tolerated_stay") == "unknown"
    abroad = {c.rule for c in evaluate(DEFICIT, on=ON).pathways[key].checks}
    assert f"{key}.tolerated_stay" not in abroad
