"""Which of a person's ways helps them most: the order in which the result presents them.

Legal basis: none (presentation order of the pathways' verdicts; the verdicts themselves come
from the pathway modules). Last checked: 2026-12-02.

The rule, in this order (the first difference decides):

1. Open ways before closed ones; among the open ones, a language course (§ 16f) last, whatever
   its certainty: it leads into no work by itself, only towards the other ways, and it needs
   almost nothing, so it would otherwise come first for everybody.
2. Certainty: ``eligible`` before ``possible``.
3. What the way leads to: a residence title for work (Westbalkanregelung, §§ 18a/18b, Blue
   Card, Erfahrungssäule, Anerkennungspartnerschaft, where one works from the first day) before
   a way to qualify or to look for work (§ 16d Abs. 1, Chancenkarte).
4. Certainty again: fewer open points (checks whose status is ``unknown``).
5. Fewer preconditions: recognition, a job offer, German (the pathway's ``Summary``). Given the
   person's answers, a precondition they already meet does not count (recognition "full", a
   qualified job offer in hand).
6. Faster: the sum of the typical and statutory durations of its steps, in days; given the
   answers, only of the steps still to do (``steps.personalise``: done and left-out steps drop).
7. Cheaper: the lower, then the upper total of its fees (again of the steps still to do).
8. The contract's order (``engine.PATHWAY_KEYS``), so the order is total and stable.

Two exceptions follow the law rather than the figures:

- The Blue Card (§ 18g AufenthG) comes before §§ 18a/18b (``skilled_worker``) whenever both are
  open with the same verdict: it needs the same degree and job, and gives more (settlement
  permit after 27 or 21 months, § 18c Abs. 2; mobility in the EU, §§ 18h, 18i). Where the Blue
  Card is only ``possible`` and § 18b ``eligible``, certainty wins.
- The accelerated procedure (§ 81a AufenthG) is no title of its own but a procedure on top of
  the route named in its ``via``: when both are open it follows that route directly.

Closed ways follow, the nearest first (fewest failed checks), then in the contract's order.

The order can be computed from a ``PathwayResult`` or from its ``to_dict()`` form (a result
saved behind a code is stored as JSON), through the same ``Facts``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .results import VERDICT_RANK, PathwayResult
from .steps import Duration, Facets, Step, personalise

if TYPE_CHECKING:  # the engine imports every pathway; ranking only needs its result types
    from .engine import Evaluation

__all__ = [
    "Facts",
    "best",
    "facts_from_dict",
    "facts_of",
    "order",
    "rank",
    "rank_dicts",
    "step_days",
]

# The contract's order (engine.PATHWAY_KEYS), repeated here so that this module does not import
# the engine; a test asserts that both agree.
CONTRACT_ORDER = (
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

# Rule 3: 0 = a title for work, 1 = a title to qualify or to look for work, 2 = a language course.
PURPOSE: dict[str, int] = {
    "westbalkan": 0,
    "skilled_worker": 0,
    "blue_card": 0,
    "experience_route": 0,
    "recognition_partnership": 0,
    "accelerated_procedure": 0,
    "recognition_measures": 1,
    "opportunity_card": 1,
    "language_course": 2,
}
_UNKNOWN_PURPOSE = 1
PREPARATION_ONLY = 2

# Days per unit, for comparing durations only (a month as 30 days, a working week as 7 days).
_DAYS = {"calendar_days": 1.0, "working_days": 7 / 5, "weeks": 7.0, "months": 30.0}


@dataclass(frozen=True, slots=True)
class Facts:
    """What the order looks at, for one pathway."""

    key: str
    verdict: str
    open_points: int
    failed: int
    preconditions: int
    days: int
    fees_eur: tuple[int, int]
    via: str | None = None

    @property
    def is_open(self) -> bool:
        return self.verdict in ("eligible", "possible")

    def sort_key(self) -> tuple[Any, ...]:
        contract = (
            CONTRACT_ORDER.index(self.key) if self.key in CONTRACT_ORDER else len(CONTRACT_ORDER)
        )
        if not self.is_open:
            return (1, self.failed, contract, self.key)
        return (
            0,
            int(PURPOSE.get(self.key, _UNKNOWN_PURPOSE) == PREPARATION_ONLY),
            -VERDICT_RANK.get(self.verdict, 0),
            PURPOSE.get(self.key, _UNKNOWN_PURPOSE),
            self.open_points,
            self.preconditions,
            self.days,
            self.fees_eur,
            contract,
            self.key,
        )


def step_days(steps: Iterable[Step]) -> int:
    """The steps' durations added up, in days (steps without a duration count 0)."""
    return round(sum(_duration_days(step.duration) for step in steps))


def _duration_days(duration: Duration | None) -> float:
    if duration is None:
        return 0.0
    return duration.amount * _DAYS[duration.unit]


def facts_of(result: PathwayResult, facets: Facets | None = None) -> Facts:
    """The facts of one pathway; with ``facets``, of what is still to do for this person."""
    summary = result.summary
    steps: tuple[Step, ...] = tuple(result.steps)
    fees = summary.fees_eur
    needs_recognition, needs_job = summary.needs_recognition, summary.needs_job_offer
    if facets is not None:
        steps = tuple(item.step for item in personalise(steps, facets) if item.status == "todo")
        fees = (
            sum(step.fee.min_eur for step in steps if step.fee is not None),
            sum(step.fee.max_eur for step in steps if step.fee is not None),
        )
        needs_recognition = needs_recognition and facets.recognition != "full"
        needs_job = needs_job and facets.job_offer != "qualified"
    return Facts(
        key=result.key,
        verdict=result.verdict,
        open_points=sum(check.status == "unknown" for check in result.checks),
        failed=sum(check.status == "not_met" for check in result.checks),
        preconditions=int(needs_recognition)
        + int(needs_job)
        + int(summary.needs_german is not None),
        days=step_days(steps),
        fees_eur=fees,
        via=result.via,
    )


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def facts_from_dict(key: str, data: Mapping[str, Any]) -> Facts:
    """The same facts from ``PathwayResult.to_dict()`` (missing parts count as nothing)."""
    checks = [check for check in data.get("checks") or () if isinstance(check, Mapping)]
    summary = data.get("summary") or {}
    fees = summary.get("fees_eur") or {}
    days = 0.0
    for step in data.get("steps") or ():
        duration = step.get("duration") if isinstance(step, Mapping) else None
        if isinstance(duration, Mapping) and duration.get("unit") in _DAYS:
            days += _int(duration.get("amount")) * _DAYS[str(duration["unit"])]
    via = data.get("via")
    return Facts(
        key=key,
        verdict=str(data.get("verdict", "not_eligible")),
        open_points=sum(check.get("status") == "unknown" for check in checks),
        failed=sum(check.get("status") == "not_met" for check in checks),
        preconditions=int(bool(summary.get("needs_recognition")))
        + int(bool(summary.get("needs_job_offer")))
        + int(summary.get("needs_german") is not None),
        days=round(days),
        fees_eur=(_int(fees.get("min")), _int(fees.get("max"))),
        via=via if isinstance(via, str) else None,
    )


def order(facts: Sequence[Facts]) -> list[str]:
    """The keys of ``facts`` in the order of the rule above."""
    ranked = sorted(facts, key=Facts.sort_key)
    by_key = {item.key: item for item in ranked}
    keys = [item.key for item in ranked]

    blue, skilled = by_key.get("blue_card"), by_key.get("skilled_worker")
    if (
        blue is not None
        and skilled is not None
        and blue.is_open
        and skilled.is_open
        and blue.verdict == skilled.verdict
        and keys.index("skilled_worker") < keys.index("blue_card")
    ):
        keys.remove("blue_card")
        keys.insert(keys.index("skilled_worker"), "blue_card")

    accelerated = by_key.get("accelerated_procedure")
    if accelerated is not None and accelerated.is_open and accelerated.via is not None:
        route = by_key.get(accelerated.via)
        if route is not None and route.is_open:
            keys.remove("accelerated_procedure")
            keys.insert(keys.index(accelerated.via) + 1, "accelerated_procedure")
    return keys


def rank(evaluation: Evaluation, profile: Any = None) -> list[PathwayResult]:
    """The evaluation's pathways, the one that helps the person most first, closed ones last.

    With the person's ``profile`` (a ``Profile``), what they have done already counts (rules
    5 to 7); without it, every pathway is compared by its full sequence.
    """
    facets = None if profile is None else Facets.of(profile)
    pathways = evaluation.pathways
    facts = [facts_of(result, facets) for result in pathways.values()]
    return [pathways[key] for key in order(facts)]


def best(evaluation: Evaluation, profile: Any = None) -> PathwayResult | None:
    """The best open way, or ``None`` when no way is open."""
    ranked = rank(evaluation, profile)
    return ranked[0] if ranked and ranked[0].is_open else None


def rank_dicts(pathways: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The order for a result in its JSON form (``Evaluation.to_dict()["pathways"]``)."""
    return order([facts_from_dict(key, data) for key, data in pathways.items()])
