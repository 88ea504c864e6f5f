"""'Das würde es ändern': every computed change, applied to the answers, really opens the way."""

import json

import pytest

from pathways.rules import golden
from pathways.rules.changes import _apply, answers_of, changes_for, smallest_change
from pathways.rules.engine import evaluate
from pathways.rules.golden import CORPUS_DATE
from pathways.rules.profile import parse_profile

ON = CORPUS_DATE
SAMPLE = json.loads(golden.DEFAULT_PATH.read_text("utf-8"))["entries"][::10]


@pytest.mark.parametrize("entry", SAMPLE, ids=[entry["id"] for entry in SAMPLE])
def test_every_computed_change_opens_its_way(entry):
    answers = answers_of(parse_profile(entry["profile"]))
    evaluation = evaluate(answers, on=ON)
    for key, change in changes_for(answers, evaluation).items():
        assert not evaluation.pathways[key].is_open
        if change is None:
            continue
        changed = evaluate(_apply(answers, change.edits), on=ON)
        assert changed.pathways[key].is_open, (key, change)
        assert changed.pathways[key].verdict == change.verdict
        # Only the answers named change (and the 7-year count that must hold the 5-year one).
        moved = {k for k in answers if _apply(answers, change.edits).get(k) != answers[k]}
        assert moved <= {edit.question for edit in change.edits} | {"experience_years_last7"}


def test_a_language_level_is_cheaper_than_a_new_degree():
    # Digest T19 with German A1: 4 (partial recognition) + 1 (age 36) = 5 points, one short;
    # German A2 gives the sixth point (§ 20b Abs. 1 Nr. 4), cheaper than any other change.
    answers = {
        "nationality": "IN",
        "residence": "abroad",
        "age": 36,
        "qualification": "academic",
        "qualification_state_recognised": True,
        "recognition": "partial",
        "regulated_profession": False,
        "job_offer": "none",
        "german_level": "A1",
        "english_level": "none",
        "experience_years_last5": 0,
        "experience_years_last7": 0,
        "stay_germany_6_months_last5": False,
        "partner_applies_too": False,
        "means_secured": True,
        "occupation_isco": "other",
    }
    assert not evaluate(answers, on=ON).pathways["opportunity_card"].is_open
    change = smallest_change(answers, "opportunity_card", ON)
    assert change is not None
    assert [edit.question for edit in change.edits] == ["german_level"]
    text = change.to_dict("de")
    assert text["text"].startswith("mit Deutsch ")
    assert text["text"] == "mit Deutsch A2 statt A1"
    assert text["satisfies"] == "Sie erreichen 6 Punkte (nötig: 6)."
    assert "§ 20b" in text["source"]


def test_no_change_of_the_answers_makes_an_indian_a_western_balkan_national():
    answers = {"nationality": "IN", "residence": "abroad", "job_offer": "qualified"}
    assert smallest_change(answers, "westbalkan", ON) is None


@pytest.mark.django_db
def test_the_result_shows_the_change_instead_of_the_hand_written_fix(client):
    from django.urls import reverse

    from tests.questionnaire.walks import DELIC, walk

    walk(client, DELIC)
    text = client.get(reverse("questionnaire:result")).content.decode()
    assert "Das würde es ändern:" in text or "Keine Änderung Ihrer Antworten" in text
