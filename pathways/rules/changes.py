"""What would open a closed way: the smallest change of the person's answers, searched.

Legal basis: none of its own; each change is found by evaluating the pathways' rules
(``engine.evaluate``) with changed answers, and names the check it then satisfies with that
check's source. Last checked: 2026-12-02.

The search runs over the finite answer space (``relevance.candidates``) of the answers a person
can change by their own effort, each change costed (``COSTS``): a language level or a year of
experience is a small change, a recognition step or a job offer a larger one, a new degree the
largest. Facts a person cannot change (nationality, age, a past stay, how the job is regulated)
and the place they live (people with a Duldung or Gestattung must not be sent abroad) are never
changed. It tries every single change, then pairs of changes that each bring the way nearer
(fewer failed checks), cheapest first; the first that opens the way (verdict ``eligible`` or
``possible``) is the answer. ``None`` means no change of the answers opens it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from itertools import combinations
from typing import Any

from .engine import PATHWAY_KEYS, Evaluation, evaluate
from .profile import NEVER, Profile, parse_profile
from .questions import LANGUAGE_LEVELS, QUESTIONS_BY_ID
from .relevance import salary_thresholds
from .results import Check
from .texts import ProfileError, Text

__all__ = ["COSTS", "NOTHING", "Change", "Edit", "answers_of", "changes_for", "smallest_change"]

_RECOGNITION = ("none", "pending", "partial", "full")
_QUALIFICATION = ("none", "vocational_short", "vocational", "academic")
_JOB = {"none": 0, "unqualified": 1, "qualified": 2}

# Cost of one unit of change per answer: a level, a year, a step of the recognition.
COSTS: dict[str, int] = {
    "german_level": 1,
    "english_level": 1,
    "experience_years_last5": 1,
    "experience_years_last7": 1,
    "it_experience_years_last7": 1,
    "employer_uses_accelerated_procedure": 1,
    "means_secured": 2,
    "recognition_partnership_agreement": 2,
    "annual_salary_eur": 2,
    "recognition": 2,
    "temp_agency_work": 3,
    "pension_provision": 3,
    "job_offer": 3,
    "qualification": 8,
}


@dataclass(frozen=True, slots=True)
class Edit:
    question: str
    old: Any
    new: Any
    cost: int

    def text(self) -> Text:
        return _phrase(self)


@dataclass(frozen=True, slots=True)
class Change:
    pathway: str
    edits: tuple[Edit, ...]
    verdict: str
    satisfied: Check | None

    @property
    def cost(self) -> int:
        return sum(edit.cost for edit in self.edits)

    def text(self) -> Text:
        parts = [edit.text() for edit in self.edits]
        return Text.join(parts, " und ", " and ")

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        return {
            "found": True,
            "text": self.text().get(lang),
            "edits": [
                {"question": edit.question, "old": edit.old, "new": edit.new} for edit in self.edits
            ],
            "verdict": self.verdict,
            "cost": self.cost,
            "satisfies": None if self.satisfied is None else self.satisfied.text.get(lang),
            "source": None if self.satisfied is None else self.satisfied.source,
        }


NOTHING: dict[str, Any] = {"found": False}


# --- the answers a person can change ---------------------------------------------------------


def _better(question_id: str, old: Any, answers: Mapping[str, Any], on: date) -> list[Edit]:
    """Each better answer than ``old`` with its cost (nothing for an unknown answer)."""
    unit = COSTS[question_id]
    if old is None:
        return []
    edits: list[Edit] = []
    if question_id in ("german_level", "english_level"):
        rank = LANGUAGE_LEVELS.index(old)
        for level in LANGUAGE_LEVELS[rank + 1 :]:
            edits.append(
                Edit(question_id, old, level, unit * (LANGUAGE_LEVELS.index(level) - rank))
            )
    elif question_id in (
        "experience_years_last5",
        "experience_years_last7",
        "it_experience_years_last7",
    ):
        top = QUESTIONS_BY_ID[question_id].max or 0
        if (
            question_id == "experience_years_last7"
            and answers.get("experience_years_last5") is not None
        ):
            top = min(top, answers["experience_years_last5"] + 2)
        age = answers.get("age")
        if question_id == "experience_years_last5" and age is not None:
            top = min(top, age - 14)
        for years in range(old + 1, top + 1):
            edits.append(Edit(question_id, old, years, unit * (years - old)))
    elif question_id == "recognition":
        rank = _RECOGNITION.index(old)
        for step in _RECOGNITION[rank + 1 :]:
            edits.append(Edit(question_id, old, step, unit * (_RECOGNITION.index(step) - rank)))
    elif question_id == "qualification":
        rank = _QUALIFICATION.index(old)
        for level in _QUALIFICATION[rank + 1 :]:
            edits.append(Edit(question_id, old, level, unit + _QUALIFICATION.index(level) - rank))
    elif question_id == "job_offer":
        for offer, rank in _JOB.items():
            if rank > _JOB[old]:
                edits.append(Edit(question_id, old, offer, unit * (rank - _JOB[old])))
    elif question_id == "annual_salary_eur":
        for amount in sorted(set(salary_thresholds(on))):
            if amount > old:
                edits.append(Edit(question_id, old, float(amount), unit))
    elif question_id == "temp_agency_work":
        if old is True:
            edits.append(Edit(question_id, old, False, unit))
    elif old is False:
        edits.append(Edit(question_id, old, True, unit))
    return edits


def _apply(answers: Mapping[str, Any], edits: tuple[Edit, ...]) -> dict[str, Any]:
    changed = dict(answers)
    for edit in edits:
        changed[edit.question] = edit.new
    last5, last7 = changed.get("experience_years_last5"), changed.get("experience_years_last7")
    if last5 is not None and last7 is not None and last7 < last5:
        changed["experience_years_last7"] = last5
    return changed


@lru_cache(maxsize=50_000)
def _evaluate(items: tuple[tuple[str, Any], ...], on: date) -> Evaluation | None:
    try:
        return evaluate(parse_profile(dict(items)), on=on)
    except ProfileError:
        return None


def _result(answers: Mapping[str, Any], on: date) -> Evaluation | None:
    return _evaluate(tuple(sorted(answers.items())), on)


def smallest_change(answers: Mapping[str, Any], key: str, on: date) -> Change | None:
    """The cheapest change of ``answers`` that opens the way ``key``, or ``None``."""
    base = _result(answers, on)
    if base is None or base.pathways[key].is_open:
        return None
    failed = len(base.pathways[key].failing())
    singles: list[tuple[Edit, ...]] = []
    for question_id in COSTS:
        if question_id in answers:
            singles.extend(
                (edit,) for edit in _better(question_id, answers[question_id], answers, on)
            )
    tried: list[tuple[int, tuple[Edit, ...], Evaluation]] = []
    nearer: list[Edit] = []
    for edits in singles:
        found = _result(_apply(answers, edits), on)
        if found is None:
            continue
        tried.append((sum(e.cost for e in edits), edits, found))
        if len(found.pathways[key].failing()) < failed:
            nearer.append(edits[0])
    pairs = [(one, two) for one, two in combinations(nearer, 2) if one.question != two.question]
    best: tuple[int, tuple[Edit, ...], Evaluation] | None = None
    for cost, edits, found in sorted(tried, key=lambda item: item[0]):
        if found.pathways[key].is_open:
            best = (cost, edits, found)
            break
    for edits in sorted(pairs, key=lambda pair: sum(e.cost for e in pair)):
        cost = sum(e.cost for e in edits)
        if best is not None and cost >= best[0]:
            break
        found = _result(_apply(answers, edits), on)
        if found is not None and found.pathways[key].is_open:
            best = (cost, edits, found)
            break
    if best is None:
        return None
    _, edits, found = best
    return Change(key, edits, found.pathways[key].verdict, _satisfied(base, found, key))


def _satisfied(before: Evaluation, after: Evaluation, key: str) -> Check | None:
    """The check that failed before the change and passes (or is open) after it."""
    failed = {check.rule for check in before.pathways[key].failing()}
    passing = [c for c in after.pathways[key].checks if c.rule in failed and c.status != "not_met"]
    met = [check for check in passing if check.status == "met"]
    found = met or passing
    return found[0] if found else None


def answers_of(profile: Profile) -> dict[str, Any]:
    """A profile as the questionnaire's answers (known ones only; "never" as ``None``)."""
    answers: dict[str, Any] = {}
    for key in QUESTIONS_BY_ID:
        value = getattr(profile, key)
        if value == NEVER:
            answers[key] = None
        elif isinstance(value, Decimal):
            answers[key] = float(value)
        elif value is not None:
            answers[key] = value
    return answers


def changes_for(answers: Mapping[str, Any], evaluation: Evaluation) -> dict[str, Change | None]:
    """For every closed way, its smallest change (``None``: no change of the answers opens it)."""
    return {
        key: smallest_change(answers, key, evaluation.on)
        for key in PATHWAY_KEYS
        if not evaluation.pathways[key].is_open
    }


# --- how a change reads ----------------------------------------------------------------------


def _value(question_id: str, value: Any) -> Text:
    question = QUESTIONS_BY_ID[question_id]
    if question.kind == "bool":
        return Text("ja", "yes") if value else Text("nein", "no")
    if question_id in ("german_level", "english_level"):
        if value == "none":
            return Text("ohne Zertifikat", "no certificate")
        return Text.value(value, value)
    if question.kind in ("int", "decimal"):
        number = f"{value:,.0f}"
        return Text.value(number.replace(",", "."), number)
    for choice in question.choices:
        if choice.value == value:
            return choice.label
    return Text.value(str(value), str(value))


# Templates with {new} and {old}, filled in the reader's language (Text.fill).
_PHRASES: dict[str, Text] = {
    "german_level": Text("mit Deutsch {new} statt {old}", "with German {new} instead of {old}"),
    "english_level": Text("mit Englisch {new} statt {old}", "with English {new} instead of {old}"),
    "experience_years_last5": Text(
        "mit {new} statt {old} Jahren Berufserfahrung in den letzten 5 Jahren",
        "with {new} instead of {old} years of experience in the last 5 years",
    ),
    "experience_years_last7": Text(
        "mit {new} statt {old} Jahren Berufserfahrung in den letzten 7 Jahren",
        "with {new} instead of {old} years of experience in the last 7 years",
    ),
    "it_experience_years_last7": Text(
        "mit {new} statt {old} Jahren IT-Erfahrung in den letzten 7 Jahren",
        "with {new} instead of {old} years of IT experience in the last 7 years",
    ),
    "annual_salary_eur": Text(
        "mit einem Gehalt von {new} Euro statt {old} Euro im Jahr",
        "with a salary of {new} euros instead of {old} euros a year",
    ),
    "recognition": Text(
        "mit der Anerkennung „{new}“ statt „{old}“",
        "with the recognition '{new}' instead of '{old}'",
    ),
    "qualification": Text(
        "mit dem Abschluss „{new}“ statt „{old}“",
        "with the qualification '{new}' instead of '{old}'",
    ),
    "job_offer": Text(
        "mit dem Arbeitsangebot „{new}“ statt „{old}“",
        "with the job offer '{new}' instead of '{old}'",
    ),
    "means_secured": Text(
        "wenn Sie Ihren Lebensunterhalt sichern (z. B. mit einem Sperrkonto)",
        "if you cover your living costs (e.g. with a blocked account)",
    ),
    "temp_agency_work": Text(
        "mit einer Stelle, die keine Zeitarbeit ist",
        "with a job that is not agency work",
    ),
    "employer_uses_accelerated_procedure": Text(
        "wenn der Arbeitgeber das beschleunigte Fachkräfteverfahren beantragt",
        "if the employer applies for the accelerated procedure",
    ),
    "recognition_partnership_agreement": Text(
        "mit einer Vereinbarung zur Anerkennungspartnerschaft",
        "with a recognition-partnership agreement",
    ),
    "pension_provision": Text(
        "mit dem Nachweis einer angemessenen Altersversorgung",
        "with proof of adequate provision for old age",
    ),
}

# A level where there was none: no "instead of".
_PHRASES_FIRST: dict[str, Text] = {
    "german_level": Text("mit Deutsch {new}", "with German {new}"),
    "english_level": Text("mit Englisch {new}", "with English {new}"),
}


def _phrase(edit: Edit) -> Text:
    phrase = _PHRASES[edit.question]
    if edit.question in _PHRASES_FIRST and edit.old == "none":
        phrase = _PHRASES_FIRST[edit.question]
    old, new = _value(edit.question, edit.old), _value(edit.question, edit.new)
    return phrase.fill(old=old, new=new)
