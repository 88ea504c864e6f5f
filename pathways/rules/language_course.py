"""Entry for a German course (the seed 000 "Einreise für einen Sprachkurs").

Legal basis: § 16f Abs. 1 AufenthG ("kann": a discretionary decision, shown like every other
"kann" route by ``common.discretion``), § 16f Abs. 3 S. 4 (work up to 20 hours a week, since
1 March 2024), § 2 Abs. 3 S. 6 AufenthG (means). Figures last checked: 2026-12-02.
"""

from __future__ import annotations

from . import common as C
from .profile import Profile
from .recognition_measures import means_check
from .results import Check, PathwayResult, verdict_of
from .steps import steps_for
from .texts import Text

KEY = "language_course"
TITLE = Text("Einreise für einen Deutschkurs", "Entry for a German course")
LEGAL_BASIS = "§ 16f Abs. 1 AufenthG"

DISCRETION = C.discretion(KEY, "§ 16f Abs. 1 AufenthG")


RESIDENCE_RULE = f"{KEY}.residence"
RESIDENCE_SOURCE = "§ 16f Abs. 1 AufenthG; § 6 Abs. 3 AufenthG"
APPLY_AT_MISSION = Check(
    RESIDENCE_RULE,
    "met",
    RESIDENCE_SOURCE,
    Text(
        "Das Visum beantragen Sie bei der deutschen Auslandsvertretung.",
        "You apply for the visa at the German mission.",
    ),
)
RESIDENCE_OPEN = Check(
    RESIDENCE_RULE,
    "unknown",
    RESIDENCE_SOURCE,
    Text(
        "Offen ist, wo Sie leben. Das Visum beantragen Sie im Ausland.",
        "It is open where you live. You apply for the visa from abroad.",
    ),
)
ALREADY_IN_GERMANY = Check(
    RESIDENCE_RULE,
    "unknown",
    RESIDENCE_SOURCE,
    Text(
        "Sie sind schon in Deutschland. Ob ein Wechsel zum Sprachkurs möglich ist, "
        "entscheidet die Ausländerbehörde.",
        "You are already in Germany. The foreigners' authority decides whether a "
        "change to a language course is possible.",
    ),
)


def _residence(p: Profile) -> Check:
    if p.residence == "abroad":
        return APPLY_AT_MISSION
    if p.residence is None:
        return RESIDENCE_OPEN
    return ALREADY_IN_GERMANY


DURATION = Text(
    "Visum einige Wochen; Kurs meist mehrere Monate.",
    "Visa a few weeks; the course usually several months.",
)


def evaluate(p: Profile, ctx: C.Context) -> PathwayResult:
    steps = steps_for(KEY, ctx.on, means=ctx.monthly_means)
    sum_ = C.summary(
        steps,
        DURATION,
        needs_recognition=False,
        needs_job_offer=False,
    )
    gate = C.free_movement(KEY, p) or C.not_in_force(KEY, ctx)
    if gate is not None:
        return C.blocked(KEY, TITLE, LEGAL_BASIS, gate, sum_)
    checks = (
        _residence(p),
        means_check(KEY, p, ctx, "§ 16f Abs. 1 AufenthG; § 2 Abs. 3 S. 6 AufenthG"),
        DISCRETION,
    )
    return PathwayResult(KEY, TITLE, LEGAL_BASIS, verdict_of(checks), checks, sum_, steps)
