"""Which question to ask next: only those whose answer can still change the result.

Legal basis: none of its own; it reads the pathways' rules (``engine.evaluate``) and the order
of the result (``ranking.rank``). Last checked: 2026-12-02.

A question is **relevant** for a person, given the answers so far, when some possible answer
(every choice, yes/no, or for a number one value from each bracket the rules distinguish, see
``candidates``) gives another *outcome* than leaving it open: another verdict of some way, another
best way, or other first steps of the best way. Leaving a question open is the same as "I don't
know", so an answer that only turns "possible" into the same certain verdict for every value
still counts (the rules cannot tell the value otherwise).

The questionnaire asks, in the fixed grouping about you -> qualification -> job -> languages ->
details (``GROUPS``), the relevant question that decides most ways first. ``asked_when`` of
``questions`` stays the outer frame: what the law needs before a question makes sense at all
(a recognition only with a qualification, a title's purpose only with a title).

It **stops early** (``settled``) once the best way is ``eligible``, no other way could overtake it
even if every open point of that way were met, and no question left could change the best way's
first steps. "Weitere Wege prüfen" (``more=True``) then asks what is left for the other ways.

Every outcome is cached per answers and day (the engine is pure), so the analysis of one page
costs about one evaluation per candidate answer of the questions still open.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from . import (
    accelerated_procedure,
    blue_card,
    experience_route,
    language_course,
    opportunity_card,
    recognition_measures,
    recognition_partnership,
    skilled_worker,
    westbalkan,
)
from . import parameters as P
from .common import context_for
from .engine import PATHWAY_KEYS, evaluate
from .options import DEFAULT_OPTIONS
from .profile import parse_profile
from .questions import QUESTIONS, QUESTIONS_BY_ID, Question
from .ranking import Facts, facts_of, order
from .steps import Facets, personalise
from .texts import ProfileError, Text

__all__ = [
    "GROUPS",
    "TITLES",
    "Analysis",
    "Outcome",
    "analyse",
    "candidates",
    "group_of",
    "most_remaining",
    "next_question",
    "outcome",
    "remaining",
    "replay",
    "settled",
]

TITLES: dict[str, Text] = {
    module.KEY: module.TITLE
    for module in (
        westbalkan,
        skilled_worker,
        blue_card,
        accelerated_procedure,
        recognition_partnership,
        opportunity_card,
        experience_route,
        recognition_measures,
        language_course,
    )
}

FIRST_STEPS = 3  # as advice.FIRST_STEPS: the steps the result shows first

# The fixed grouping of the questionnaire, in order; inside a group the most informative first.
GROUPS: tuple[tuple[str, ...], ...] = (
    (
        "nationality",
        "residence",
        "residence_title_kind",
        "westbalkan_employed_in_germany",
        "residence_country",
        "asylum_benefits_months_ago",
        "age",
    ),
    (
        "qualification",
        "qualification_state_recognised",
        "recognition",
        "regulated_profession",
        "degree_years_ago",
    ),
    (
        "job_offer",
        "occupation_isco",
        "annual_salary_eur",
        "job_needs_licence",
        "temp_agency_work",
        "employer_collective_agreement",
        "employer_suitable_for_training",
        "recognition_partnership_agreement",
        "employer_uses_accelerated_procedure",
    ),
    ("german_level", "english_level"),
    (
        "experience_years_last5",
        "experience_years_last7",
        "it_experience_years_last7",
        "stay_germany_6_months_last5",
        "partner_applies_too",
        "means_secured",
        "pension_provision",
    ),
)
_GROUP = {key: index for index, keys in enumerate(GROUPS) for key in keys}
_ORDER = {question.id: index for index, question in enumerate(QUESTIONS)}


def group_of(question_id: str) -> int:
    return _GROUP[question_id]


# --- the answers a question can take ---------------------------------------------------------


def _brackets(thresholds: Iterable[Decimal | int], low: int, high: int) -> tuple[float, ...]:
    """One value from each bracket that the thresholds cut: each threshold and just below."""
    values: set[Decimal] = {Decimal(low), Decimal(high)}
    for threshold in thresholds:
        for value in (Decimal(threshold), Decimal(threshold) - Decimal("0.01")):
            if low <= value <= high:
                values.add(value)
    return tuple(float(value) for value in sorted(values))


def salary_thresholds(on: date) -> list[Decimal]:
    ctx = context_for(on, DEFAULT_OPTIONS)
    found = [ctx.blue_card_standard, ctx.blue_card_reduced, ctx.experience_floor, ctx.age45_floor]
    for hours in (P.FULL_TIME_HOURS_MIN, P.FULL_TIME_HOURS_USUAL):
        found.append(ctx.minimum_wage_hourly * hours * P.WEEKS_PER_YEAR)
    # ``asked_when`` compares with the highest figure on file, whatever the date.
    for series in (P.EXPERIENCE_ROUTE_FLOOR, P.AGE45_FLOOR):
        found.extend(entry.value for entry in series)
    return found


# Numbers whose brackets are cut by fixed ages and periods of the law: § 20b Abs. 1 Nr. 9-10
# (35, 40), § 18 Abs. 2 Nr. 5 and § 1 Abs. 2 BeschV (44 at the application, 45), § 52a AufenthV
# (under 24); § 18g Abs. 1 S. 2 (degree within 3 years); § 26 Abs. 2 S. 4 BeschV (24 months).
_FIXED: dict[str, tuple[int, ...]] = {
    "age": (16, 23, 24, 34, 35, 36, 40, 41, 43, 44, 45, 99),
    "degree_years_ago": (0, 2, 3, 4, 80),
    "asylum_benefits_months_ago": (0, 23, 24, 25, 600),
}


@lru_cache(maxsize=64)
def candidates(question_id: str, on: date) -> tuple[Any, ...]:
    """Every answer that can make a difference: choices, yes and no, one number per bracket.

    "I don't know" is not listed: it is the same as leaving the question open, which every
    candidate is compared with. For the AsylbLG question ``None`` means "never received".
    """
    question = QUESTIONS_BY_ID[question_id]
    if question.kind == "bool":
        return (True, False)
    if question.kind == "country":
        # The rules tell apart the six Western Balkan states, the EU/EEA and Switzerland, Turkey
        # (§ 52a AufenthV) and everyone else; and where one lives, Germany.
        return ("RS", "BA", "XK", "AL", "MK", "ME", "HR", "TR", "IN", "DE")
    if question.kind in ("choice",):
        return question.choice_values
    low, high = question.min or 0, question.max or 0
    if question_id == "annual_salary_eur":
        return _brackets(salary_thresholds(on), low, high)
    if question_id in _FIXED:
        values: tuple[Any, ...] = _FIXED[question_id]
        return (*values, None) if question.null_choice is not None else values
    return tuple(range(low, high + 1))


# --- the outcome of a set of answers ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a person sees that answers can change."""

    verdicts: tuple[str, ...]  # in the order of PATHWAY_KEYS
    # The open points (checks "unknown") of each way still open, as the result lists them.
    open_points: tuple[frozenset[str], ...]
    # The Chancenkarte points reached and the most still reachable, as the result shows them.
    points: tuple[int | None, int | None]
    best: str | None
    steps: tuple[str, ...]  # the best way's first steps still to do
    # The accelerated procedure beside the best way (shown with it) and its verdict.
    companion: str | None
    facts: tuple[Facts, ...] = ()

    @property
    def headline(self) -> tuple[Any, ...]:
        """The best way, its verdict and first steps: what the early stop keeps fixed."""
        verdict = None if self.best is None else self.verdict(self.best)
        return (self.best, verdict, self.steps, self.companion)

    def verdict(self, key: str) -> str:
        return self.verdicts[PATHWAY_KEYS.index(key)]

    def same(self, other: Outcome) -> bool:
        return (self.verdicts, self.open_points, self.points, self.headline) == (
            other.verdicts,
            other.open_points,
            other.points,
            other.headline,
        )


def _items(answers: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(answers.items()))


@lru_cache(maxsize=200_000)
def _outcome(items: tuple[tuple[str, Any], ...], on: date) -> Outcome | None:
    try:
        profile = parse_profile(dict(items))
    except ProfileError:
        return None
    evaluation = evaluate(profile, on=on)
    facets = Facets.of(profile)
    facts = tuple(facts_of(result, facets) for result in evaluation.pathways.values())
    keys = order(facts)
    first = evaluation.pathways[keys[0]]
    best = first.key if first.is_open else None
    steps: tuple[str, ...] = ()
    companion = None
    if best is not None:
        plan = personalise(tuple(first.steps), facets)
        steps = tuple(item.key for item in plan if item.status == "todo")[:FIRST_STEPS]
        accelerated = evaluation.pathways["accelerated_procedure"]
        if accelerated.is_open and accelerated.via == best:
            companion = accelerated.verdict
    verdicts = tuple(evaluation.pathways[key].verdict for key in PATHWAY_KEYS)
    open_points = tuple(
        frozenset(
            check.rule
            for check in evaluation.pathways[key].checks
            if check.status == "unknown" and evaluation.pathways[key].is_open
        )
        for key in PATHWAY_KEYS
    )
    card = evaluation.pathways["opportunity_card"]
    points: tuple[int | None, int | None] = (None, None)
    if card.is_open:
        reached = opportunity_card.points(profile, context_for(on, DEFAULT_OPTIONS))
        points = (reached.total, reached.potential)
    return Outcome(verdicts, open_points, points, best, steps, companion, facts)


def outcome(answers: Mapping[str, Any], on: date) -> Outcome | None:
    """The outcome of these answers on ``on``; ``None`` if they contradict each other."""
    return _outcome(_items(answers), on)


# --- one question ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Analysis:
    question: Question
    # Ways whose verdict this question's answer decides (differs between answers).
    decides: tuple[str, ...]
    # Some answer changes the outcome (a verdict, the best way or its first steps).
    relevant: bool
    # Some answer changes the best way, its verdict or its first steps.
    headline: bool


def analyse(answers: Mapping[str, Any], question: Question, on: date, depth: int = 2) -> Analysis:
    """What the answer to ``question`` can change, given ``answers``.

    An answer that changes nothing by itself but brings further questions into the frame of
    ``asked_when`` (a job offer, then the occupation) counts with what those can change.
    """
    base = outcome(answers, on)
    others = {key: value for key, value in answers.items() if key != question.id}
    if base is None:
        return Analysis(question, (), False, False)
    before = {item.id for item in _open_questions(others)}
    decides: set[str] = set()
    relevant = headline = False
    for value in candidates(question.id, on):
        given = {**others, question.id: value}
        found = outcome(given, on)
        if found is None:
            continue
        for index, key in enumerate(PATHWAY_KEYS):
            if (found.verdicts[index], found.open_points[index]) != (
                base.verdicts[index],
                base.open_points[index],
            ):
                decides.add(key)
        if key_points_differ(found, base):
            decides.add("opportunity_card")
        relevant = relevant or not found.same(base)
        headline = headline or found.headline != base.headline
        if found.same(base) and depth > 0:
            for opened in _open_questions(given):
                if opened.id in before or opened.id == question.id:
                    continue
                further = analyse(given, opened, on, depth - 1)
                decides.update(further.decides)
                relevant = relevant or further.relevant
                headline = headline or further.headline
    ordered = tuple(key for key in PATHWAY_KEYS if key in decides)
    return Analysis(question, ordered, relevant, headline)


def key_points_differ(one: Outcome, other: Outcome) -> bool:
    return one.points != other.points


def _open_questions(answers: Mapping[str, Any]) -> list[Question]:
    return [q for q in QUESTIONS if q.id not in answers and q.asked_when(answers)]


# --- stopping early --------------------------------------------------------------------------


def _could_overtake(base: Outcome) -> bool:
    """Some way still ``possible`` would come before the best one if its open points were met."""
    assert base.best is not None
    by_key = {item.key: item for item in base.facts}
    for item in base.facts:
        if item.key in (base.best, "accelerated_procedure") or item.verdict != "possible":
            continue
        hoped = replace(item, verdict="eligible", open_points=0)
        facts = [hoped if other.key == item.key else other for other in by_key.values()]
        if order(facts)[0] != base.best:
            return True
    return False


def _certain(answers: Mapping[str, Any], on: date) -> bool:
    """The best way is ``eligible`` and no way still ``possible`` could overtake it."""
    base = outcome(answers, on)
    if base is None or base.best is None or base.verdict(base.best) != "eligible":
        return False
    return not _could_overtake(base)


def settled(answers: Mapping[str, Any], on: date) -> bool:
    """The best way is certain and nothing left to ask can open a better one or change its
    first steps: the questionnaire may stop here."""
    if not _certain(answers, on):
        return False
    return not any(analyse(answers, q, on).headline for q in _open_questions(answers))


# --- the walk --------------------------------------------------------------------------------


def next_question(
    answers: Mapping[str, Any], on: date, more: bool = False
) -> tuple[Question, Analysis] | None:
    """The next question to ask and why, or ``None`` when nothing left can change the result.

    Unless ``more`` ("Weitere Wege prüfen"), once the best way is certain only what changes its
    first steps is still asked, and nothing once that is settled too.
    """
    return _next_question(_items(answers), on, more)


@lru_cache(maxsize=4096)
def _next_question(
    items: tuple[tuple[str, Any], ...], on: date, more: bool
) -> tuple[Question, Analysis] | None:
    """Pure, so cached per (answers, day, more): the answer's POST finds the next question
    to redirect to, and the GET of that question asks for it again with the same answers."""
    answers = dict(items)
    headline_only = not more and _certain(answers, on)
    pending = _open_questions(answers)
    for keys in GROUPS:
        found = [analyse(answers, q, on) for q in pending if q.id in keys]
        relevant = [item for item in found if (item.headline if headline_only else item.relevant)]
        if relevant:
            chosen = max(relevant, key=lambda item: (len(item.decides), -_ORDER[item.question.id]))
            return chosen.question, chosen
    return None


def remaining(answers: Mapping[str, Any], on: date) -> list[Analysis]:
    """The questions left that could still change a verdict or an open point of another way
    (asked after "Weitere Wege prüfen")."""
    found = [analyse(answers, q, on) for q in _open_questions(answers)]
    return [item for item in found if item.relevant]


def replay(answers: Mapping[str, Any], on: date, more: bool = False) -> dict[str, Any]:
    """The answers a person would have given on the walk the questions take now: after a
    change, what became irrelevant drops out, and what became relevant is asked next."""
    walked: dict[str, Any] = {}
    while (found := next_question(walked, on, more)) is not None:
        question = found[0]
        if question.id not in answers:
            break
        walked[question.id] = answers[question.id]
    return walked


# --- how many questions at most --------------------------------------------------------------


class _Reads(dict[str, Any]):
    """Answers that record which missing keys a predicate looked at."""

    def __init__(self, answers: Mapping[str, Any]) -> None:
        super().__init__(answers)
        self.missing: list[str] = []

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self and key not in self.missing:
            self.missing.append(key)
        return super().get(key, default)


def _may_be_asked(question: Question, answers: Mapping[str, Any], on: date, depth: int) -> bool:
    """Some answers to the questions still open make ``asked_when`` true (searched over
    every candidate of each open question it reads)."""
    reads = _Reads(answers)
    if question.asked_when(reads):
        return True
    if depth == 0:
        return True  # cannot tell: count it
    for key in reads.missing:
        if key not in QUESTIONS_BY_ID or key == question.id:
            continue
        for value in (*candidates(key, on), None):
            if _may_be_asked(question, {**answers, key: value}, on, depth - 1):
                return True
    return False


def most_remaining(answers: Mapping[str, Any], on: date) -> int:
    """An upper bound of the questions still to come, on any walk from these answers: every
    open question that some answers could still bring into the frame of ``asked_when`` (the
    relevance analysis only ever asks a subset of those)."""
    return sum(
        1
        for question in QUESTIONS
        if question.id not in answers and _may_be_asked(question, answers, on, depth=4)
    )
