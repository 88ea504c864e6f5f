"""Chancenkarte points per criterion of the Anlage, and the fixes that name what would help."""

import pytest

from pathways.rules.engine import evaluate

from .profiles import CK_BASE, ON, make_profile


def breakdown(profile):
    card = evaluate(profile, on=ON).pathways["opportunity_card"]
    return card.points, {item.criterion: item.points for item in card.points_breakdown}


@pytest.mark.parametrize(
    ("level", "points"),
    [("none", 0), ("A1", 0), ("A2", 1), ("B1", 2), ("B2", 3), ("C1", 3), ("C2", 3)],
)
def test_german_points_have_no_c1_tier(level, points):
    assert breakdown(make_profile(CK_BASE, german_level=level))[1]["german"] == points


@pytest.mark.parametrize(
    ("level", "points"),
    [("none", 0), ("A1", 0), ("A2", 0), ("B1", 0), ("B2", 0), ("C1", 1), ("C2", 1)],
)
def test_english_b2_gives_no_points(level, points):
    assert breakdown(make_profile(CK_BASE, english_level=level))[1]["english"] == points


@pytest.mark.parametrize(
    ("last5", "last7", "points"),
    [(0, 0, 0), (1, 3, 0), (2, 2, 2), (3, 5, 3), (4, 6, 3), (5, 5, 3), (5, None, 3)],
)
def test_experience_tiers_do_not_stack(last5, last7, points):
    profile = make_profile(
        CK_BASE,
        experience_years_last5=last5,
        experience_years_last7=last7 if last7 is not None else ...,
    )
    assert breakdown(profile)[1]["experience"] == points


@pytest.mark.parametrize(("age", "points"), [(22, 2), (35, 2), (36, 1), (40, 1), (41, 0), (45, 0)])
def test_age_points(age, points):
    assert breakdown(make_profile(CK_BASE, age=age))[1]["age"] == points


@pytest.mark.parametrize(
    ("isco", "points"), [("21", 1), ("2512", 1), ("222", 1), ("other", 0), ("5120", 0)]
)
def test_the_shortage_point_follows_the_isco_groups_of_section_18g(isco, points):
    assert (
        breakdown(make_profile(CK_BASE, occupation_isco=isco))[1]["shortage_occupation"] == points
    )


def test_t19_partial_recognition_b1_and_age_36_make_7_points():
    total, items = breakdown(
        make_profile(CK_BASE, recognition="partial", german_level="B1", age=36)
    )
    assert total == 7
    assert (items["partial_recognition"], items["german"], items["age"]) == (4, 2, 1)


def test_t20_c1_age_41_and_two_years_make_only_5_points():
    total, _ = breakdown(
        make_profile(
            CK_BASE, german_level="C1", age=41, experience_years_last5=2, experience_years_last7=2
        )
    )
    assert total == 5


def test_stay_and_partner_give_one_point_each():
    total, items = breakdown(
        make_profile(CK_BASE, stay_germany_6_months_last5=True, partner_applies_too=True)
    )
    assert (items["stay_in_germany"], items["partner"], total) == (1, 1, 2)


def test_the_fix_says_b1_german_would_add_2_points_and_reach_6():
    profile = make_profile(CK_BASE, recognition="partial", german_level="A1", age=45)
    card = evaluate(profile, on=ON).pathways["opportunity_card"]
    assert card.verdict == "not_eligible"
    check = next(check for check in card.checks if check.rule == "opportunity_card.points")
    assert "B1 German would add 2 points and reach 6." in check.fix.en
    assert "Deutsch auf Niveau B1 brächte 2 Punkte mehr, zusammen 6." in check.fix.de


def test_the_points_and_breakdown_are_in_the_contract_json():
    data = evaluate(CK_BASE, on=ON).to_dict("en")["pathways"]["opportunity_card"]
    assert data["points"] == 0
    assert {item["criterion"] for item in data["points_breakdown"]} >= {"german", "age"}
    assert all(
        {"criterion", "label", "points", "source"} <= set(item) for item in data["points_breakdown"]
    )
