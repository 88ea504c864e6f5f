"""Guided step sequences: the Herr Delić case of seed 000 in legal order, and durations."""

from datetime import date

import pytest

from pathways.rules.engine import PATHWAY_KEYS, evaluate
from pathways.rules.steps import ACTOR_LABELS, FKV_KEYS, Actor, steps_for

from .profiles import DELIC, ON


def test_the_delic_sequence_follows_the_legal_order_of_section_81a():
    steps = evaluate(DELIC, on=ON).pathways["accelerated_procedure"].steps
    keys = [step.key for step in steps]
    assert keys[:7] == list(FKV_KEYS)
    assert keys[7] == "fkv.residence_permit"
    # The Vorabzustimmung only after equivalence and BA approval (§ 81a Abs. 3).
    assert keys.index("fkv.pre_approval") > keys.index("fkv.recognition_decision")
    assert keys.index("fkv.pre_approval") > keys.index("fkv.ba_approval")


def test_the_delic_steps_name_actors_deadlines_fees_and_iq_advice():
    steps = {step.key: step for step in steps_for("skilled_worker", ON, accelerated=True)}
    assert steps["fkv.power_of_attorney"].actor is Actor.worker
    assert steps["fkv.agreement"].fee.min_eur == 411
    assert steps["fkv.recognition_application"].duration.amount == 2
    assert steps["fkv.recognition_application"].duration.unit == "weeks"
    assert steps["fkv.recognition_application"].fee.max_eur == 600
    decision = steps["fkv.recognition_decision"]
    assert (decision.duration.amount, decision.duration.unit, decision.duration.statutory) == (
        2,
        "months",
        True,
    )
    assert "3" in decision.deadline_note.de
    ba = steps["fkv.ba_approval"]
    assert (ba.actor, ba.duration.amount, ba.duration.unit) == (Actor.employment_agency, 1, "weeks")
    assert steps["fkv.pre_approval"].actor is Actor.foreigners_office
    assert steps["fkv.visa_entry_work"].fee.min_eur == 75
    assert "§ 18a" in steps["fkv.visa_entry_work"].title.de
    assert all(steps[key].iq_advice is not None for key in FKV_KEYS)


def test_land_law_gives_the_general_three_months_for_the_recognition():
    steps = {
        step.key: step for step in steps_for("skilled_worker", ON, accelerated=True, land_law=True)
    }
    assert steps["fkv.recognition_decision"].duration.amount == 3


def test_the_standard_procedure_has_three_months_recognition_and_two_weeks_ba():
    steps = {step.key: step for step in steps_for("skilled_worker", ON)}
    assert steps["std.recognition"].duration.amount == 3
    assert steps["std.recognition"].duration.unit == "months"
    assert steps["std.ba_approval"].duration.amount == 2
    assert steps["std.ba_approval"].duration.unit == "weeks"


def test_the_westbalkan_sequence_has_a_ba_pre_approval_with_the_quota_and_no_81a():
    steps = {step.key: step for step in steps_for("westbalkan", ON)}
    assert "50.000" in steps["wb.ba_pre_approval"].deadline_note.de
    assert not any(key.startswith("fkv.") for key in steps)
    # Before 1 June 2024 there was no BA Vorabzustimmung: the mission asked the BA (digest §2.3).
    earlier = {step.key: step for step in steps_for("westbalkan", date(2024, 5, 31))}
    assert "25.000" in earlier["wb.ba_approval"].deadline_note.de


def test_the_delic_fees_add_up_to_the_seed_total():
    summary = evaluate(DELIC, on=ON).pathways["accelerated_procedure"].summary
    assert summary.fees_eur == (411 + 100 + 75 + 100, 411 + 600 + 75 + 100)


@pytest.mark.parametrize("key", PATHWAY_KEYS)
def test_every_step_of_every_pathway_has_a_duration_and_an_actor_label(key):
    for accelerated in (False, True):
        steps = steps_for(key, ON, accelerated=accelerated)
        assert steps
        for step in steps:
            assert step.duration is not None, step.key
            assert step.duration.amount > 0
            assert step.actor in ACTOR_LABELS
            assert step.to_dict("en")["title"]
