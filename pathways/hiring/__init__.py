"""Einstellung planen: from the employer's answers to a dated timeline of the best route.

Data flows one way: the answers (``answers``) become an engine profile; the rules rank the open
ways (``rules.ranking.rank``, the same order as the questionnaire's result) and the best one is
planned with the steps still to do for this worker (``routes``); a saved plan keeps its first
dates and is planned again from the days steps were done (``tracking``); ``rows`` turns a plan
into what the templates show; ``calendar`` into an RFC 5545 file. Nothing here imports forms
or views.
"""

from .answers import inputs_from, new_plan_id, profile_for
from .calendar import calendar_for, event_uid
from .routes import (
    HiringPlan,
    Route,
    Timeline,
    brochure_labels,
    build,
    herr_delic,
    herr_delic_inputs,
    herr_delic_timeline,
    routes_for,
    timeline,
)
from .rows import (
    herr_delic_context,
    initial_from,
    plan_context,
    present,
    summary,
    timeline_context,
)
from .tracking import (
    Tracked,
    baseline_of,
    done_bounds,
    last_done_step,
    next_open_step,
    record_done,
    reopen,
    reopen_last,
    save_plan,
    track,
)

__all__ = [
    "HiringPlan",
    "Route",
    "Timeline",
    "Tracked",
    "baseline_of",
    "brochure_labels",
    "build",
    "calendar_for",
    "done_bounds",
    "event_uid",
    "herr_delic",
    "herr_delic_context",
    "herr_delic_inputs",
    "herr_delic_timeline",
    "initial_from",
    "inputs_from",
    "last_done_step",
    "new_plan_id",
    "next_open_step",
    "plan_context",
    "present",
    "profile_for",
    "record_done",
    "reopen",
    "reopen_last",
    "routes_for",
    "save_plan",
    "summary",
    "timeline",
    "timeline_context",
    "track",
]
