"""Rows for the templates: a timeline as the numbered steps, the phases, the "who does what"
lanes, the summaries, and the contexts of the pages (forms are passed in, never built here).

Every date says by which rule it was computed: a deadline in law with its paragraph, or a
typical duration with its source. Where a deadline does not run while documents are missing
(§ 6 Abs. 3, § 14a BQFG) or approval is deemed given (§ 36 Abs. 2 BeschV), the step says so and
what it means for the start of work.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import holidays
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext, ngettext

from pathways.rules.parameters import RULES_VERSION
from pathways.rules.results import Check
from pathways.rules.schedule import LAENDER, Plan, PlannedStep, add_months
from pathways.rules.steps import Actor, Step
from pathways.rules.texts import Text

from .routes import (
    TARGET_TITLES,
    HiringPlan,
    Timeline,
    brochure_labels,
    herr_delic,
    herr_delic_timeline,
)
from .tracking import Tracked, last_done_step, next_open_step, track

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
PHASE_TITLES = {
    "preparation": Text("Beratung und Vorbereitung", "Counselling and preparation"),
    "procedure": Text("Anerkennungs- und Visumverfahren", "Recognition and visa procedures"),
    "employment": Text("Einreise und Arbeitsbeginn", "Entry and start of work"),
}
# How long missing documents are assumed to hold up a recognition, to show the effect.
EXAMPLE_DELAY = timedelta(weeks=2)


def _lang() -> str:
    return get_language() or "de"


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


def lanes(t: Timeline) -> list[tuple[Actor, Text, list[LaneCell]]]:
    """Per actor (only those with a step), per column: the steps it leads and joins.

    One pass over the steps: each lands in the columns its dates overlap (found by bisection),
    so the work grows with steps + columns, not with their product."""
    p = t.plan
    cols = columns(p)
    ends = [col.end for col in cols]
    starts = [col.start for col in cols]
    leads: dict[Actor, list[list[PlannedStep]]] = {a: [[] for _ in cols] for a in LANES}
    joins: dict[Actor, list[list[PlannedStep]]] = {a: [[] for _ in cols] for a in LANES}
    for s in p.steps:
        # Columns with col.end >= s.start and col.start <= max(s.start, s.end).
        first = bisect_left(ends, s.start)
        last = bisect_right(starts, max(s.start, s.end))
        lead = s.step.actor
        joiners = [a for a in dict.fromkeys(s.step.actors) if a != lead and a in joins]
        for i in range(first, last):
            if lead in leads:
                leads[lead][i].append(s)
            for actor in joiners:
                joins[actor][i].append(s)
    rows = []
    for actor in LANES:
        cells = [
            LaneCell(tuple(led), tuple(joined))
            for led, joined in zip(leads[actor], joins[actor], strict=True)
        ]
        if any(not cell.empty for cell in cells):
            rows.append((actor, t.labels[actor], cells))
    return rows


# --- the rule behind each date ----------------------------------------------------------------


def euros(low: int, high: int) -> str:
    low_text = number_format(low, decimal_pos=0, force_grouping=True)
    if low == high:
        return gettext("%(amount)s €") % {"amount": low_text}
    high_text = number_format(high, decimal_pos=0, force_grouping=True)
    return gettext("%(low)s to %(high)s €") % {"low": low_text, "high": high_text}


def _amount(step: Step) -> str:
    assert step.duration is not None
    amount, unit = step.duration.amount, step.duration.unit
    forms = {
        "calendar_days": ngettext("%(count)s day", "%(count)s days", amount),
        "working_days": ngettext("%(count)s working day", "%(count)s working days", amount),
        "weeks": ngettext("%(count)s week", "%(count)s weeks", amount),
        "months": ngettext("%(count)s month", "%(count)s months", amount),
    }
    return forms[unit] % {"count": amount}


def duration_text(step: Step) -> str:
    if step.duration is None:
        return ""
    text = _amount(step)
    if step.duration.statutory:
        return gettext("%(duration)s, deadline in law (%(source)s)") % {
            "duration": text,
            "source": step.duration.source,
        }
    return gettext("about %(duration)s (typical)") % {"duration": text}


def date_rule(step: Step) -> str:
    """By which rule the step's end date was computed."""
    if step.duration is None:
        return ""
    if step.duration.statutory:
        return gettext(
            "End date: deadline in law of %(duration)s (%(source)s), counted by §§ 187 to 193 "
            "BGB; a deadline ending on a weekend or public holiday moves to the next working day."
        ) % {"duration": _amount(step), "source": step.duration.source}
    return gettext(
        "End date: typical duration of %(duration)s, no deadline in law (source: %(source)s)."
    ) % {"duration": _amount(step), "source": _source(step.duration.source)}


def _source(source: str) -> str:
    return gettext("usual processing times") if source == "typische Dauer" else source


_RECOGNITION_DEADLINES = frozenset({"fkv.recognition_decision", "std.recognition"})


def suspension(item: PlannedStep, p: Plan) -> str:
    """Where the deadline does not run or approval is deemed given: what it means here."""
    step = item.step
    if step.duration is None or not step.duration.statutory:
        return ""
    if step.key in _RECOGNITION_DEADLINES:
        later = p.start_of_work + EXAMPLE_DELAY
        return gettext(
            "The deadline runs only from the day the file is complete (§ 6 Abs. 3, § 14a "
            "BQFG); while documents are missing or doubtful it does not run, and in difficult "
            "cases the body may extend it once. The plan assumes a complete file. Each week "
            "documents are missing moves this step and all that follow: with two weeks "
            "missing, work starts around %(day)s instead of %(planned)s."
        ) % {
            "day": date_format(later, "DATE_FORMAT"),
            "planned": date_format(p.start_of_work, "DATE_FORMAT"),
        }
    if step.key.endswith(".ba_approval"):
        return gettext(
            "Deemed approval (Zustimmungsfiktion, § 36 Abs. 2 BeschV): if the Federal "
            "Employment Agency does not answer within %(duration)s of the request, approval "
            "counts as given; the plan counts on this, so approval stands on %(day)s at the "
            "latest. If the agency reports that information is missing or the employer has "
            "not answered in time, there is no deemed approval: the period runs again from the "
            "complete information, and the following steps move by as long."
        ) % {"duration": _amount(step), "day": date_format(item.end, "DATE_FORMAT")}
    return ""


# --- the numbered steps, the phases, the lanes ----------------------------------------------


def step_rows(
    t: Timeline, tracked: Tracked | None = None, *, example: bool = False
) -> list[dict[str, Any]]:
    """Everything the numbered list shows of each step, in the active language."""
    lang = _lang()
    labels = brochure_labels() if example else {}
    rows = []
    for item in t.plan.steps:
        step = item.step
        rows.append(
            {
                "number": item.number,
                "key": item.key,
                "dom_id": "step-" + item.key.replace(".", "-"),
                "title": step.title.get(lang),
                "actor": t.labels[step.actor].get(lang),
                "actor_key": step.actor.value,
                "with": [t.labels[a].get(lang) for a in step.actors],
                "phase": step.phase,
                "start": item.start,
                "end": item.end,
                "done_on": item.done_on,
                "legal_basis": step.legal_basis,
                "duration": duration_text(step),
                "date_rule": date_rule(step),
                "suspension": suspension(item, t.plan),
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


@lru_cache(maxsize=256)
def _holidays(land: str, year: int, language: str) -> dict[date, str]:
    """One year's holidays of a Land in one language, built once (building them is slow)."""
    return dict(holidays.Germany(subdiv=land, years=year, language=language))


def _holiday(day: date, land: str, lang: str) -> str:
    language = "en_US" if lang.startswith("en") else "de"
    name = _holidays(land, day.year, language).get(day, "")
    return f"{name} ({date_format(day, 'SHORT_DATE_FORMAT')})"


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
    labels = [
        (
            f"{date_format(col.start, 'M')}\N{EN DASH}{date_format(col.end, 'M Y')}"
            if col.quarter
            else date_format(col.start, "M Y")
        )
        for col in cols
    ]
    return {
        "columns": [
            {
                "label": label,
                "full": f"{date_format(col.start, 'DATE_FORMAT')} \N{EN DASH} "
                f"{date_format(col.end, 'DATE_FORMAT')}",
            }
            for col, label in zip(cols, labels, strict=True)
        ],
        "rows": [
            {
                "actor": actor.value,
                "label": label.get(lang),
                "cells": [
                    {
                        "column": column,
                        "leads": [chip(s) for s in cell.leads],
                        "joins": [chip(s) for s in cell.joins],
                        "empty": cell.empty,
                    }
                    for cell, column in zip(cells, labels, strict=True)
                ],
            }
            for actor, label, cells in lanes(t)
        ],
    }


def summary(t: Timeline) -> dict[str, Any]:
    lang = _lang()
    route = t.route
    return {
        "route": route.key,
        "target_key": route.target,
        "title": route.title.get(lang),
        "name": route.name.get(lang),
        "target": "" if route.key == route.target else _target_title(route.target, lang),
        "verdict": route.verdict,
        "accelerated": route.accelerated,
        "start": t.plan.start,
        "start_of_work": t.plan.start_of_work,
        "months": t.months,
        "fees": euros(*t.plan.fees_eur),
        "steps": len(t.plan.steps),
    }


def _target_title(target: str, lang: str) -> str:
    return TARGET_TITLES[target].get(lang)


def present(t: Timeline, tracked: Tracked | None = None, *, example: bool = False) -> dict:
    return {
        "summary": summary(t),
        "steps": step_rows(t, tracked, example=example),
        "phases": phase_rows(t),
        "lanes": lane_rows(t),
    }


# --- page contexts ----------------------------------------------------------------------------


def initial_from(inputs: Mapping[str, Any] | None) -> dict[str, Any]:
    """The planning form's initial values: the last answers, or today as the start."""
    if not inputs:
        return {"start": timezone.localdate()}
    return {**inputs, "start": date.fromisoformat(inputs["start"])}


def _check_text(check: Check, lang: str) -> str:
    fix = f" {check.fix.get(lang)}" if check.fix else ""
    return check.text.get(lang) + fix


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


def plan_context(saved: Any, form: Any, *, confirmation: str = "") -> dict[str, Any]:
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
        "confirmation": confirmation,
        "land": LAENDER[saved.inputs["land"]].get(_lang()),
    }


def herr_delic_context(start: date, land: str, form: Any) -> dict[str, Any]:
    return {
        "case": herr_delic(),
        # Planned only when the page's cached plan fragment is missing: the plan is the same for
        # everyone with this date, Land and language, and planning it is most of the page's time.
        "view": SimpleLazyObject(lambda: present(herr_delic_timeline(start, land), example=True)),
        "form": form,
        "start": start,
        "land_code": land,
        "land": LAENDER[land].get(_lang()),
        # Keys of the cached plan fragment (templates/hiring/herr_delic.html).
        "rules_version": RULES_VERSION,
        "today": timezone.localdate(),
    }
