"""The section for people already in Germany (pathways.rules.in_germany): which items each
situation shows, that each is cited and dated, and the warning about leaving."""

from __future__ import annotations

from datetime import date

import pytest

from pathways.rules import in_germany
from pathways.rules.in_germany import situation
from pathways.rules.profile import parse_profile
from pathways.rules.steps import LEAVE_DULDUNG, LEAVE_TITLE, LEAVE_TOLERATED

from .profiles import ON, VIETNAMESE_COOK, make_profile

TOLERATED = "germany_duldung_or_gestattung"

ROWS = [
    pytest.param("abroad", None, id="abroad-no-section"),
    pytest.param(None, None, id="unknown-no-section"),
    pytest.param(
        TOLERATED,
        [
            "counselling_first",
            "recognition_inside",
            "change_of_track",
            "pending_consent",
            "vocational_training",
            "employment_duldung",
            "qualified_tolerated",
            "sustained_integration",
            "refused_bar",
        ],
        id="duldung-or-gestattung",
    ),
    pytest.param(
        "germany_duldung",
        [
            "counselling_first",
            "recognition_inside",
            "vocational_training",
            "employment_duldung",
            "qualified_tolerated",
            "sustained_integration",
            "refused_bar",
            "change_of_track",
        ],
        id="duldung",
    ),
    pytest.param(
        "germany_gestattung",
        [
            "counselling_first",
            "recognition_inside",
            "change_of_track",
            "pending_consent",
            "vocational_training",
        ],
        id="gestattung",
    ),
    pytest.param(
        "germany_residence_permit",
        ["counselling_first", "recognition_inside", "title_work"],
        id="residence-title",
    ),
    pytest.param("germany_visa_free", ["recognition_inside", "visit"], id="visit"),
]


def person(residence: str | None, **more: object):
    return parse_profile(make_profile(VIETNAMESE_COOK, residence=residence, **more))


@pytest.mark.parametrize(("residence", "keys"), ROWS)
def test_each_situation_shows_its_items(residence, keys) -> None:
    found = situation(person(residence), ON)
    if keys is None:
        assert found is None
        return
    assert [item.key for item in found.items] == keys


def test_counselling_and_recognition_from_inside_come_first_for_tolerated_people() -> None:
    found = situation(person(TOLERATED), ON)
    assert found.items[0].key == "counselling_first"
    assert "Migrationsberatung" in found.items[0].text.de
    assert "egal ob Sie eine Duldung" in found.items[1].text.de
    assert found.items[1].source.startswith("§ 2 Abs. 2 BQFG")


def test_the_change_of_track_names_the_cut_off_date_and_section_10() -> None:
    item = in_germany.CHANGE_OF_TRACK
    assert item.source == "§ 10 Abs. 3 S. 5 AufenthG"
    assert "29. März 2023" in item.text.de
    assert "29 March 2023" in item.text.en
    assert "nur nach einer Beratung" in item.text.de


def test_items_not_yet_in_force_are_left_out() -> None:
    keys = [item.key for item in situation(person(TOLERATED), date(2024, 2, 1)).items]
    assert "change_of_track" not in keys
    assert "employment_duldung" in keys


def test_every_item_is_cited_dated_and_in_both_languages() -> None:
    items = {item.key: item for items in in_germany._ITEMS.values() for item in items}
    items[in_germany.TITLE_PROTECTION.key] = in_germany.TITLE_PROTECTION
    for item in items.values():
        assert "§" in item.source, item.key
        assert item.valid_from <= item.checked, item.key
        assert item.title.de != item.title.en or item.title.de.isascii()
        assert item.text.de
        assert item.text.en
        assert item.to_dict("en")["text"] == item.text.en


@pytest.mark.parametrize(
    ("residence", "warning"),
    [
        (TOLERATED, LEAVE_TOLERATED),
        ("germany_residence_permit", LEAVE_TITLE),
    ],
)
def test_the_section_carries_what_leaving_would_mean(residence, warning) -> None:
    assert situation(person(residence), ON).leaving is warning


def test_the_duldung_warning_cites_that_a_duldung_ends_on_leaving() -> None:
    assert "§ 60a Abs. 5 S. 1 AufenthG" in LEAVE_DULDUNG.de
    assert "erlischt mit der Ausreise" in LEAVE_DULDUNG.de


def test_protection_titles_get_the_note_on_changing_titles() -> None:
    class Person:
        residence = "germany_residence_permit"
        residence_title_kind = "temporary_protection"

    keys = [item.key for item in situation(Person(), ON).items]
    assert keys[-1] == "title_protection"
