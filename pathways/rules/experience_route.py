"""Erfahrungssäule: qualified employment on the strength of experience, without recognition.

Legal basis: § 19c Abs. 2 AufenthG with § 6 BeschV (in force since 1 March 2024): Abs. 1 S. 1
Nr. 1 two years' experience in the last five, Nr. 2 salary of 45 % BBG, Nr. 3 a qualification
recognised by the issuing state (vocational of at least two years, or a degree); S. 2 the salary
floor does not apply with a collective agreement; S. 3 IT occupations need no qualification;
§ 1 Abs. 2 BeschV (age 45, with the "slightly below" tolerance of S. 3); § 1 Abs. 2 MiLoG;
discretion ("kann", § 19c Abs. 2 AufenthG). Figures last checked: 2026-12-02.
"""

from __future__ import annotations

from . import common as C
from .profile import Profile
from .results import Check, PathwayResult, verdict_of
from .steps import steps_for
from .texts import Text

KEY = "experience_route"
TITLE = Text("Erfahrungssäule", "Experience route")
LEGAL_BASIS = "§ 19c Abs. 2 AufenthG, § 6 BeschV"


IT_NEEDS_NO_QUALIFICATION = Text(
    "In IT-Berufen brauchen Sie keinen formalen Abschluss.",
    "IT occupations need no formal qualification.",
)
STATE_RECOGNISED_FIX = Text(
    "Eine Berufsausbildung von mindestens 2 Jahren oder ein Studium, staatlich "
    "anerkannt im Herkunftsland (Bestätigung durch die ZAB).",
    "Vocational training of at least 2 years or a degree, recognised by the state "
    "of origin (confirmed by the ZAB).",
)
QUALIFICATION_TOO_SHORT = Text(
    "Sie brauchen eine staatlich anerkannte Berufsausbildung von "
    "mindestens 2 Jahren oder ein Studium.",
    "You need state-recognised vocational training of at least 2 years or a degree.",
)
STATE_RECOGNITION_OPEN = Text(
    "Offen ist, ob Ihr Abschluss im Herkunftsland staatlich anerkannt ist.",
    "It is open whether your qualification is state-recognised where you got it.",
)
STATE_RECOGNISED = Text(
    "Ihr Abschluss ist im Herkunftsland staatlich anerkannt. Eine "
    "Anerkennung in Deutschland brauchen Sie dafür nicht.",
    "Your qualification is state-recognised where you got it. You need "
    "no recognition in Germany for this.",
)
NOT_STATE_RECOGNISED = Text(
    "Ihr Abschluss ist im Herkunftsland nicht staatlich anerkannt.",
    "Your qualification is not state-recognised where you got it.",
)


def state_recognised_check(key: str, p: Profile, source: str, *, it_exempt: bool) -> Check:
    """A qualification recognised by the state where it was obtained (no German recognition)."""
    rule = f"{key}.qualification"
    if it_exempt and C.is_it(p):
        return Check(rule, "met", "§ 6 Abs. 1 S. 3 BeschV", IT_NEEDS_NO_QUALIFICATION)
    if p.qualification in ("none", "vocational_short"):
        return Check(rule, "not_met", source, QUALIFICATION_TOO_SHORT, STATE_RECOGNISED_FIX)
    if p.qualification is None or p.qualification_state_recognised is None:
        return Check(rule, "unknown", source, STATE_RECOGNITION_OPEN, STATE_RECOGNISED_FIX)
    if p.qualification_state_recognised:
        return Check(rule, "met", source, STATE_RECOGNISED)
    return Check(rule, "not_met", source, NOT_STATE_RECOGNISED, STATE_RECOGNISED_FIX)


EXPERIENCE_RULE = f"{KEY}.experience_2_of_5_years"
EXPERIENCE_SOURCE = "§ 6 Abs. 1 S. 1 Nr. 1 BeschV"
EXPERIENCE_OPEN = Check(
    EXPERIENCE_RULE,
    "unknown",
    EXPERIENCE_SOURCE,
    Text(
        "Offen ist, wie viel Berufserfahrung Sie in den letzten 5 Jahren haben.",
        "It is open how much experience you have in the last 5 years.",
    ),
)
TOO_LITTLE_EXPERIENCE = Text(
    "Sie brauchen mindestens 2 Jahre Berufserfahrung in den letzten 5 Jahren.",
    "You need at least 2 years of experience in the last 5 years.",
)


def _experience(p: Profile) -> Check:
    years = p.experience_years_last5
    if years is None:
        return EXPERIENCE_OPEN
    if years >= 2:
        return Check(
            EXPERIENCE_RULE,
            "met",
            EXPERIENCE_SOURCE,
            Text.format(
                "Sie haben {years} Jahre Berufserfahrung in den letzten 5 Jahren (nötig sind 2).",
                "You have {years} years of experience in the last 5 years (2 needed).",
                years=years,
            ),
        )
    return Check(
        EXPERIENCE_RULE,
        "not_met",
        EXPERIENCE_SOURCE,
        TOO_LITTLE_EXPERIENCE,
        Text.format(
            "Noch {n} Jahr(e) Berufserfahrung.",
            "{n} more year(s) of experience.",
            n=2 - years,
        ),
    )


SALARY_RULE = f"{KEY}.salary"
SALARY_SOURCE = "§ 6 Abs. 1 S. 1 Nr. 2, S. 2 BeschV"
SALARY_FLOOR_WAIVED_BY_AGREEMENT = Check(
    SALARY_RULE,
    "met",
    SALARY_SOURCE,
    Text(
        "Der Arbeitgeber ist tarifgebunden und zahlt nach Tarif. Die "
        "Gehaltsgrenze gilt dann nicht.",
        "The employer is bound by a collective agreement and pays by it. The "
        "salary floor does not apply then.",
    ),
)


def _salary(p: Profile, ctx: C.Context) -> Check:
    floor = C.eur(ctx.experience_floor)
    if p.employer_collective_agreement:
        return SALARY_FLOOR_WAIVED_BY_AGREEMENT
    salary = p.annual_salary_eur
    reach = (
        C.compare(salary, ctx.experience_floor, "experience_floor", ctx)
        if salary is not None
        else None
    )
    if reach == "maybe":
        return Check(SALARY_RULE, "unknown", SALARY_SOURCE, C.unpublished(floor, ctx))
    if reach == "yes":
        return Check(
            SALARY_RULE,
            "met",
            SALARY_SOURCE,
            Text.format(
                "Das Gehalt erreicht die Grenze von {floor}.",
                "The salary reaches the threshold of {floor}.",
                floor=floor,
            ),
        )
    fix = Text.format(
        "Ein Gehalt von mindestens {floor} im Jahr oder ein tarifgebundener Arbeitgeber, der "
        "nach Tarif zahlt.",
        "A salary of at least {floor} a year, or an employer that pays by a collective agreement.",
        floor=floor,
    )
    if salary is None or p.employer_collective_agreement is None:
        return Check(
            SALARY_RULE,
            "unknown",
            SALARY_SOURCE,
            Text.format(
                "Das Gehalt muss mindestens {floor} betragen, außer der Arbeitgeber zahlt nach "
                "Tarifvertrag. Das ist noch offen.",
                "The salary must be at least {floor} unless the employer pays by a collective "
                "agreement. That is still open.",
                floor=floor,
            ),
            fix,
        )
    return Check(
        SALARY_RULE,
        "not_met",
        SALARY_SOURCE,
        Text.format(
            "Das Gehalt liegt unter {floor} und der Arbeitgeber zahlt nicht nach Tarif.",
            "The salary is below {floor} and the employer does not pay by a collective agreement.",
            floor=floor,
        ),
        fix,
    )


DURATION = Text(
    "Etwa 3 bis 5 Monate: Bestätigung der ZAB, dann Termin und Visum.",
    "About 3 to 5 months: ZAB confirmation, then appointment and visa.",
)
DISCRETION = C.discretion(KEY, "§ 19c Abs. 2 AufenthG; § 6 Abs. 1 BeschV")


def evaluate(p: Profile, ctx: C.Context) -> PathwayResult:
    accelerated = p.employer_uses_accelerated_procedure is True
    steps = steps_for(KEY, ctx.on, accelerated=accelerated)
    sum_ = C.summary(
        steps,
        DURATION,
        needs_recognition=False,
        needs_job_offer=True,
    )
    gate = C.free_movement(KEY, p) or C.not_in_force(KEY, ctx)
    if gate is not None:
        return C.blocked(KEY, TITLE, LEGAL_BASIS, gate, sum_)
    checks = [
        state_recognised_check(KEY, p, "§ 6 Abs. 1 S. 1 Nr. 3 BeschV", it_exempt=True),
        _experience(p),
        C.job_offer(KEY, p, qualified=True, source="§ 19c Abs. 2 AufenthG; § 6 Abs. 1 BeschV"),
        _salary(p, ctx),
        C.regulated(KEY, p),
        C.temp_agency(KEY, p),
    ]
    for extra in (
        C.age45(KEY, p, ctx, source="§ 1 Abs. 2 S. 1-3 BeschV"),
        C.minimum_wage(KEY, p, ctx),
        C.tolerated_stay(KEY, p),
    ):
        if extra is not None:
            checks.append(extra)
    checks.append(DISCRETION)
    result = tuple(checks)
    return PathwayResult(KEY, TITLE, LEGAL_BASIS, verdict_of(result), result, sum_, steps)
