"""Evaluate a person's answers against every pathway, as the law stood on a given date.

Legal basis: see the pathway modules. Rules version and figures: ``parameters.RULES_VERSION``,
last checked 2026-12-02. Pure: no database, no request, no I/O; ``on`` defaults to today.

``notices`` name the figures used past the date up to which they are published (e.g. the 2027
salary thresholds before the BMI announces them): the result says so instead of pretending.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
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
from .common import Context, association_fees, context_for
from .options import DEFAULT_OPTIONS, RuleOptions
from .parameters import RULES_VERSION, SUPPORTED_FROM
from .profile import Profile, parse_profile
from .records import record
from .results import Check, PathwayResult, PointsItem, Summary
from .texts import ProfileError, Text

__all__ = [
    "PATHWAY_KEYS",
    "Check",
    "Evaluation",
    "PathwayResult",
    "PointsItem",
    "ProfileError",
    "RuleOptions",
    "Summary",
    "evaluate",
    "parse_on",
]

# The contract's order.
PATHWAY_KEYS = (
    "westbalkan",
    "skilled_worker",
    "blue_card",
    "accelerated_procedure",
    "recognition_partnership",
    "opportunity_card",
    "experience_route",
    "recognition_measures",
    "language_course",
)

_INDEPENDENT: tuple[tuple[str, Callable[[Profile, Context], PathwayResult]], ...] = (
    ("westbalkan", westbalkan.evaluate),
    ("skilled_worker", skilled_worker.evaluate),
    ("blue_card", blue_card.evaluate),
    ("recognition_partnership", recognition_partnership.evaluate),
    ("opportunity_card", opportunity_card.evaluate),
    ("experience_route", experience_route.evaluate),
    ("recognition_measures", recognition_measures.evaluate),
    ("language_course", language_course.evaluate),
)


@record
class Evaluation:
    on: date
    rules_version: str
    pathways: dict[str, PathwayResult]
    notices: tuple[Text, ...] = ()

    def open_pathways(self) -> list[PathwayResult]:
        return [result for result in self.pathways.values() if result.is_open]

    def to_dict(self, lang: str = "de", *, steps: bool = True) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "rules_version": self.rules_version,
            "notices": [notice.get(lang) for notice in self.notices],
            "pathways": {
                key: result.to_dict(lang, steps=steps) for key, result in self.pathways.items()
            },
        }

    def verdicts(self) -> dict[str, str]:
        return {key: result.verdict for key, result in self.pathways.items()}


def parse_on(value: str | None) -> date | None:
    """A date from "YYYY-MM-DD" (``None`` stays ``None``), or ``ProfileError`` on "on"."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ProfileError(
            "on",
            Text(
                "Bitte geben Sie ein Datum im Format JJJJ-MM-TT an.", "Enter a date as YYYY-MM-DD."
            ),
        ) from None


def evaluate(
    profile: Mapping[str, Any] | Profile,
    on: date | None = None,
    options: RuleOptions | None = None,
) -> Evaluation:
    """Every pathway's verdict for these answers on ``on`` (default: today)."""
    day = on or date.today()
    if day < SUPPORTED_FROM:
        raise ProfileError(
            "on",
            Text.format(
                "Die Regeln sind ab dem {day} hinterlegt.",
                "The rules are on file from {day}.",
                day=Text.value(SUPPORTED_FROM.strftime("%d.%m.%Y"), SUPPORTED_FROM.isoformat()),
            ),
        )
    person = parse_profile(profile)
    results, notices = _evaluate_cached(person, day, options or DEFAULT_OPTIONS)
    # A fresh dict each time: the cached results themselves are immutable.
    return Evaluation(day, RULES_VERSION, dict(zip(PATHWAY_KEYS, results, strict=True)), notices)


@lru_cache(maxsize=4096)
def _evaluate_cached(
    person: Profile, day: date, options: RuleOptions
) -> tuple[tuple[PathwayResult, ...], tuple[Text, ...]]:
    """The results in ``PATHWAY_KEYS`` order. Pure, so cached per (answers, day, options): the
    questionnaire evaluates the same answers again and again while a person walks it."""
    ctx = context_for(day, options)
    results = {key: rule(person, ctx) for key, rule in _INDEPENDENT}
    results["accelerated_procedure"] = accelerated_procedure.evaluate(person, ctx, results)
    if person.nationality == "TR":
        results = {key: association_fees(result, person, ctx) for key, result in results.items()}
    return tuple(results[key] for key in PATHWAY_KEYS), ctx.notices
