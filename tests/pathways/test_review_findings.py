"""The findings of the statute review (issue 9), one table per finding.

Every row failed on the rules before the fix (rules 2026.2) and passes after it; rows marked
"guard" pin the neighbouring case that must not move. Each row is (profile, date, expected
verdicts for some pathways); ``assert_verdicts`` names the open and failed checks on a mismatch.
"""

from __future__ import annotations

from datetime import date

import pytest

from pathways.rules.engine import evaluate
from pathways.rules.options import RuleOptions

from .profiles import DELIC, ECONOMIST, INDIAN_IT, ON, SERBIAN_HELPER, make_profile, on
from .test_rules_table import CK_FOUR, assert_verdicts

E, P, N = "eligible", "possible", "not_eligible"


def _rows(*rows):
    return [pytest.param(profile, day, expected, id=name) for name, profile, day, expected in rows]


# 1. § 18 Abs. 2 Nr. 3 AufenthG: the licence is needed for the job offered ("soweit diese
#    erforderlich ist"), and not knowing how far recognition is, is an open point.
TRAINED_NURSE = make_profile(
    SERBIAN_HELPER,
    nationality="BA",
    residence_country="BA",
    qualification="vocational",
    qualification_state_recognised=True,
    regulated_profession=True,
    recognition="none",
)
LICENCE = _rows(
    (
        "nurse-offered-kitchen-helper-job-needs-no-licence",
        make_profile(TRAINED_NURSE, job_needs_licence=False),
        ON,
        {"westbalkan": E},
    ),
    (
        "nurse-offered-nursing-job-without-recognition-fails (guard)",
        make_profile(TRAINED_NURSE, job_offer="qualified", job_needs_licence=True),
        ON,
        {"westbalkan": N},
    ),
    (
        "licence-needed-recognition-unknown-is-open",
        make_profile(TRAINED_NURSE, job_needs_licence=True, recognition=None),
        ON,
        {"westbalkan": P},
    ),
    (
        "experience-route-licence-needed-recognition-unknown-is-open",
        make_profile(
            DELIC,
            annual_salary_eur=46000,
            employer_collective_agreement=False,
            regulated_profession=True,
            job_needs_licence=True,
            recognition=None,
        ),
        ON,
        {"experience_route": P},
    ),
    (
        "helper-job-in-a-regulated-profession-licence-unknown-is-open",
        make_profile(TRAINED_NURSE, job_needs_licence=None),
        ON,
        {"westbalkan": P},
    ),
)

# 2. § 18 Abs. 2 Nr. 5 S. 2 AufenthG, § 1 Abs. 2 S. 2-3 BeschV: a salary only slightly below the
#    age-45 floor leaves the exception open; not for the Westbalkanregelung (S. 4).
SENIOR = make_profile(ECONOMIST, age=46, pension_provision=False)
EXPERIENCED_50 = make_profile(
    DELIC, age=50, employer_collective_agreement=False, pension_provision=False
)
AGE45 = _rows(
    (
        "18b-age-46-52000-just-under-55770-is-open",
        make_profile(SENIOR, annual_salary_eur=52000),
        ON,
        {"skilled_worker": P, "blue_card": E},
    ),
    (
        "18b-age-45-one-cent-under-55770-is-open",
        make_profile(SENIOR, age=45, annual_salary_eur=55769.99),
        ON,
        {"skilled_worker": P},
    ),
    (
        "18b-age-46-well-under-the-floor-fails (guard)",
        make_profile(SENIOR, annual_salary_eur=45000),
        ON,
        {"skilled_worker": N},
    ),
    (
        "6-beschv-age-50-just-under-the-floor-is-open",
        make_profile(EXPERIENCED_50, annual_salary_eur=54000),
        ON,
        {"experience_route": P},
    ),
    (
        "westbalkan-age-45-just-under-the-floor-still-fails (guard)",
        make_profile(SERBIAN_HELPER, age=45, annual_salary_eur=55000, pension_provision=False),
        ON,
        {"westbalkan": N},
    ),
)

# 3. § 20a Abs. 4 S. 2 AufenthG: in Germany only with a title of Abschnitt 3 or 4.
IN_GERMANY = make_profile(CK_FOUR, age=30, residence="germany_residence_permit")
CHANCENKARTE_IN_GERMANY = _rows(
    (
        "family-title-no-chancenkarte-in-germany",
        make_profile(IN_GERMANY, residence_title_kind="family"),
        ON,
        {"opportunity_card": N},
    ),
    (
        "humanitarian-title-no-chancenkarte-in-germany",
        make_profile(IN_GERMANY, residence_title_kind="humanitarian"),
        ON,
        {"opportunity_card": N},
    ),
    (
        "section-24-title-no-chancenkarte-in-germany",
        make_profile(IN_GERMANY, residence_title_kind="temporary_protection"),
        ON,
        {"opportunity_card": N},
    ),
    (
        "kind-of-title-unknown-is-open",
        IN_GERMANY,
        ON,
        {"opportunity_card": P},
    ),
    (
        "study-title-may-apply-in-germany (guard)",
        make_profile(IN_GERMANY, residence_title_kind="education"),
        ON,
        {"opportunity_card": E},
    ),
)

# 4. § 19f Abs. 1 Nr. 2 (Duldung) and Abs. 2 Nr. 1 (pending asylum application) AufenthG.
BLUE_CARD_TOLERATED = _rows(
    (
        "blue-card-not-with-duldung",
        make_profile(INDIAN_IT, residence="germany_duldung"),
        ON,
        {"blue_card": N},
    ),
    (
        "blue-card-not-with-gestattung",
        make_profile(INDIAN_IT, residence="germany_gestattung"),
        ON,
        {"blue_card": N},
    ),
    (
        "blue-card-not-with-the-old-combined-answer",
        make_profile(INDIAN_IT, residence="germany_duldung_or_gestattung"),
        ON,
        {"blue_card": N, "opportunity_card": N},
    ),
    (
        "blue-card-not-with-temporary-protection",
        make_profile(
            INDIAN_IT,
            residence="germany_residence_permit",
            residence_title_kind="temporary_protection",
        ),
        ON,
        {"blue_card": N},
    ),
)

# 5. § 18g Abs. 2 AufenthG: anyone who does not meet Abs. 1, also with a degree that is not
#    (yet) comparable, gets the IT route with three years' IT experience.
IT_DEGREE_NOT_COMPARABLE = make_profile(
    INDIAN_IT, recognition="partial", it_experience_years_last7=3, annual_salary_eur=46000
)
IT_ROUTE = _rows(
    (
        "it-degree-not-comparable-with-3-years-it-experience",
        IT_DEGREE_NOT_COMPARABLE,
        ON,
        {"blue_card": E},
    ),
    (
        "it-degree-comparability-not-applied-for-with-3-years",
        make_profile(IT_DEGREE_NOT_COMPARABLE, recognition="none"),
        ON,
        {"blue_card": E},
    ),
    (
        "it-degree-not-comparable-with-2-years-fails (guard)",
        make_profile(IT_DEGREE_NOT_COMPARABLE, it_experience_years_last7=2),
        ON,
        {"blue_card": N},
    ),
)

# 6. § 26 Abs. 2 S. 3 BeschV: the quota of a year used up (2025: end of November per the BA;
#    2024: Kosovo and Albania in September).
QUOTA = _rows(
    (
        "request-after-the-2025-quota-was-used-up",
        SERBIAN_HELPER,
        on("2025-12-10"),
        {"westbalkan": P},
    ),
    (
        "kosovo-request-after-september-2024",
        make_profile(SERBIAN_HELPER, nationality="XK", residence_country="XK"),
        on("2024-10-01"),
        {"westbalkan": P},
    ),
    (
        "serbia-request-in-october-2024 (guard)",
        SERBIAN_HELPER,
        on("2024-10-01"),
        {"westbalkan": E},
    ),
    (
        "request-in-january-2026 (guard)",
        SERBIAN_HELPER,
        on("2026-01-15"),
        {"westbalkan": E},
    ),
)

# 7. § 26 Abs. 2 S. 2-3 BeschV: only the first approval needs the region (and counts).
WB_IN_GERMANY = make_profile(
    SERBIAN_HELPER,
    residence="germany_residence_permit",
    residence_country=...,
    residence_title_kind="employment",
    westbalkan_employed_in_germany=True,
)
WESTBALKAN_IN_GERMANY = _rows(
    (
        "already-working-under-westbalkan-changes-employer-in-germany",
        WB_IN_GERMANY,
        ON,
        {"westbalkan": E},
    ),
    (
        "change-of-employer-is-not-counted-after-the-quota-is-used-up",
        WB_IN_GERMANY,
        on("2025-12-10"),
        {"westbalkan": E},
    ),
    (
        "first-application-from-germany-still-fails (guard)",
        make_profile(WB_IN_GERMANY, westbalkan_employed_in_germany=False),
        ON,
        {"westbalkan": N},
    ),
)

# 8. § 18 Abs. 3 Nr. 1 AufenthG: full equivalence makes a Fachkraft after a short course too.
SHORT_COURSE = _rows(
    (
        "course-under-2-years-with-full-equivalence-is-a-skilled-worker",
        make_profile(DELIC, qualification="vocational_short", recognition="full"),
        ON,
        {"skilled_worker": E, "accelerated_procedure": E},
    ),
    (
        "chancenkarte-skilled-worker-route-after-a-short-course-with-equivalence",
        make_profile(CK_FOUR, age=45, qualification="vocational_short", recognition="full"),
        ON,
        {"opportunity_card": E},
    ),
    (
        "course-under-2-years-without-equivalence-fails (guard)",
        make_profile(DELIC, qualification="vocational_short", recognition="none"),
        ON,
        {"skilled_worker": N},
    ),
)

# The statutory minimum wage (§ 1 Abs. 2 MiLoG, MiLoV5: 13.90 €/h in 2026, 14.60 €/h in 2027):
# a full-time offer below it fails on every route; between 35 and 40 hours it depends.
LOW_PAY = make_profile(SERBIAN_HELPER, annual_salary_eur=24000)
MINIMUM_WAGE = _rows(
    ("westbalkan-24000-below-minimum-wage", LOW_PAY, ON, {"westbalkan": N}),
    (
        "skilled-worker-24000-below-minimum-wage",
        make_profile(DELIC, recognition="full", annual_salary_eur=24000),
        ON,
        {"skilled_worker": N},
    ),
    (
        "westbalkan-27000-depends-on-the-weekly-hours",
        make_profile(SERBIAN_HELPER, annual_salary_eur=27000),
        ON,
        {"westbalkan": P},
    ),
    (
        "westbalkan-27000-in-2025-is-enough (guard)",
        make_profile(SERBIAN_HELPER, annual_salary_eur=27000),
        on("2025-06-01"),
        {"westbalkan": E},
    ),
    (
        "westbalkan-29000-in-2027-depends-on-the-weekly-hours",
        make_profile(SERBIAN_HELPER, annual_salary_eur=29000),
        on("2027-03-01"),
        {"westbalkan": P},
    ),
)

# Figures for 2027 are not published: a salary that reaches the 2026 threshold but not its
# plausible rise is open, not eligible.
UNPUBLISHED = _rows(
    (
        "blue-card-50700-in-2027-is-open",
        make_profile(ECONOMIST, annual_salary_eur=50700),
        on("2027-02-01"),
        {"blue_card": P},
    ),
    (
        "blue-card-60000-in-2027-is-clear (guard)",
        make_profile(ECONOMIST, annual_salary_eur=60000),
        on("2027-02-01"),
        {"blue_card": E},
    ),
    (
        "experience-route-46000-in-2027-is-open",
        make_profile(DELIC, annual_salary_eur=46000, employer_collective_agreement=False),
        on("2027-02-01"),
        {"experience_route": P},
    ),
)

TABLES = {
    "licence": LICENCE,
    "age45": AGE45,
    "chancenkarte_in_germany": CHANCENKARTE_IN_GERMANY,
    "blue_card_tolerated": BLUE_CARD_TOLERATED,
    "it_route": IT_ROUTE,
    "quota": QUOTA,
    "westbalkan_in_germany": WESTBALKAN_IN_GERMANY,
    "short_course": SHORT_COURSE,
    "minimum_wage": MINIMUM_WAGE,
    "unpublished": UNPUBLISHED,
}


@pytest.mark.parametrize(
    ("profile", "day", "expected"), [row for table in TABLES.values() for row in table]
)
def test_review_findings(profile, day, expected):
    assert_verdicts(profile, day, expected)


def test_the_quota_text_says_when_requests_are_processed_again():
    result = evaluate(SERBIAN_HELPER, on=date(2025, 12, 10)).pathways["westbalkan"]
    quota = next(check for check in result.checks if check.rule == "westbalkan.quota")
    assert quota.status == "unknown"
    assert "30.11.2025" in quota.text.de
    assert "1. Januar 2026" in quota.text.de
    assert "1 January 2026" in quota.text.en


def test_an_evaluation_in_2027_names_the_figures_not_yet_published():
    result = evaluate(DELIC, on=date(2027, 2, 1))
    assert result.notices, "no notice on a date past the published figures"
    (notice,) = result.notices
    assert notice.de.startswith(
        "Die Zahlen für 2027 sind noch nicht veröffentlicht; entschieden mit denen von 2026"
    )
    assert "Gehaltsgrenze Blaue Karte EU" in notice.de
    # The minimum wage for 2027 is published (MiLoV5), so it is not named.
    assert "Mindestlohn" not in notice.de
    assert result.to_dict("en")["notices"] == [notice.en]
    assert evaluate(DELIC, on=ON).notices == ()


def test_a_discretionary_route_is_shown_the_same_way_everywhere():
    result = evaluate(make_profile(CK_FOUR, age=30), on=ON)
    for key, source in (
        ("opportunity_card", "§ 20a Abs. 3 AufenthG"),
        ("language_course", "§ 16f Abs. 1 AufenthG"),
    ):
        discretion = next(
            check for check in result.pathways[key].checks if check.rule == f"{key}.discretion"
        )
        assert (discretion.status, discretion.source) == ("met", source)


def _step(result, key):
    return next(step for step in result.steps if step.key == key)


def test_the_steps_use_the_quota_and_means_of_the_checks():
    options = RuleOptions(westbalkan_quota_2026=25_000, monthly_means_2026_eur=1200)
    result = evaluate(SERBIAN_HELPER, on=ON, options=options)
    westbalkan = result.pathways["westbalkan"]
    quota = next(check for check in westbalkan.checks if check.rule == "westbalkan.quota")
    assert "25.000" in quota.text.de
    assert "25.000" in _step(westbalkan, "wb.ba_pre_approval").deadline_note.de
    card = evaluate(make_profile(CK_FOUR, age=30), on=ON, options=options)
    assert "1200 Euro" in _step(card.pathways["opportunity_card"], "ck.means").title.de
    assert "1200 Euro" in _step(card.pathways["language_course"], "lc.means").title.de


@pytest.mark.parametrize(
    ("key", "step", "words"),
    [
        ("recognition_measures", "rm.measure", "24 Monate"),
        ("language_course", "lc.course", "20 Stunden"),
    ],
)
def test_steps_before_march_2024_do_not_state_the_rules_that_began_then(key, step, words):
    profile = make_profile(DELIC, recognition="partial", employer_uses_accelerated_procedure=False)
    before = _step(evaluate(profile, on=date(2024, 2, 29)).pathways[key], step)
    after = _step(evaluate(profile, on=date(2024, 3, 1)).pathways[key], step)
    assert words not in before.title.de
    assert words in after.title.de


def test_the_31a_decision_time_is_a_typical_duration_not_a_deadline():
    result = evaluate(make_profile(DELIC, recognition="full"), on=ON)
    step = _step(result.pathways["skilled_worker"], "fkv.visa_entry_work")
    assert step.duration.statutory is False
    assert "in der Regel" in step.duration.source


def test_turkish_nationals_see_the_association_fee_reduction():
    turkish = make_profile(DELIC, nationality="TR", residence_country="TR", recognition="full")
    other = make_profile(turkish, nationality="IN", residence_country="IN")
    # The identity-card fee instead of § 45's 100 €: 37 €, from 7 February 2026 46 €.
    for day, card_fee in ((ON, 37), (date(2026, 3, 1), 46)):
        summary = evaluate(turkish, on=day).pathways["skilled_worker"].summary
        normal = evaluate(other, on=day).pathways["skilled_worker"].summary
        assert normal.fee_note is None
        assert "§ 52a AufenthV" in summary.fee_note.de
        assert summary.fees_eur[0] == normal.fees_eur[0] - (100 - card_fee)
        assert summary.fees_eur[1] == normal.fees_eur[1]


def test_the_result_page_shows_the_notices_beside_the_rules_date():
    from django.template.loader import render_to_string

    notices = [notice.de for notice in evaluate(DELIC, on=date(2027, 2, 1)).notices]
    html = render_to_string(
        "questionnaire/_rules_date.html",
        {"rules_date": date(2027, 2, 1), "rules_version": "x", "notices": notices},
    )
    assert "Die Zahlen für 2027 sind noch nicht veröffentlicht" in html
