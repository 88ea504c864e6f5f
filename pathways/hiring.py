"""Einstellung planen: from the employer's answers to a dated timeline of the best route.

Composes the rules: the answers become an engine profile, the engine's verdicts pick the route
(§ 81a or the standard visa procedure for §§ 18a, 18b, 18g; otherwise the Westbalkanregelung or
the Anerkennungspartnerschaft), the route's step sequence gets calendar dates from
``rules.schedule``. A saved plan keeps its first dates (the baseline); steps marked done are
planned again from their actual dates, and the slip is the difference to the baseline.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import holidays
import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, gettext, ngettext

from pathways.forms.hiring import DoneForm, HerrDelicForm
from pathways.models import EmployerPlan
from pathways.rules import engine
from pathways.rules.results import Check, PathwayResult
from pathways.rules.schedule import LAENDER, Plan, PlannedStep, add_months, plan
from pathways.rules.steps import ACTOR_LABELS, FKV_KEYS, Actor, Step, steps_for
from pathways.rules.texts import Text

# The routes an employer can plan, best first when several are open.
ROUTE_TITLES: dict[str, Text] = {
    "accelerated": Text(
        "Beschleunigtes Fachkräfteverfahren (§ 81a AufenthG)",
        "Accelerated procedure for skilled workers (§ 81a AufenthG)",
    ),
    "standard": Text("Visumverfahren ohne § 81a", "Standard visa procedure, without § 81a"),
    "westbalkan": Text(
        "Westbalkanregelung (§ 26 Abs. 2 BeschV)", "Western Balkans regulation (§ 26 (2) BeschV)"
    ),
    "recognition_partnership": Text(
        "Anerkennungspartnerschaft (§ 16d Abs. 3 AufenthG)",
        "Recognition partnership (§ 16d (3) AufenthG)",
    ),
    "recognition_partnership_accelerated": Text(
        "Anerkennungspartnerschaft im beschleunigten Fachkräfteverfahren",
        "Recognition partnership in the accelerated procedure",
    ),
}
TARGET_TITLES: dict[str, Text] = {
    "skilled_worker": Text(
        "Fachkraft mit anerkanntem Abschluss (§ 18a oder § 18b AufenthG)",
        "Skilled worker with a recognised qualification (§ 18a or § 18b AufenthG)",
    ),
    "blue_card": Text("Blaue Karte EU (§ 18g AufenthG)", "EU Blue Card (§ 18g AufenthG)"),
    "westbalkan": ROUTE_TITLES["westbalkan"],
    "recognition_partnership": ROUTE_TITLES["recognition_partnership"],
}
# Lanes of the "who does what" table, in the order an employer meets them.
LANES: tuple[Actor, ...] = (
    Actor.employer,
    Actor.worker,
    Actor.iq_counselling,
    Actor.foreigners_office,
    Actor.recognition_body,
    Actor.zab,
    Actor.employment_agency,
    Actor.mission,
)
NOTE_WESTBALKAN = Text(
    "Die Westbalkanregelung hat ein Jahreskontingent an Zustimmungen der Bundesagentur für "
    "Arbeit; ist es ausgeschöpft, wartet der Antrag bis zum nächsten Jahr. Das beschleunigte "
    "Fachkräfteverfahren (§ 81a AufenthG) ist hier nicht möglich.",
    "The Western Balkans regulation has a yearly quota of approvals by the Federal Employment "
    "Agency; once it is used up, the application waits for the next year. The accelerated "
    "procedure (§ 81a AufenthG) is not possible on this route.",
)
NOTE_NO_ACCELERATED = Text(
    "Das beschleunigte Fachkräfteverfahren ist für diesen Weg nicht möglich; der Plan zeigt "
    "das Verfahren ohne § 81a.",
    "The accelerated procedure is not possible on this route; the plan shows the procedure "
    "without § 81a.",
)
NOTE_POSSIBLE = Text(
    "Einige Voraussetzungen sind noch offen. Der Plan zeigt den Weg, der am ehesten passt; "
    "die IQ Beratung klärt die offenen Punkte mit Ihnen.",
    "Some conditions are still open. The plan shows the route that fits best; IQ counselling "
    "clarifies the open points with you.",
)


# --- the answers ------------------------------------------------------------------------------


def inputs_from(cleaned: Mapping[str, Any]) -> dict[str, Any]:
    """The planning form's cleaned data as JSON (session, saved plans, the fixture)."""
    return {
        "nationality": cleaned["nationality"],
        "age": cleaned.get("age"),
        "qualification": cleaned["qualification"],
        "recognition": cleaned["recognition"],
        "regulated": cleaned["regulated"],
        "german_level": cleaned["german_level"],
        "salary": str(cleaned["salary"]),
        "land": cleaned["land"],
        "start": cleaned["start"].isoformat(),
        "accelerated": cleaned["accelerated"],
    }


def profile_for(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The engine profile of a candidate abroad with a qualified job offer from the employer."""
    profile: dict[str, Any] = {
        "nationality": inputs["nationality"],
        "residence": "abroad",
        "residence_country": inputs["nationality"],
        "qualification": inputs["qualification"],
        "recognition": inputs["recognition"],
        "regulated_profession": inputs["regulated"] != "no",
        "german_level": inputs["german_level"],
        "job_offer": "qualified",
        "annual_salary_eur": float(Decimal(inputs["salary"])),
        "temp_agency_work": False,
        # Whether § 81a could be used, whatever the employer chose: both are shown side by side.
        "employer_uses_accelerated_procedure": True,
    }
    if inputs.get("age") is not None:
        profile["age"] = inputs["age"]
    return profile


# --- routes -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Route:
    """A route to plan: the pathway whose steps it uses, § 81a or not."""

    key: str
    target: str
    accelerated: bool
    verdict: str

    @property
    def title(self) -> Text:
        return ROUTE_TITLES[self.key]


def _results(profile: Mapping[str, Any], on: date) -> dict[str, PathwayResult]:
    return dict(engine.evaluate(dict(profile), on).pathways)


def _open(verdicts: Mapping[str, str], key: str) -> bool:
    return verdicts.get(key, "not_eligible") != "not_eligible"


def routes_for(inputs: Mapping[str, Any]) -> tuple[list[Route], dict[str, PathwayResult]]:
    """The open routes, best first, and the engine's result per pathway.

    A recognised (or recognisable) qualification comes first: it leads to the titles of
    §§ 18a, 18b, 18g, with or without § 81a as the employer chose. The Westbalkanregelung and
    the Anerkennungspartnerschaft follow, as the brochure and the BA recommend.
    """
    start = date.fromisoformat(inputs["start"])
    results = _results(profile_for(inputs), start)
    verdicts = {key: result.verdict for key, result in results.items()}
    wants_81a = inputs["accelerated"] == "yes"
    fast_possible = _open(verdicts, "accelerated_procedure")
    routes: list[Route] = []
    targets = sorted(
        (key for key in ("skilled_worker", "blue_card") if _open(verdicts, key)),
        key=lambda key: verdicts[key] != "eligible",
    )
    if targets:
        target = targets[0]
        accelerated = Route("accelerated", target, True, verdicts[target])
        standard = Route("standard", target, False, verdicts[target])
        if not fast_possible:
            routes.append(standard)
        else:
            routes += [accelerated, standard] if wants_81a else [standard, accelerated]
    if _open(verdicts, "westbalkan"):
        routes.append(Route("westbalkan", "westbalkan", False, verdicts["westbalkan"]))
    if _open(verdicts, "recognition_partnership"):
        partnership = "recognition_partnership"
        plain = Route(partnership, partnership, False, verdicts[partnership])
        fast = Route(f"{partnership}_accelerated", partnership, True, verdicts[partnership])
        if not fast_possible:
            routes.append(plain)
        else:
            routes += [fast, plain] if wants_81a else [plain, fast]
    return routes, results


def route_steps(route: Route, inputs: Mapping[str, Any]) -> tuple[Step, ...]:
    return steps_for(
        route.target,
        date.fromisoformat(inputs["start"]),
        accelerated=route.accelerated,
        land_law=inputs["regulated"] == "land",
        academic=inputs["qualification"] == "academic",
    )


# --- timelines --------------------------------------------------------------------------------


AVERAGE_MONTH_DAYS = 365.25 / 12


@dataclass(frozen=True, slots=True)
class Timeline:
    route: Route
    plan: Plan

    @property
    def months(self) -> int:
        """Months from the start of the process to the start of work, to the nearest month."""
        return max(1, round(self.plan.total_days / AVERAGE_MONTH_DAYS))


def timeline(route: Route, inputs: Mapping[str, Any], done: Mapping[str, date] | None = None):
    start = date.fromisoformat(inputs["start"])
    return Timeline(route, plan(route_steps(route, inputs), start, inputs["land"], done))


@dataclass(frozen=True, slots=True)
class HiringPlan:
    inputs: Mapping[str, Any]
    results: Mapping[str, PathwayResult]
    best: Timeline | None
    # The same target with and without § 81a, when both exist: (accelerated, standard).
    side_by_side: tuple[Timeline, Timeline] | None
    others: tuple[Timeline, ...]
    notes: tuple[Text, ...]

    def open_points(self) -> tuple[Check, ...]:
        """The checks of the best route that are neither met nor failed."""
        if self.best is None:
            return ()
        checks = self.results[self.best.route.target].checks
        return tuple(check for check in checks if check.status == "unknown")

    def blocking(self) -> tuple[Check, ...]:
        """Why no route is open: the failed checks of the routes an employer can plan."""
        keys = ("skilled_worker", "blue_card", "westbalkan", "recognition_partnership")
        return tuple(check for key in keys for check in self.results[key].failing())


def build(inputs: Mapping[str, Any]) -> HiringPlan:
    routes, results = routes_for(inputs)
    timelines = [timeline(route, inputs) for route in routes]
    if not timelines:
        return HiringPlan(inputs, results, None, None, (), ())
    best = timelines[0]
    pair = [t for t in timelines if t.route.target == best.route.target]
    side_by_side = None
    if len(pair) == 2:
        fast, slow = sorted(pair, key=lambda t: not t.route.accelerated)
        side_by_side = (fast, slow)
    others = tuple(t for t in timelines if t.route.target != best.route.target)
    notes = []
    if best.route.verdict == "possible":
        notes.append(NOTE_POSSIBLE)
    if inputs["accelerated"] == "yes" and not best.route.accelerated:
        notes.append(NOTE_NO_ACCELERATED)
    if best.route.key == "westbalkan" or any(t.route.key == "westbalkan" for t in others):
        notes.append(NOTE_WESTBALKAN)
    return HiringPlan(inputs, results, best, side_by_side, others, tuple(notes))


# --- who does what ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    start: date
    end: date
    quarter: bool


@dataclass(frozen=True, slots=True)
class LaneCell:
    leads: tuple[PlannedStep, ...]
    joins: tuple[PlannedStep, ...]

    @property
    def empty(self) -> bool:
        return not self.leads and not self.joins


def columns(p: Plan) -> list[Column]:
    """Calendar months from the start to the last date, or quarters beyond a year."""
    last = max(p.start_of_work, *(item.end for item in p.steps))
    first = p.start.replace(day=1)
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    size = 1 if span <= 12 else 3
    if size == 3:
        first = first.replace(month=(first.month - 1) // 3 * 3 + 1)
    result = []
    cursor = first
    while cursor <= last:
        following = add_months(cursor, size)
        result.append(Column(cursor, following - timedelta(days=1), size == 3))
        cursor = following
    return result


def lanes(p: Plan) -> list[tuple[Actor, Text, list[LaneCell]]]:
    """Per actor (only those with a step), per column: the steps it leads and joins."""
    cols = columns(p)
    rows = []
    for actor in LANES:
        cells = []
        for col in cols:
            active = [s for s in p.steps if s.start <= col.end and max(s.start, s.end) >= col.start]
            cells.append(
                LaneCell(
                    tuple(s for s in active if s.step.actor == actor),
                    tuple(s for s in active if actor in s.step.actors and s.step.actor != actor),
                )
            )
        if any(not cell.empty for cell in cells):
            rows.append((actor, ACTOR_LABELS[actor], cells))
    return rows


# --- saved plans: baseline, progress, slip ----------------------------------------------------


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


def track(inputs: Mapping[str, Any], baseline: Mapping[str, Any], progress: Mapping[str, str]):
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


# --- Herr Delić -------------------------------------------------------------------------------


@cache
def herr_delic() -> dict[str, Any]:
    """His case as data (fixtures/herr_delic.json): the answers and the brochure's labels."""
    path = Path(settings.BASE_DIR) / "fixtures" / "herr_delic.json"
    return json.loads(path.read_text(encoding="utf-8"))


def herr_delic_timeline(start: date, land: str) -> Timeline:
    """His case planned from ``start``: the seven steps of the brochure in the legal order."""
    by_key = {step.key: step for step in steps_for("skilled_worker", start, accelerated=True)}
    order = [item["key"] for item in herr_delic()["steps"]]
    # The fixture names the brochure's steps; the engine's § 81a sequence must hold them all.
    assert set(order) == set(FKV_KEYS), "fixtures/herr_delic.json and FKV_KEYS disagree"
    route = Route("accelerated", "skilled_worker", True, "eligible")
    return Timeline(route, plan(tuple(by_key[key] for key in order), start, land))


def brochure_labels() -> dict[str, str]:
    return {item["key"]: item["brochure_label"] for item in herr_delic()["steps"]}


# --- keeping a plan ---------------------------------------------------------------------------

PLAN_LIFETIME = timedelta(days=365)


def save_plan(inputs: Mapping[str, Any], language: str) -> EmployerPlan | None:
    """Keeps the best route's first dates behind a new private link."""
    best = build(inputs).best
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


def record_done(saved: EmployerPlan, key: str, day: date) -> None:
    saved.progress = {**saved.progress, key: day.isoformat()}
    saved.save(update_fields=["progress", "updated_at"])


def reopen(saved: EmployerPlan, key: str) -> None:
    saved.progress = {k: v for k, v in saved.progress.items() if k != key}
    saved.save(update_fields=["progress", "updated_at"])


# --- presenting -------------------------------------------------------------------------------


def _lang() -> str:
    return get_language() or "de"


def euros(low: int, high: int) -> str:
    low_text = number_format(low, decimal_pos=0, force_grouping=True)
    if low == high:
        return gettext("%(amount)s €") % {"amount": low_text}
    high_text = number_format(high, decimal_pos=0, force_grouping=True)
    return gettext("%(low)s to %(high)s €") % {"low": low_text, "high": high_text}


def duration_text(step: Step) -> str:
    if step.duration is None:
        return ""
    amount, unit = step.duration.amount, step.duration.unit
    forms = {
        "calendar_days": ngettext("%(count)s day", "%(count)s days", amount),
        "working_days": ngettext("%(count)s working day", "%(count)s working days", amount),
        "weeks": ngettext("%(count)s week", "%(count)s weeks", amount),
        "months": ngettext("%(count)s month", "%(count)s months", amount),
    }
    text = forms[unit] % {"count": amount}
    if step.duration.statutory:
        return gettext("%(duration)s, deadline in law (%(source)s)") % {
            "duration": text,
            "source": step.duration.source,
        }
    return gettext("about %(duration)s (typical)") % {"duration": text}


def step_rows(t: Timeline, tracked: Tracked | None = None) -> list[dict[str, Any]]:
    """Everything the numbered list shows of each step, in the active language."""
    lang = _lang()
    labels = brochure_labels()
    rows = []
    for item in t.plan.steps:
        step = item.step
        rows.append(
            {
                "number": item.number,
                "key": item.key,
                "dom_id": "step-" + item.key.replace(".", "-"),
                "title": step.title.get(lang),
                "actor": ACTOR_LABELS[step.actor].get(lang),
                "actor_key": step.actor.value,
                "with": [ACTOR_LABELS[a].get(lang) for a in step.actors],
                "phase": step.phase,
                "start": item.start,
                "end": item.end,
                "done_on": item.done_on,
                "legal_basis": step.legal_basis,
                "duration": duration_text(step),
                "deadline_note": step.deadline_note.get(lang) if step.deadline_note else "",
                "fee": euros(step.fee.min_eur, step.fee.max_eur) if step.fee else "",
                "documents": [doc.get(lang) for doc in step.documents],
                "iq_advice": step.iq_advice.get(lang) if step.iq_advice else "",
                "holidays": [_holiday(day, t.plan.land, lang) for day in item.holidays],
                "brochure_label": labels.get(item.key, ""),
                "slip": tracked.slip.get(item.key) if tracked else None,
                "slip_days": abs(tracked.slip.get(item.key) or 0) if tracked else 0,
                "first_end": tracked.baseline_ends.get(item.key) if tracked else None,
            }
        )
    return rows


def _holiday(day: date, land: str, lang: str) -> str:
    language = "en_US" if lang.startswith("en") else "de"
    name = holidays.Germany(subdiv=land, years=day.year, language=language).get(day, "")
    return f"{name} ({date_format(day, 'SHORT_DATE_FORMAT')})"


PHASE_TITLES = {
    "preparation": Text("Beratung und Vorbereitung", "Counselling and preparation"),
    "procedure": Text("Anerkennungs- und Visumverfahren", "Recognition and visa procedures"),
    "employment": Text("Einreise und Arbeitsbeginn", "Entry and start of work"),
}


def phase_rows(t: Timeline) -> list[dict[str, Any]]:
    lang = _lang()
    rows = []
    for phase in t.plan.phases:
        weeks = max(1, round(phase.days / 7)) if phase.days else 0
        rows.append(
            {
                "key": phase.key,
                "title": PHASE_TITLES[phase.key].get(lang),
                "start": phase.start,
                "end": phase.end,
                "length": ngettext("about %(n)s week", "about %(n)s weeks", weeks) % {"n": weeks},
            }
        )
    return rows


def lane_rows(t: Timeline) -> dict[str, Any]:
    """The "who does what" table: a column per month (or quarter), a row per actor."""
    lang = _lang()

    def chip(item: PlannedStep) -> dict[str, Any]:
        return {
            "number": item.number,
            "title": item.step.title.get(lang),
            "dom_id": "step-" + item.key.replace(".", "-"),
            "done": item.done,
        }

    cols = columns(t.plan)
    return {
        "columns": [
            {
                "label": (
                    f"{date_format(col.start, 'M')}\N{EN DASH}{date_format(col.end, 'M Y')}"
                    if col.quarter
                    else date_format(col.start, "M Y")
                ),
                "full": f"{date_format(col.start, 'DATE_FORMAT')} \N{EN DASH} "
                f"{date_format(col.end, 'DATE_FORMAT')}",
            }
            for col in cols
        ],
        "rows": [
            {
                "actor": actor.value,
                "label": label.get(lang),
                "cells": [
                    {"leads": [chip(s) for s in cell.leads], "joins": [chip(s) for s in cell.joins]}
                    for cell in cells
                ],
            }
            for actor, label, cells in lanes(t.plan)
        ],
    }


def summary(t: Timeline) -> dict[str, Any]:
    lang = _lang()
    return {
        "route": t.route.key,
        "title": t.route.title.get(lang),
        "target": (
            "" if t.route.key == t.route.target else TARGET_TITLES[t.route.target].get(lang)
        ),
        "verdict": t.route.verdict,
        "accelerated": t.route.accelerated,
        "start": t.plan.start,
        "start_of_work": t.plan.start_of_work,
        "months": t.months,
        "fees": euros(*t.plan.fees_eur),
        "steps": len(t.plan.steps),
    }


def present(t: Timeline, tracked: Tracked | None = None) -> dict[str, Any]:
    return {
        "summary": summary(t),
        "steps": step_rows(t, tracked),
        "phases": phase_rows(t),
        "lanes": lane_rows(t),
    }


# --- calendar export --------------------------------------------------------------------------


def calendar_for(t: Timeline, uid_prefix: str) -> bytes:
    """An RFC 5545 calendar: one all-day event per step, plus the milestones, in the active
    language. UIDs are stable per plan, so importing again updates the events."""
    lang = _lang()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//IQ Portal//Einstellung planen//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", gettext("Hiring plan: %(route)s") % {"route": t.route.title.get(lang)})
    stamp = timezone.now()
    for item in t.plan.steps:
        step = item.step
        event = icalendar.Event()
        event.add("uid", f"{uid_prefix}-{item.key}@iq-portal")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.start)
        event.add("dtend", max(item.start, item.end) + timedelta(days=1))
        event.add("summary", f"{item.number}. {step.title.get(lang)}")
        lines = [
            gettext("Who: %(actor)s") % {"actor": ACTOR_LABELS[step.actor].get(lang)},
            gettext("Legal basis: %(basis)s") % {"basis": step.legal_basis},
        ]
        if step.deadline_note:
            lines.append(step.deadline_note.get(lang))
        event.add("description", "\n".join(lines))
        event.add("categories", ["step"])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    milestones = [(t.plan.start_of_work, gettext("Earliest start of work"), "start-of-work")]
    milestones += [
        (
            phase.end,
            gettext("End of phase: %(phase)s") % {"phase": PHASE_TITLES[phase.key].get(lang)},
            f"phase-{phase.key}",
        )
        for phase in t.plan.phases
        if phase.key != "employment"
    ]
    for day, title, key in milestones:
        event = icalendar.Event()
        event.add("uid", f"{uid_prefix}-{key}@iq-portal")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", title)
        event.add("categories", ["milestone"])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


# --- page contexts ----------------------------------------------------------------------------


def initial_from(inputs: Mapping[str, Any] | None) -> dict[str, Any]:
    """The planning form's initial values: the last answers, or today as the start."""
    if not inputs:
        return {"start": timezone.localdate()}
    return {**inputs, "start": date.fromisoformat(inputs["start"])}


def timeline_context(result: HiringPlan) -> dict[str, Any]:
    lang = _lang()
    context: dict[str, Any] = {
        "result": result,
        "notes": [note.get(lang) for note in result.notes],
        "land": LAENDER[result.inputs["land"]].get(lang),
        "open_points": [_check_text(check, lang) for check in result.open_points()],
        "blocking": [_check_text(check, lang) for check in result.blocking()],
    }
    if result.best is not None:
        context["view"] = present(result.best)
        context["compare"] = [summary(t) for t in result.side_by_side or ()]
        context["others"] = [summary(t) for t in result.others]
    return context


def _check_text(check: Check, lang: str) -> str:
    fix = f" {check.fix.get(lang)}" if check.fix else ""
    return check.text.get(lang) + fix


def done_form(saved: EmployerPlan, *, data=None, initial=None) -> DoneForm:
    """The form for the next open step; the day must lie after the last step done."""
    tracked = track(saved.inputs, saved.baseline, saved.progress)
    following = next_open_step(tracked)
    previous = last_done_step(tracked)
    earliest = previous.done_on if previous else tracked.timeline.plan.start
    keys = (following.key,) if following else ()
    initial = {**(initial or {}), "step": following.key if following else ""}
    return DoneForm(data, initial=initial, step_keys=keys, earliest=earliest)


def plan_context(saved: EmployerPlan, form: DoneForm) -> dict[str, Any]:
    tracked = track(saved.inputs, saved.baseline, saved.progress)
    following = next_open_step(tracked)
    previous = last_done_step(tracked)
    return {
        "saved": saved,
        "tracked": tracked,
        "view": present(tracked.timeline, tracked),
        "next_key": following.key if following else None,
        "last_done_key": previous.key if previous else None,
        "form": form,
        "land": LAENDER[saved.inputs["land"]].get(_lang()),
    }


def reopen_last(saved: EmployerPlan) -> None:
    previous = last_done_step(track(saved.inputs, saved.baseline, saved.progress))
    if previous is not None:
        reopen(saved, previous.key)


def herr_delic_context(start: date, land: str, form: HerrDelicForm) -> dict[str, Any]:
    t = herr_delic_timeline(start, land)
    return {
        "case": herr_delic(),
        "view": present(t),
        "form": form,
        "start": start,
        "land_code": land,
        "land": LAENDER[land].get(_lang()),
    }
