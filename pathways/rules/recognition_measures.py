"""Entry for an adaptation training after a notice of partial equivalence (Defizitbescheid).

Legal basis: § 16d Abs. 1 AufenthG (title up to 24 months, at most 3 years; German usually A2;
side work up to 20 hours a week, both since 1 March 2024), § 2 Abs. 3 S. 6 AufenthG (means),
§ 10 Abs. 1 and Abs. 3 S. 1 AufenthG (during and after the asylum procedure).
Figures last checked: 2026-12-02.
"""

from __future__ import annotations

from . import common as C
from .profile import Profile
from .recognition_partnership import german_a2_check
from .results import Check, PathwayResult, verdict_of
from .steps import steps_for
from .texts import Text

KEY = "recognition_measures"
TITLE = Text("Einreise zur Anpassungsqualifizierung", "Entry for adaptation training")
LEGAL_BASIS = "§ 16d Abs. 1 AufenthG"


DEFICIT_RULE = f"{KEY}.deficit_notice"
DEFICIT_SOURCE = "§ 16d Abs. 1 S. 1 AufenthG"
DEFICIT_NOTICE_ISSUED = Check(
    DEFICIT_RULE,
    "met",
    DEFICIT_SOURCE,
    Text(
        "Die Anerkennungsstelle hat festgestellt, welche Kenntnisse noch fehlen (Defizitbescheid).",
        "The recognition body has found which skills are still missing (notice of deficits).",
    ),
)
ALREADY_FULLY_RECOGNISED = Check(
    DEFICIT_RULE,
    "not_met",
    DEFICIT_SOURCE,
    Text(
        "Ihr Abschluss ist schon voll anerkannt. Sie brauchen keine Anpassungsqualifizierung.",
        "Your qualification is already fully recognised. You need no adaptation training.",
    ),
    Text(
        "Nutzen Sie den Weg als Fachkraft (§ 18a, § 18b AufenthG).",
        "Use the skilled-worker route (§ 18a, § 18b AufenthG).",
    ),
)
APPLY_FOR_RECOGNITION = Text(
    "Beantragen Sie die Anerkennung. Stellt die Anerkennungsstelle Lücken fest, "
    "öffnet sich dieser Weg.",
    "Apply for recognition. If the recognition body finds gaps, this route opens.",
)
RECOGNITION_PENDING = Check(
    DEFICIT_RULE,
    "unknown",
    DEFICIT_SOURCE,
    Text(
        "Die Anerkennung läuft noch. Dieser Weg setzt einen Bescheid über "
        "fehlende Kenntnisse voraus.",
        "Recognition is pending. This route needs a notice of missing skills.",
    ),
    APPLY_FOR_RECOGNITION,
)
DEFICIT_NOTICE_OPEN = Check(
    DEFICIT_RULE,
    "unknown",
    DEFICIT_SOURCE,
    Text(
        "Offen ist, ob ein Bescheid über fehlende Kenntnisse vorliegt.",
        "It is open whether there is a notice of missing skills.",
    ),
    APPLY_FOR_RECOGNITION,
)
NO_DEFICIT_NOTICE = Check(
    DEFICIT_RULE,
    "not_met",
    DEFICIT_SOURCE,
    Text(
        "Dieser Weg setzt einen Bescheid der Anerkennungsstelle über fehlende Kenntnisse voraus.",
        "This route needs a recognition body's notice of missing skills.",
    ),
    APPLY_FOR_RECOGNITION,
)


def _deficit_notice(p: Profile) -> Check:
    status = p.recognition
    if status == "partial":
        return DEFICIT_NOTICE_ISSUED
    if status == "full":
        return ALREADY_FULLY_RECOGNISED
    if status == "pending":
        return RECOGNITION_PENDING
    if status is None and p.qualification in (None, "vocational", "academic"):
        return DEFICIT_NOTICE_OPEN
    return NO_DEFICIT_NOTICE


LIVING_COSTS_COVERED = Text("Ihr Lebensunterhalt ist gesichert.", "Your living costs are covered.")


def means_check(key: str, p: Profile, ctx: C.Context, source: str) -> Check:
    rule = f"{key}.means"
    amount = C.eur(ctx.monthly_means)
    if p.means_secured is None:
        return Check(
            rule,
            "unknown",
            source,
            Text.format(
                "Offen ist, ob Ihr Lebensunterhalt gesichert ist ({amount} im Monat).",
                "It is open whether your living costs are covered ({amount} a month).",
                amount=amount,
            ),
        )
    if p.means_secured:
        return Check(rule, "met", source, LIVING_COSTS_COVERED)
    return Check(
        rule,
        "not_met",
        source,
        Text.format(
            "Sie müssen Ihren Lebensunterhalt sichern: {amount} im Monat.",
            "You must cover your living costs: {amount} a month.",
            amount=amount,
        ),
        Text.format(
            "Ein Sperrkonto mit {amount} im Monat, eine Verpflichtungserklärung oder ein "
            "Einkommen in dieser Höhe.",
            "A blocked account with {amount} a month, a formal sponsorship or an income of that "
            "amount.",
            amount=amount,
        ),
    )


DURATION = Text(
    "Bescheid bis zu 3 Monate, dann Visum; Aufenthalt bis zu 24 Monate.",
    "Notice up to 3 months, then visa; stay up to 24 months.",
)
GERMAN_A2_AS_A_RULE = Text("A2 (in der Regel)", "A2 (as a rule)")


def evaluate(p: Profile, ctx: C.Context) -> PathwayResult:
    accelerated = p.employer_uses_accelerated_procedure is True
    steps = steps_for(KEY, ctx.on, accelerated=accelerated)
    sum_ = C.summary(
        steps,
        DURATION,
        needs_recognition=True,
        needs_job_offer=False,
        needs_german=GERMAN_A2_AS_A_RULE,
    )
    gate = C.free_movement(KEY, p) or C.not_in_force(KEY, ctx)
    if gate is not None:
        return C.blocked(KEY, TITLE, LEGAL_BASIS, gate, sum_)
    checks = [
        _deficit_notice(p),
        german_a2_check(KEY, p, "§ 16d Abs. 1 S. 2 Nr. 1 AufenthG", usually=True),
        means_check(KEY, p, ctx, "§ 16d Abs. 1 AufenthG; § 2 Abs. 3 S. 6 AufenthG"),
    ]
    # A person with a Duldung or Gestattung cannot simply be given this title: § 10 Abs. 1 and
    # Abs. 3 S. 1 AufenthG restrict titles during and after the asylum procedure, as for the
    # other work and training titles.
    tolerated = C.tolerated_stay(KEY, p)
    if tolerated is not None:
        checks.append(tolerated)
    result = tuple(checks)
    return PathwayResult(KEY, TITLE, LEGAL_BASIS, verdict_of(result), result, sum_, steps)
