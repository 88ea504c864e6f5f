"""Steps for one person (steps.personalise): what is done already, what is left out and why,
the recognition body that fits the qualification, steps in "Sie", and the warning on every step
that would take a person living in Germany abroad."""

from __future__ import annotations

from typing import Any

import pytest

from pathways.rules.engine import PATHWAY_KEYS, evaluate
from pathways.rules.profile import parse_profile
from pathways.rules.steps import (
    BODY_CHAMBER,
    BODY_HWK,
    BODY_IHK,
    BODY_LAND,
    BODY_ZAB,
    LEAVE_DULDUNG,
    LEAVE_GESTATTUNG,
    LEAVE_TITLE,
    LEAVE_TOLERATED,
    Facets,
    addressed_to_reader,
    personalise,
    recognition_body,
    steps_for,
    steps_for_person,
    takes_you_abroad,
)

from .profiles import DELIC, INDIAN_IT, ON, make_profile


def plan(key: str, **facets: Any) -> dict[str, Any]:
    steps = steps_for(key, ON)
    return {item.key: item for item in personalise(steps, Facets(**facets))}


# (pathway, facets, step, expected status, a word of the reason)
ROWS = [
    pytest.param(
        "recognition_measures",
        {"recognition": "partial"},
        "rm.deficit_notice",
        "done",
        "Defizitbescheid",
        id="deficit-notice-in-hand-is-not-asked-again",
    ),
    pytest.param(
        "recognition_measures",
        {"recognition": "none", "qualification": "vocational"},
        "rm.deficit_notice",
        "todo",
        None,
        id="no-notice-yet-is-a-step",
    ),
    pytest.param(
        "opportunity_card",
        {"recognition": "partial"},
        "ck.confirmation",
        "left_out",
        "§ 20b Abs. 1 S. 2",
        id="partial-recognition-replaces-the-zab",
    ),
    pytest.param(
        "opportunity_card",
        {"recognition": "none", "qualification": "vocational"},
        "ck.confirmation",
        "todo",
        None,
        id="zab-confirmation-without-recognition",
    ),
    pytest.param(
        "opportunity_card",
        {"recognition": "full"},
        "ck.confirmation",
        "done",
        "voll anerkannt",
        id="full-recognition-needs-no-confirmation",
    ),
    pytest.param(
        "opportunity_card",
        {"recognition": "full", "qualification": "vocational"},
        "ck.language_certificate",
        "left_out",
        "§ 20a Abs. 3 Nr. 1",
        id="skilled-worker-needs-no-language-certificate-for-the-chancenkarte",
    ),
    pytest.param(
        "opportunity_card",
        {"recognition": "partial", "qualification": "vocational"},
        "ck.language_certificate",
        "todo",
        None,
        id="points-route-asks-for-the-language-certificate",
    ),
    pytest.param(
        "opportunity_card",
        {"recognition": "full", "qualification": "none"},
        "ck.language_certificate",
        "todo",
        None,
        id="recognised-without-a-qualification-is-no-skilled-worker",
    ),
    pytest.param(
        "skilled_worker",
        {"recognition": "full"},
        "std.recognition",
        "done",
        "voll anerkannt",
        id="recognised-skilled-worker",
    ),
    pytest.param(
        "skilled_worker",
        {"recognition": "pending"},
        "std.recognition",
        "done",
        "beantragt",
        id="applied-for-recognition",
    ),
    pytest.param(
        "blue_card",
        {"it_without_degree": True},
        "bc.comparability",
        "left_out",
        "§ 18g Abs. 2",
        id="it-worker-without-degree-needs-no-zab",
    ),
    pytest.param(
        "blue_card",
        {"qualification": "academic"},
        "bc.comparability",
        "todo",
        None,
        id="degree-holder-checks-comparability",
    ),
    pytest.param(
        "blue_card",
        {"recognition": "full", "qualification": "academic"},
        "bc.comparability",
        "done",
        "vergleichbar",
        id="comparable-degree",
    ),
    pytest.param(
        "recognition_partnership",
        {"recognition": "partial"},
        "ap.recognition_application",
        "done",
        "teilweise",
        id="partnership-partial",
    ),
]


@pytest.mark.parametrize(("key", "facets", "step", "status", "reason"), ROWS)
def test_steps_follow_the_answers(key, facets, step, status, reason) -> None:
    item = plan(key, **facets)[step]
    assert item.status == status
    if reason is None:
        assert item.reason is None
    else:
        assert reason in item.reason.de
        assert item.reason.en


def test_a_recognised_skilled_worker_in_the_81a_procedure_skips_both_recognition_steps() -> None:
    steps = steps_for("skilled_worker", ON, accelerated=True)
    items = {item.key: item for item in personalise(steps, Facets(recognition="full"))}
    assert items["fkv.recognition_application"].status == "done"
    assert items["fkv.recognition_decision"].status == "done"
    assert items["fkv.ba_approval"].status == "todo"


def test_the_it_worker_without_degree_has_no_zab_step_in_the_81a_blue_card_sequence() -> None:
    steps = steps_for("blue_card", ON, accelerated=True)
    items = {item.key: item for item in personalise(steps, Facets(it_without_degree=True))}
    assert items["fkv.recognition_application"].status == "left_out"
    assert items["fkv.recognition_decision"].status == "left_out"


BODIES = [
    pytest.param({"regulated": True, "qualification": "vocational"}, BODY_LAND, id="nurse-land"),
    pytest.param({"regulated": True, "qualification": "academic"}, BODY_LAND, id="doctor-land"),
    pytest.param({"qualification": "academic"}, BODY_ZAB, id="degree-zab"),
    pytest.param({"qualification": "vocational", "craft": True}, BODY_HWK, id="electrician-hwk"),
    pytest.param({"qualification": "vocational", "craft": False}, BODY_IHK, id="cook-ihk"),
    pytest.param({"qualification": "vocational"}, BODY_CHAMBER, id="unknown-occupation-both"),
]


@pytest.mark.parametrize(("facets", "body"), BODIES)
def test_the_recognition_body_follows_the_qualification(facets, body) -> None:
    assert recognition_body(Facets(**facets)) is body
    items = plan("skilled_worker", recognition="none", **facets)
    step = items["std.recognition"]
    assert step.status == "todo"
    assert step.actor_label == body.label
    if body is BODY_ZAB:
        assert "ZAB" in step.title.de
    else:
        assert body.at_de in step.title.de
        assert body.en in step.title.en


def test_no_step_names_the_herr_delic_example_for_somebody_else() -> None:
    cook = parse_profile(make_profile(DELIC, occupation_isco="512", nationality="VN"))
    for key in ("skilled_worker", "recognition_measures"):
        steps = steps_for(key, ON, accelerated=True)
        for item in steps_for_person(steps, cook):
            assert "Mechatroniker" not in item.title.de + item.title.en
    texts = [
        item.title.de
        for item in steps_for_person(steps_for("skilled_worker", ON, accelerated=True), cook)
    ]
    assert any("IHK FOSA" in text for text in texts)


def test_facets_read_the_profile() -> None:
    electrician = parse_profile(
        make_profile(DELIC, occupation_isco="7411", recognition="partial", residence="abroad")
    )
    facets = Facets.of(electrician)
    assert (facets.craft, facets.recognition, facets.stay, facets.in_germany) == (
        True,
        "partial",
        "abroad",
        False,
    )
    it = Facets.of(
        parse_profile(
            make_profile(INDIAN_IT, qualification="vocational", it_experience_years_last7=4)
        )
    )
    assert it.it_without_degree
    assert not Facets.of(parse_profile(INDIAN_IT)).it_without_degree
    nurse = Facets.of(parse_profile(make_profile(DELIC, regulated_profession=True)))
    assert nurse.regulated


WARNINGS = [
    pytest.param("duldung", LEAVE_DULDUNG, id="duldung"),
    pytest.param("gestattung", LEAVE_GESTATTUNG, id="gestattung"),
    pytest.param("duldung_or_gestattung", LEAVE_TOLERATED, id="duldung-or-gestattung"),
    pytest.param("title", LEAVE_TITLE, id="residence-title"),
]


@pytest.mark.parametrize(("stay", "warning"), WARNINGS)
@pytest.mark.parametrize("key", [key for key in PATHWAY_KEYS if key != "accelerated_procedure"])
def test_every_step_that_takes_a_person_in_germany_abroad_carries_the_warning(
    key, stay, warning
) -> None:
    items = personalise(steps_for(key, ON), Facets(stay=stay))
    abroad = [item for item in items if takes_you_abroad(item.step)]
    assert abroad, f"{key} has no step abroad"
    for item in items:
        if takes_you_abroad(item.step) and item.status == "todo":
            assert item.warning is warning
        else:
            assert item.warning is None


def test_nobody_abroad_gets_a_warning() -> None:
    for key in PATHWAY_KEYS:
        for item in personalise(steps_for(key, ON, accelerated=True), Facets(stay="abroad")):
            assert item.warning is None


@pytest.mark.parametrize("accelerated", [False, True])
@pytest.mark.parametrize("key", PATHWAY_KEYS)
def test_steps_where_the_reader_acts_say_sie_and_you(key, accelerated) -> None:
    for step in steps_for(key, ON, accelerated=accelerated):
        title = addressed_to_reader(step.title)
        assert "Die Fachkraft" not in title.de, title.de
        assert "die Fachkraft" not in title.de, title.de
        assert "The worker" not in title.en, title.en
        assert "the worker" not in title.en, title.en


def test_the_steps_of_an_evaluation_can_be_personalised_from_its_profile() -> None:
    profile = parse_profile(make_profile(INDIAN_IT, residence="germany_duldung_or_gestattung"))
    result = evaluate(profile, on=ON).pathways["blue_card"]
    items = steps_for_person(result.steps, profile)
    assert [item.key for item in items] == [step.key for step in result.steps]
    assert any(item.warning is LEAVE_TOLERATED for item in items)
    data = items[0].to_dict("en")
    assert data["status"] in ("todo", "done", "left_out")
    assert data["title"]
