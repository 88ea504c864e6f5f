"""Planning and tracking a saved plan: its first dates (the baseline), progress and slip.

A saved plan keeps its first dates; steps marked done are planned again from their actual
dates, and the slip is the difference to the baseline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from pathways.models import EmployerPlan
from pathways.rules.schedule import PlannedStep

from .routes import Route, Timeline, build, timeline

PLAN_LIFETIME = timedelta(days=365)


def baseline_of(t: Timeline) -> dict[str, Any]:
    """What a saved plan keeps of its first dates (JSON)."""
    return {
        "route": t.route.key,
        "target": t.route.target,
        "accelerated": t.route.accelerated,
        "verdict": t.route.verdict,
        "start_of_work": t.plan.start_of_work.isoformat(),
        "steps": {
            item.key: [item.start.isoformat(), item.end.isoformat()] for item in t.plan.steps
        },
    }


def saved_route(baseline: Mapping[str, Any]) -> Route:
    return Route(
        baseline["route"], baseline["target"], baseline["accelerated"], baseline["verdict"]
    )


def done_dates(progress: Mapping[str, str]) -> dict[str, date]:
    return {key: date.fromisoformat(value) for key, value in progress.items()}


@dataclass(frozen=True, slots=True)
class Tracked:
    timeline: Timeline
    # Days later (positive) or earlier than the first plan, per step end and for work.
    slip: dict[str, int]
    slip_of_work: int
    baseline_start_of_work: date
    baseline_ends: dict[str, date]


def track(
    inputs: Mapping[str, Any], baseline: Mapping[str, Any], progress: Mapping[str, str]
) -> Tracked:
    """The saved route planned again from the actual dates, with the slip per step."""
    current = timeline(saved_route(baseline), inputs, done_dates(progress))
    first_ends = {key: date.fromisoformat(dates[1]) for key, dates in baseline["steps"].items()}
    first_work = date.fromisoformat(baseline["start_of_work"])
    slip = {
        item.key: (item.end - first_ends[item.key]).days
        for item in current.plan.steps
        if item.key in first_ends
    }
    return Tracked(
        current, slip, (current.plan.start_of_work - first_work).days, first_work, first_ends
    )


def save_plan(
    inputs: Mapping[str, Any], language: str, route: tuple[str, bool] | None = None
) -> EmployerPlan | None:
    """Keeps the best route's first dates behind a new private link; with ``route`` (target,
    § 81a or not), that open route's instead (the demo plans Herr Delić's § 81a route)."""
    result = build(inputs)
    best = result.best
    if route is not None:
        candidates = (*(result.side_by_side or ()), *((best,) if best else ()), *result.others)
        best = next((t for t in candidates if (t.route.target, t.route.accelerated) == route), None)
    if best is None:
        return None
    return EmployerPlan.objects.create(
        inputs=dict(inputs),
        baseline=baseline_of(best),
        progress={},
        language=(language or "de")[:8],
        expires_at=timezone.now() + PLAN_LIFETIME,
    )


def next_open_step(tracked: Tracked) -> PlannedStep | None:
    return next((item for item in tracked.timeline.plan.steps if not item.done), None)


def last_done_step(tracked: Tracked) -> PlannedStep | None:
    done = [item for item in tracked.timeline.plan.steps if item.done]
    return done[-1] if done else None


def done_bounds(saved: EmployerPlan) -> tuple[tuple[str, ...], date]:
    """The step that may be marked done next (none at the end) and the earliest day for it:
    not before the last step done, or the start of the plan."""
    tracked = track(saved.inputs, saved.baseline, saved.progress)
    following = next_open_step(tracked)
    previous = last_done_step(tracked)
    earliest = previous.done_on if previous and previous.done_on else tracked.timeline.plan.start
    return ((following.key,) if following else ()), earliest


def record_done(saved: EmployerPlan, key: str, day: date) -> None:
    saved.progress = {**saved.progress, key: day.isoformat()}
    saved.save(update_fields=["progress", "updated_at"])


def reopen(saved: EmployerPlan, key: str) -> None:
    saved.progress = {k: v for k, v in saved.progress.items() if k != key}
    saved.save(update_fields=["progress", "updated_at"])


def reopen_last(saved: EmployerPlan) -> str | None:
    previous = last_done_step(track(saved.inputs, saved.baseline, saved.progress))
    if previous is None:
        return None
    reopen(saved, previous.key)
    return previous.key
