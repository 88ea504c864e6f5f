"""Beschleunigtes Fachkräfteverfahren: the employer runs the procedure at the foreigners' office.

Legal basis: § 81a AufenthG (Abs. 1 routes §§ 16a, 16d, 18a, 18b, 18c Abs. 3, 18g; Abs. 5
"sonstige qualifizierte Beschäftigte", read as covering § 19c Abs. 2), § 31a AufenthV,
§ 36 Abs. 2 S. 2 BeschV, § 14a BQFG. Not for the Westbalkanregelung (seed 004, July 2025) nor the
Chancenkarte (§ 20a is not listed, and there is no job). Fee 411 € under § 47 Abs. 1 Nr. 15
AufenthV (checked against the AufenthV text). Figures last checked: 2026-12-02.

The result names in ``via`` the route § 81a would carry: the best open covered route, in the
order Blue Card, skilled worker, experience route, recognition partnership, § 16d Abs. 1.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import common as C
from .profile import Profile
from .results import VERDICT_RANK, Check, PathwayResult, Status, verdict_of
from .steps import steps_for
from .texts import Text

KEY = "accelerated_procedure"
TITLE = Text("Beschleunigtes Fachkräfteverfahren", "Accelerated procedure for skilled workers")
LEGAL_BASIS = "§ 81a AufenthG, § 31a AufenthV"

COVERED = (
    "blue_card",
    "skilled_worker",
    "experience_route",
    "recognition_partnership",
    "recognition_measures",
)
NOT_COVERED = ("westbalkan", "opportunity_card")


def _best_covered(results: Mapping[str, PathwayResult], ctx: C.Context) -> PathwayResult | None:
    covered = [key for key in COVERED if key in results]
    if not ctx.options.accelerated_covers_experience_route:
        covered.remove("experience_route")
    best: PathwayResult | None = None
    for key in covered:
        candidate = results[key]
        if candidate.is_open and (
            best is None or VERDICT_RANK[candidate.verdict] > VERDICT_RANK[best.verdict]
        ):
            best = candidate
    return best


ROUTE_RULE = f"{KEY}.covered_route"
ROUTE_SOURCE = "§ 81a Abs. 1, Abs. 5 AufenthG"
RECOGNITION_OPENS_PROCEDURE = Text(
    "Eine Anerkennung als Fachkraft (§ 18a, § 18b) öffnet das Verfahren, ohne Kontingent.",
    "Recognition as a skilled worker (§ 18a, § 18b) opens the procedure, without a quota.",
)
NO_PURPOSE_TO_SPEED_UP = Check(
    ROUTE_RULE,
    "not_met",
    ROUTE_SOURCE,
    Text(
        "Das Verfahren braucht einen Aufenthaltszweck, den es beschleunigen kann "
        "(z. B. Fachkraft, Blaue Karte EU, Anerkennungspartnerschaft).",
        "The procedure needs a purpose it can speed up (e.g. skilled worker, "
        "Blue Card, recognition partnership).",
    ),
)


def _route(results: Mapping[str, PathwayResult], best: PathwayResult | None) -> Check:
    if best is not None:
        name = best.title
        status: Status = "met" if best.verdict == "eligible" else "unknown"
        return Check(
            ROUTE_RULE,
            status,
            ROUTE_SOURCE,
            Text.format(
                "Das Verfahren kann den Weg „{name}“ ({legal_basis}) beschleunigen.",
                "The procedure can speed up the route '{name}' ({legal_basis}).",
                name=name,
                legal_basis=best.legal_basis,
            ),
        )
    open_elsewhere = [
        results[key].title for key in NOT_COVERED if key in results and results[key].is_open
    ]
    if open_elsewhere:
        return Check(
            ROUTE_RULE,
            "not_met",
            ROUTE_SOURCE,
            Text.format(
                "Offen ist für Sie nur: {names}. Dafür gibt es das beschleunigte "
                "Fachkräfteverfahren nicht.",
                "Only this is open to you: {names}. The accelerated procedure does not cover it.",
                names=Text.join(open_elsewhere, " und ", " and "),
            ),
            RECOGNITION_OPENS_PROCEDURE,
        )
    return NO_PURPOSE_TO_SPEED_UP


EMPLOYER_RULE = f"{KEY}.employer_applies"
EMPLOYER_SOURCE = "§ 81a Abs. 1, Abs. 2 AufenthG"
EMPLOYER_APPLIES = Check(
    EMPLOYER_RULE,
    "met",
    EMPLOYER_SOURCE,
    Text(
        "Der Arbeitgeber will das Verfahren mit Ihrer Vollmacht beantragen.",
        "The employer wants to apply for the procedure with your power of attorney.",
    ),
)
EMPLOYER_MUST_APPLY = Text(
    "Der Arbeitgeber beantragt das Verfahren bei der Ausländerbehörde (Gebühr 411 Euro).",
    "The employer applies to the foreigners' authority (fee 411 euros).",
)
EMPLOYER_INTENT_OPEN = Check(
    EMPLOYER_RULE,
    "unknown",
    EMPLOYER_SOURCE,
    Text(
        "Offen ist, ob der Arbeitgeber das Verfahren beantragen will.",
        "It is open whether the employer wants to apply.",
    ),
    EMPLOYER_MUST_APPLY,
)
EMPLOYER_DECLINES = Check(
    EMPLOYER_RULE,
    "not_met",
    EMPLOYER_SOURCE,
    Text(
        "Nur der Arbeitgeber kann das Verfahren beantragen; er will es nicht.",
        "Only the employer can apply, and the employer does not want to.",
    ),
    EMPLOYER_MUST_APPLY,
)


def _employer(p: Profile) -> Check:
    if p.employer_uses_accelerated_procedure:
        return EMPLOYER_APPLIES
    if p.employer_uses_accelerated_procedure is None:
        return EMPLOYER_INTENT_OPEN
    return EMPLOYER_DECLINES


ABROAD_RULE = f"{KEY}.entry_from_abroad"
ABROAD_SOURCE = "§ 81a Abs. 1 AufenthG"
LIVES_ABROAD = Check(
    ABROAD_RULE,
    "met",
    ABROAD_SOURCE,
    Text("Sie leben im Ausland und wollen einreisen.", "You live abroad and want to enter."),
)
RESIDENCE_OPEN = Check(
    ABROAD_RULE,
    "unknown",
    ABROAD_SOURCE,
    Text(
        "Das Verfahren gilt für die Einreise aus dem Ausland; wo Sie leben, ist offen.",
        "The procedure is for entry from abroad; where you live is open.",
    ),
)
ALREADY_IN_GERMANY = Check(
    ABROAD_RULE,
    "not_met",
    ABROAD_SOURCE,
    Text(
        "Das Verfahren dient der Einreise aus dem Ausland. Sie sind schon in Deutschland.",
        "The procedure serves entry from abroad. You are already in Germany.",
    ),
)


def _abroad(p: Profile) -> Check:
    if p.residence == "abroad":
        return LIVES_ABROAD
    if p.residence is None:
        return RESIDENCE_OPEN
    return ALREADY_IN_GERMANY


DURATION = Text(
    "Etwa 2 Monate Vorbereitung, dann höchstens etwa 4 Monate für Anerkennung und Visum.",
    "About 2 months of preparation, then at most about 4 months for recognition and visa.",
)


def evaluate(p: Profile, ctx: C.Context, results: Mapping[str, PathwayResult]) -> PathwayResult:
    best = _best_covered(results, ctx)
    via = best.key if best is not None else None
    steps = steps_for(
        KEY, ctx.on, via=via or "skilled_worker", academic=p.qualification == "academic"
    )
    sum_ = C.summary(
        steps,
        DURATION,
        needs_recognition=True,
        needs_job_offer=True,
    )
    gate = C.free_movement(KEY, p) or C.not_in_force(KEY, ctx)
    if gate is not None:
        return C.blocked(KEY, TITLE, LEGAL_BASIS, gate, sum_)
    checks = (
        _route(results, best),
        C.job_offer(KEY, p, qualified=False, source="§ 81a Abs. 1 AufenthG"),
        _employer(p),
        _abroad(p),
    )
    return PathwayResult(KEY, TITLE, LEGAL_BASIS, verdict_of(checks), checks, sum_, steps, via=via)
