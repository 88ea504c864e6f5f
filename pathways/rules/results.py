"""What an evaluation returns: checks, points, summaries and the verdict per pathway.

Legal basis: none (result types). Last checked: 2026-01-15.

A verdict follows from the checks: any ``not_met`` check makes the pathway ``not_eligible``;
otherwise any ``unknown`` check (an open point: an unanswered question, a pending recognition,
a discretionary decision) makes it ``possible``; otherwise it is ``eligible``. So an eligible
pathway never carries a failed check.
"""

from __future__ import annotations

from typing import Any, Literal

from .records import record
from .steps import Step
from .texts import Text

Status = Literal["met", "not_met", "unknown"]
Verdict = Literal["eligible", "possible", "not_eligible"]
VERDICT_RANK: dict[str, int] = {"eligible": 2, "possible": 1, "not_eligible": 0}


@record
class Check:
    rule: str
    status: Status
    source: str
    text: Text
    fix: Text | None = None

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        return {
            "rule": self.rule,
            "status": self.status,
            "source": self.source,
            "text": self.text.get(lang),
            "fix": None if self.fix is None else self.fix.get(lang),
        }


@record
class PointsItem:
    criterion: str
    label: Text
    points: int
    source: str

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        return {
            "criterion": self.criterion,
            "label": self.label.get(lang),
            "points": self.points,
            "source": self.source,
        }


@record
class Summary:
    duration: Text
    fees_eur: tuple[int, int]
    needs_recognition: bool
    needs_job_offer: bool
    needs_german: Text | None
    # A reduction the law gives this person (e.g. § 52a AufenthV), said beside the fees.
    fee_note: Text | None = None

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        return {
            "duration": self.duration.get(lang),
            "fees_eur": {"min": self.fees_eur[0], "max": self.fees_eur[1]},
            "fee_note": None if self.fee_note is None else self.fee_note.get(lang),
            "needs_recognition": self.needs_recognition,
            "needs_job_offer": self.needs_job_offer,
            "needs_german": None if self.needs_german is None else self.needs_german.get(lang),
        }


@record
class PathwayResult:
    key: str
    title: Text
    legal_basis: str
    verdict: Verdict
    checks: tuple[Check, ...]
    summary: Summary
    steps: tuple[Step, ...] = ()
    points: int | None = None
    points_breakdown: tuple[PointsItem, ...] = ()
    via: str | None = None
    # Chancenkarte only: "skilled_worker" (§ 20a Abs. 3 Nr. 1) or "points" (Nr. 2).
    route: str | None = None

    @property
    def is_open(self) -> bool:
        return self.verdict != "not_eligible"

    def failing(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if check.status == "not_met")

    def to_dict(self, lang: str = "de", *, steps: bool = True) -> dict[str, Any]:
        """As JSON; ``steps=False`` leaves the steps empty for a caller that fills in its own
        (the result page shows the person's own plan instead)."""
        data: dict[str, Any] = {
            "title": self.title.get(lang),
            "legal_basis": self.legal_basis,
            "verdict": self.verdict,
            "checks": [check.to_dict(lang) for check in self.checks],
            "summary": self.summary.to_dict(lang),
            "steps": [step.to_dict(lang) for step in self.steps] if steps else [],
        }
        if self.key == "opportunity_card":
            data["points"] = self.points
            data["points_breakdown"] = [item.to_dict(lang) for item in self.points_breakdown]
            data["route"] = self.route
        if self.key == "accelerated_procedure":
            data["via"] = self.via
        return data


def verdict_of(checks: tuple[Check, ...] | list[Check]) -> Verdict:
    verdict: Verdict = "eligible"
    for check in checks:
        if check.status == "not_met":
            return "not_eligible"
        if check.status == "unknown":
            verdict = "possible"
    return verdict
