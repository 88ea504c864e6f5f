"""Properties over generated profiles (hypothesis): no valid profile raises, points are
monotonic, and an eligible verdict never carries a failed check.

Generated answers can contradict each other (e.g. more years in the last 7 than in the last 5
plus 2); parsing refuses those with a ``ProfileError`` naming a key, and they are not "valid".
"""

from datetime import date

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pathways.rules.engine import evaluate
from pathways.rules.options import RuleOptions
from pathways.rules.profile import ProfileError, parse_profile
from pathways.rules.questions import LANGUAGE_LEVELS, QUESTIONS, Question

COUNTRIES = ["RS", "XK", "BA", "AL", "MK", "ME", "IN", "BR", "VN", "US", "HR", "DE"]


def value_strategy(question: Question) -> st.SearchStrategy:
    if question.kind == "bool":
        return st.booleans()
    if question.kind == "int":
        return st.integers(question.min, question.max)
    if question.kind == "decimal":
        cents = st.integers(0, 20_000_000)
        return cents.map(lambda value: value / 100)
    if question.kind == "country":
        return st.sampled_from(COUNTRIES)
    return st.sampled_from(question.accepted_values)


def answer(question: Question) -> st.SearchStrategy:
    # A missing key and None both mean "unknown" (None means "never" for AsylbLG).
    return st.one_of(st.none(), value_strategy(question))


profiles = st.fixed_dictionaries(
    {}, optional={question.id: answer(question) for question in QUESTIONS}
)
dates = st.dates(date(2024, 1, 1), date(2027, 12, 31))
options = st.builds(
    RuleOptions,
    opportunity_card_age_boundary_inclusive=st.booleans(),
    asylbl_boundary_24_months=st.sampled_from(["check_exact_date", "inside", "outside"]),
    age45_pension_review=st.sampled_from(["manual", "accept"]),
)


@settings(max_examples=400, deadline=None)
@given(profiles, dates, options)
def test_no_valid_profile_raises_and_eligible_never_carries_a_failed_check(profile, day, opts):
    assume(consistent(profile))
    result = evaluate(profile, on=day, options=opts)
    for pathway in result.pathways.values():
        statuses = {check.status for check in pathway.checks}
        if pathway.verdict == "eligible":
            assert statuses == {"met"}
        if pathway.verdict == "possible":
            assert "unknown" in statuses
            assert "not_met" not in statuses
        if pathway.verdict == "not_eligible":
            assert "not_met" in statuses
    result.to_dict("en")


def consistent(profile) -> bool:
    try:
        parse_profile(profile)
    except ProfileError as error:
        refused = error.field
    else:
        return True
    assert refused in {question.id for question in QUESTIONS}
    return False


def points(profile, day=date(2026, 1, 15)):
    return evaluate(profile, on=day).pathways["opportunity_card"].points


@settings(max_examples=200, deadline=None)
@given(profiles, st.sampled_from(LANGUAGE_LEVELS), st.sampled_from(LANGUAGE_LEVELS))
def test_raising_a_language_level_never_lowers_the_points(profile, first, second):
    low, high = sorted((first, second), key=LANGUAGE_LEVELS.index)
    assume(consistent(profile))
    for key in ("german_level", "english_level"):
        assert points({**profile, key: low}) <= points({**profile, key: high})


@settings(max_examples=200, deadline=None)
@given(profiles, st.integers(0, 5), st.integers(0, 5), st.integers(0, 7), st.integers(0, 7))
def test_more_experience_never_lowers_the_points(profile, five_a, five_b, seven_a, seven_b):
    low5, high5 = sorted((five_a, five_b))
    low7, high7 = sorted((seven_a, seven_b))
    less = {**profile, "experience_years_last5": low5, "experience_years_last7": low7}
    more = {**profile, "experience_years_last5": high5, "experience_years_last7": high7}
    assume(consistent(less) and consistent(more))
    assert points(less) <= points(more)
