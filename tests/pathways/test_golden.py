"""The golden corpus: today's verdicts for the recorded profiles must match the file."""

import json

from pathways.rules import golden


def test_the_golden_corpus_verdicts_have_not_changed():
    recorded = json.loads(golden.DEFAULT_PATH.read_text("utf-8"))
    changes = golden.diff(recorded, golden.build(len(recorded["entries"])))
    assert not changes, (
        f"{len(changes)} line(s) of changed verdicts:\n"
        + "\n".join(changes[:200])
        + "\n\nIf the change is intended, regenerate the corpus with "
        "`python manage.py build_golden_corpus` (or `python -m pathways.rules.golden`), bump "
        "RULES_VERSION in pathways/rules/parameters.py and explain the change in the commit."
    )


def test_the_corpus_is_deterministic_and_of_a_useful_size():
    first = golden.profiles(50)
    assert first == golden.profiles(50)
    assert len(golden.profiles()) >= 500


def test_a_flipped_verdict_reads_as_a_diff_of_the_profile():
    recorded = golden.build(3)
    current = json.loads(json.dumps(recorded))
    current["entries"][0]["verdicts"]["westbalkan"] = "flipped"
    lines = golden.diff(recorded, current)
    assert lines[0].startswith(f"~ profile {current['entries'][0]['id']}: {{")
    assert "westbalkan:" in lines[1]
    assert lines[1].endswith("-> flipped")
