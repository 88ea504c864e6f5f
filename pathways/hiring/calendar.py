"""The calendar: an RFC 5545 file of a timeline, one all-day event per step and milestone.

Event UIDs are UUIDs (version 5) of the plan's id and the step's key: the draft and the plan
saved from it share its id (``answers.new_plan_id``), so importing the draft, then the saved
plan, then a re-export updates the same events instead of duplicating them.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import icalendar
from django.utils import timezone
from django.utils.translation import get_language, gettext

from .routes import Timeline
from .rows import PHASE_TITLES, date_rule

UID_NAMESPACE = uuid.UUID("6f1c2d1e-3a54-5b8e-9a0e-1d2b3c4d5e6f")


def event_uid(plan_id: str, key: str) -> str:
    return f"{uuid.uuid5(UID_NAMESPACE, f'{plan_id}:{key}')}@iq-portal"


def calendar_for(t: Timeline, plan_id: str) -> bytes:
    """The timeline as a calendar in the active language."""
    lang = get_language() or "de"
    cal = icalendar.Calendar()
    cal.add("prodid", "-//IQ Portal//Einstellung planen//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", gettext("Hiring plan: %(route)s") % {"route": t.route.title.get(lang)})
    stamp = timezone.now()
    for item in t.plan.steps:
        step = item.step
        event = icalendar.Event()
        event.add("uid", event_uid(plan_id, item.key))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.start)
        event.add("dtend", max(item.start, item.end) + timedelta(days=1))
        event.add("summary", f"{item.number}. {step.title.get(lang)}")
        lines = [
            gettext("Who: %(actor)s") % {"actor": t.labels[step.actor].get(lang)},
            gettext("Legal basis: %(basis)s") % {"basis": step.legal_basis},
        ]
        rule = date_rule(step)
        if rule:
            lines.append(rule)
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
        event.add("uid", event_uid(plan_id, key))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", title)
        event.add("categories", ["milestone"])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
