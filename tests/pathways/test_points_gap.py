"""The Chancenkarte arithmetic (pathways.rules.points_gap): reached, needed and the cheapest
additions, also with open answers."""

from __future__ import annotations

from datetime import date

import pytest

from pathways.rules.points_gap import gap
from pathways.rules.profile import parse_profile

from .profiles import CK_BASE, ON, make_profile

ROWS = [
    # CK_BASE: vocational, age 45, nothing that gives points.
    pytest.param({}, 0, "Deutsch A2 brächte 1 Punkt", id="base-a2-first"),
    pytest.param({"german_level": "A2"}, 1, "Deutsch B1 brächte 1 Punkt", id="a2-then-b1"),
    pytest.param({"german_level": "B1"}, 2, "Deutsch B2 brächte 1 Punkt", id="b1-then-b2"),
    pytest.param({"german_level": "B2"}, 3, "Englisch C1 brächte 1 Punkt", id="b2-no-german"),
    pytest.param(
        {"german_level": ..., "english_level": "C1"},
        1,
        "Ihr Deutsch ist offen: B2 gäbe 3 Punkte",
        id="open-german-first",
    ),
    pytest.param(
        {"age": ..., "german_level": "B1"},
        2,
        "Ihr Alter ist offen: bis 35 gäbe 2 Punkte",
        id="open-age",
    ),
]


@pytest.mark.parametrize(("changes", "reached", "first"), ROWS)
def test_the_gap_names_points_reached_needed_and_the_cheapest_addition(
    changes, reached, first
) -> None:
    result = gap(parse_profile(make_profile(CK_BASE, **changes)), ON)
    assert result.reached == reached
    assert result.needed == 6
    assert result.missing == 6 - reached
    assert result.additions[0].text.de == first
    assert result.summary.de == f"{reached} {'Punkt' if reached == 1 else 'Punkte'}, nötig: 6"


def test_the_brazilian_with_unknown_recognition_still_sees_five_of_six() -> None:
    person = make_profile(
        CK_BASE,
        nationality="BR",
        age=30,
        german_level="A2",
        experience_years_last5=3,
        experience_years_last7=3,
        recognition=...,
    )
    result = gap(parse_profile(person), ON)
    assert (result.reached, result.needed) == (5, 6)
    assert result.summary.de == "5 Punkte, nötig: 6"
    assert result.summary.en == "5 points, needed: 6"
    texts = [addition.text.de for addition in result.additions]
    assert "Deutsch B1 brächte 1 Punkt" in texts
    assert any("teilweise Anerkennung" in text for text in texts)


def test_partial_recognition_is_offered_only_while_it_is_not_in_hand() -> None:
    texts = [
        a.criterion
        for a in gap(parse_profile(make_profile(CK_BASE, recognition="partial")), ON).additions
    ]
    assert "partial_recognition" not in texts
    none = make_profile(CK_BASE, qualification="none")
    assert "partial_recognition" not in [
        a.criterion for a in gap(parse_profile(none), ON).additions
    ]


def test_before_the_chancenkarte_there_is_no_arithmetic() -> None:
    assert gap(parse_profile(CK_BASE), date(2024, 5, 31)) is None


@pytest.mark.parametrize(
    ("recognition", "qualification", "shown"),
    [
        pytest.param("full", "vocational", False, id="skilled-worker-needs-no-points"),
        pytest.param("full", "academic", False, id="recognised-degree-needs-no-points"),
        pytest.param("partial", "vocational", True, id="partial-recognition-counts-points"),
        pytest.param("pending", "vocational", True, id="recognition-pending-points-may-count"),
        pytest.param("none", "vocational", True, id="no-recognition-points-route"),
    ],
)
def test_a_skilled_worker_sees_no_points_arithmetic(recognition, qualification, shown) -> None:
    """§ 20a Abs. 3 Nr. 1 AufenthG: a Fachkraft gets the Chancenkarte without points, so no
    "1 point, needed: 6" is shown beside the check that says so."""
    person = parse_profile(
        make_profile(CK_BASE, recognition=recognition, qualification=qualification)
    )
    assert (gap(person, ON) is not None) is shown
