"""Only what can change the result is asked: checked over the golden corpus, independently of
``pathways.rules.relevance`` (every possible answer substituted and evaluated by the engine)."""

import json
import statistics
from datetime import date

import pytest

from pathways.questionnaire import PROMISE, most_asked
from pathways.rules import golden, opportunity_card
from pathways.rules.common import context_for
from pathways.rules.engine import PATHWAY_KEYS, evaluate
from pathways.rules.golden import CORPUS_DATE
from pathways.rules.options import DEFAULT_OPTIONS
from pathways.rules.profile import parse_profile
from pathways.rules.questions import QUESTIONS, QUESTIONS_BY_ID, expand, picked
from pathways.rules.ranking import rank
from pathways.rules.relevance import next_question
from pathways.rules.steps import Facets, personalise
from pathways.rules.texts import ProfileError

ON = CORPUS_DATE
# Every fifth profile: the benchmark (benchmarks/bench_questions.py) walks all of them.
SAMPLE = json.loads(golden.DEFAULT_PATH.read_text("utf-8"))["entries"][::5]


def every_answer(question):
    """Every answer a person can give, more than the analysis tries: all whole numbers in
    small ranges, every 1,000 euros and one cent either side of each figure on file."""
    if question.kind == "bool":
        return [True, False, None]
    if question.kind == "choice":
        return [*question.choice_values, None]
    if question.kind == "country":
        return ["RS", "BA", "XK", "AL", "MK", "ME", "DE", "FR", "HR", "TR", "IN", "US", None]
    if question.id == "annual_salary_eur":
        ctx = context_for(ON, DEFAULT_OPTIONS)
        figures = [
            ctx.blue_card_standard,
            ctx.blue_card_reduced,
            ctx.experience_floor,
            ctx.age45_floor,
            ctx.minimum_wage_hourly * 35 * 52,
            ctx.minimum_wage_hourly * 40 * 52,
        ]
        values = {float(f) + delta for f in figures for delta in (-0.01, 0, 0.01)}
        return [*sorted(values | set(range(0, 120_001, 5000))), None]
    step = 1 if question.max - question.min <= 100 else 6
    return [*range(question.min, question.max + 1, step), None]


def shown(answers):
    """What the result page shows that an answer could change, or None for a contradiction."""
    try:
        profile = parse_profile(answers)
    except ProfileError:
        return None
    evaluation = evaluate(profile, on=ON)
    ranked = rank(evaluation, profile)
    best = ranked[0] if ranked[0].is_open else None
    card = evaluation.pathways["opportunity_card"]
    points = opportunity_card.points(profile, context_for(ON, DEFAULT_OPTIONS))
    plan = personalise(tuple(best.steps), Facets.of(profile)) if best else ()
    return (
        tuple(evaluation.pathways[key].verdict for key in PATHWAY_KEYS),
        tuple(
            sorted(c.rule for c in evaluation.pathways[key].checks if c.status == "unknown")
            if evaluation.pathways[key].is_open
            else ()
            for key in PATHWAY_KEYS
        ),
        (points.total, points.potential) if card.is_open else None,
        best.key if best else None,
        tuple(item.key for item in plan if item.status == "todo")[:3],
    )


def could_change(answers, question, depth=2):
    """Some answer to ``question`` (with the questions it brings into the frame, if any)
    shows another result than leaving it open."""
    base = shown(answers)
    before = {q.id for q in QUESTIONS if q.id not in answers and q.asked_when(answers)}
    for value in every_answer(question):
        given = {**answers, question.id: value}
        found = shown(given)
        if found is None:
            continue
        if found != base:
            return True
        if depth:
            for opened in QUESTIONS:
                new = opened.id not in given and opened.id not in before
                if new and opened.asked_when(given) and could_change(given, opened, depth - 1):
                    return True
    return False


def walk(profile, more=False):
    """The questions asked of the person whose true answers are ``profile``."""
    answers, pages = {}, []
    while (found := next_question(answers, ON, more)) is not None:
        question = found[0]
        pages.append((dict(answers), question))
        answers.update(expand(question.id, picked(question.id, profile, answers), answers))
    return answers, pages


@pytest.mark.parametrize("entry", SAMPLE[::4], ids=[entry["id"] for entry in SAMPLE[::4]])
def test_every_question_asked_could_have_changed_the_result(entry):
    _, pages = walk(entry["profile"])
    for answers, question in pages:
        assert could_change(answers, question), (question.id, answers)


@pytest.mark.parametrize("entry", SAMPLE[::2], ids=[entry["id"] for entry in SAMPLE[::2]])
def test_the_questions_asked_give_the_same_verdicts_as_every_answer(entry):
    profile = entry["profile"]
    short, _ = walk(profile)
    full = evaluate(profile, on=ON)
    # Stopped early: the same best way, as certain as with every answer.
    walked = evaluate(short, on=ON)
    best = rank(full, parse_profile(profile))[0]
    first = rank(walked, parse_profile(short))[0]
    if best.is_open:
        assert first.key == best.key
        assert first.verdict == best.verdict
    else:
        assert not first.is_open
    # With "Weitere Wege prüfen", every verdict of the golden corpus.
    everything, _ = walk(profile, more=True)
    assert evaluate(everything, on=ON).verdicts() == entry["verdicts"]


def test_the_questions_asked_are_fewer_than_the_start_page_promises():
    counts = sorted(len(walk(entry["profile"])[1]) for entry in SAMPLE)
    median = statistics.median(counts)
    p90 = counts[int(0.9 * len(counts))]
    assert median <= 0.6 * len(QUESTIONS)
    assert median <= PROMISE["median"]
    assert p90 <= PROMISE["p90"]


@pytest.mark.parametrize("entry", SAMPLE[::8], ids=[entry["id"] for entry in SAMPLE[::8]])
def test_at_most_y_holds_on_every_page_and_never_grows(entry):
    for more in (False, True):
        answers, pages = walk(entry["profile"], more)
        bounds = [most_asked(state, ON) for state, _ in pages]
        assert bounds == sorted(bounds, reverse=True)
        for number, bound in enumerate(bounds, start=1):
            assert number <= bound
        assert not bounds or bounds[-1] >= len(answers)


def test_an_eu_citizen_is_asked_only_the_nationality():
    assert walk({"nationality": "FR"})[0] == {"nationality": "FR"}


def test_the_analysis_is_fast_enough_for_a_page():
    """A question page analyses the questions left: well under half a second each."""
    import time

    profile = SAMPLE[0]["profile"]
    start = time.perf_counter()
    _, pages = walk({**profile, "nationality": "IN"}, more=True)
    per_page = (time.perf_counter() - start) / max(len(pages), 1)
    assert per_page < 0.5
    assert QUESTIONS_BY_ID["nationality"] in [question for _, question in pages]


def test_the_day_of_the_corpus_is_in_the_rules():
    assert date(2026, 1, 15) == ON
