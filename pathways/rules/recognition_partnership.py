"""Anerkennungspartnerschaft: work in Germany while the recognition is carried out.

Legal basis: § 16d Abs. 3 AufenthG (in force since 1 March 2024) with § 2a BeschV: S. 1 Nr. 1
qualification recognised by the issuing state (vocational of at least two years, or a degree),
Nr. 2 job offer, Nr. 3 agreement, Nr. 4 employer suitable for training, Nr. 5 German at least
A2; S. 2-3 a non-qualified job in regulated professions with a collective agreement (or a care
home under § 72 SGB XI). No age-45 rule. "Soll" (a regular entitlement), so no discretion
note. Figures last checked: 2026-12-02.

An agreement not yet signed is an open step (possible), not a failure.
"""

from __future__ import annotations

from . import common as C
from .experience_route import state_recognised_check
from .profile import Profile
from .questions import LEVEL_RANK
from .results import Check, PathwayResult, verdict_of
from .steps import steps_for
from .texts import Text

KEY = "recognition_partnership"
TITLE = Text("Anerkennungspartnerschaft", "Recognition partnership")
LEGAL_BASIS = "§ 16d Abs. 3 AufenthG, § 2a BeschV"
A2 = LEVEL_RANK["A2"]


_A2_OPEN_TEXT = Text(
    "Ihr Deutsch-Niveau ist offen. Nötig ist mindestens A2.",
    "Your German level is open. At least A2 is needed.",
)
_A2_USUALLY_TEXT = Text(
    "In der Regel ist Deutsch auf Niveau A2 nötig. Ob es ohne geht, hängt von der Maßnahme ab.",
    "German at level A2 is usually needed. Whether it works without depends on the training.",
)
_A2_NOT_MET_TEXT = Text(
    "Sie brauchen Deutsch mindestens auf Niveau A2.",
    "You need German at least at level A2.",
)
_A2_FIX = Text(
    "Ein Deutschzertifikat A2, z. B. nach einem Sprachkurs (§ 16f AufenthG). Die "
    "Chancenkarte ist schon mit A1 möglich, wenn Sie 6 Punkte erreichen.",
    "A German A2 certificate, e.g. after a language course (§ 16f AufenthG). The "
    "Chancenkarte is possible with A1 if you reach 6 points.",
)


def german_a2_check(key: str, p: Profile, source: str, *, usually: bool = False) -> Check:
    rule = f"{key}.german_a2"
    rank = p.german_rank
    if rank is None:
        return Check(rule, "unknown", source, _A2_OPEN_TEXT)
    if rank >= A2:
        return Check(
            rule,
            "met",
            source,
            Text.format(
                "Sie haben Deutsch auf Niveau {german_level} (nötig: A2).",
                "You have German at level {german_level} (needed: A2).",
                german_level=p.german_level,
            ),
        )
    if usually:
        return Check(rule, "unknown", source, _A2_USUALLY_TEXT, _A2_FIX)
    return Check(rule, "not_met", source, _A2_NOT_MET_TEXT, _A2_FIX)


_JOB_SOURCE = "§ 16d Abs. 3 S. 1 Nr. 2, S. 2-3 AufenthG; § 2a BeschV"
_ASSISTANT_JOB_MET = Check(
    f"{KEY}.job_offer",
    "met",
    _JOB_SOURCE,
    Text(
        "In einem reglementierten Beruf dürfen Sie bei einem tarifgebundenen "
        "Arbeitgeber zunächst als Hilfskraft arbeiten, wenn Einstufung und Lohn "
        "zum Zielberuf hinführen.",
        "In a regulated profession you may first work as an assistant for an "
        "employer with a collective agreement, if grading and pay lead towards the "
        "target profession.",
    ),
)
_ASSISTANT_JOB_OPEN = Check(
    f"{KEY}.job_offer",
    "unknown",
    _JOB_SOURCE,
    Text(
        "Eine Helfertätigkeit ist nur in reglementierten Berufen bei "
        "tarifgebundenen Arbeitgebern oder Pflegeeinrichtungen möglich. Das "
        "ist offen.",
        "An assistant job is possible only in regulated professions with "
        "employers bound by collective agreements or care homes. That is "
        "open.",
    ),
)
# S. 3: a care home approved under § 72 SGB XI needs no collective agreement; the profile
# cannot say whether the employer is one, so the point stays open.
_ASSISTANT_JOB_CARE_HOME_OPEN = Check(
    f"{KEY}.job_offer",
    "unknown",
    _JOB_SOURCE,
    Text(
        "Eine Helfertätigkeit ist nur in reglementierten Berufen möglich, ohne "
        "Tarifbindung nur in einer nach § 72 SGB XI zugelassenen Pflegeeinrichtung. "
        "Ob Ihr Arbeitgeber eine solche Einrichtung ist, ist offen.",
        "An assistant job is possible only in regulated professions and, without a "
        "collective agreement, only in a care home approved under § 72 SGB XI. "
        "Whether your employer is one is open.",
    ),
    Text(
        "Eine Stelle in einer nach § 72 SGB XI zugelassenen Pflegeeinrichtung oder bei "
        "einem tarifgebundenen Arbeitgeber, deren Einstufung und Lohn zum Zielberuf "
        "hinführen.",
        "A job in a care home approved under § 72 SGB XI or with an employer bound by "
        "a collective agreement, graded and paid towards the target profession.",
    ),
)
_JOB_NOT_QUALIFIED = Check(
    f"{KEY}.job_offer",
    "not_met",
    _JOB_SOURCE,
    Text(
        "Die Stelle muss eine qualifizierte Beschäftigung in Ihrem Berufsfeld sein.",
        "The job must be qualified employment in your occupational field.",
    ),
    Text(
        "Ein Angebot für eine qualifizierte Stelle in Ihrem Beruf.",
        "An offer for a qualified job in your occupation.",
    ),
)


def _job(p: Profile) -> Check:
    if p.job_offer != "unqualified":
        return C.job_offer(KEY, p, qualified=True, source=_JOB_SOURCE)
    if p.regulated_profession and p.employer_collective_agreement:
        return _ASSISTANT_JOB_MET
    if p.regulated_profession is not False and p.employer_collective_agreement is not False:
        return _ASSISTANT_JOB_OPEN
    if p.regulated_profession is not False:
        # S. 3: no collective agreement, possibly a § 72 SGB XI care home (see the constant).
        return _ASSISTANT_JOB_CARE_HOME_OPEN
    return _JOB_NOT_QUALIFIED


_EMPLOYER_SUITABLE_OPEN = Check(
    f"{KEY}.employer_suitable",
    "unknown",
    "§ 16d Abs. 3 S. 1 Nr. 4 AufenthG",
    Text(
        "Offen ist, ob der Arbeitgeber Erfahrung mit Ausbildung oder Nachqualifizierung hat.",
        "It is open whether the employer has experience with training.",
    ),
)
_EMPLOYER_SUITABLE_MET = Check(
    f"{KEY}.employer_suitable",
    "met",
    "§ 16d Abs. 3 S. 1 Nr. 4 AufenthG",
    Text(
        "Der Arbeitgeber ist für Ausbildung oder Nachqualifizierung geeignet.",
        "The employer is suitable for training or further qualification.",
    ),
)
_EMPLOYER_NOT_SUITABLE = Check(
    f"{KEY}.employer_suitable",
    "not_met",
    "§ 16d Abs. 3 S. 1 Nr. 4 AufenthG",
    Text(
        "Der Arbeitgeber muss für Ausbildung oder Nachqualifizierung geeignet sein.",
        "The employer must be suitable for training or further qualification.",
    ),
    Text(
        "Ein Arbeitgeber mit Erfahrung in Ausbildung oder Nachqualifizierung.",
        "An employer with experience in training.",
    ),
)


def _employer_suitable(p: Profile) -> Check:
    if p.employer_suitable_for_training is None:
        return _EMPLOYER_SUITABLE_OPEN
    if p.employer_suitable_for_training:
        return _EMPLOYER_SUITABLE_MET
    return _EMPLOYER_NOT_SUITABLE


_AGREEMENT_SIGNED = Check(
    f"{KEY}.agreement",
    "met",
    "§ 16d Abs. 3 S. 1 Nr. 3 AufenthG",
    Text(
        "Sie haben die Vereinbarung zur Anerkennungspartnerschaft geschlossen.",
        "You have signed the recognition-partnership agreement.",
    ),
)
# Not signed yet: an open step (possible), not a failure.
_AGREEMENT_NOT_YET_SIGNED = Check(
    f"{KEY}.agreement",
    "unknown",
    "§ 16d Abs. 3 S. 1 Nr. 3 AufenthG",
    Text(
        "Die Vereinbarung ist noch nicht geschlossen: Sie beantragen die "
        "Anerkennung spätestens nach der Einreise, der Arbeitgeber ermöglicht die "
        "Qualifizierung.",
        "The agreement is not signed yet: you apply for recognition at the latest "
        "after entry, the employer makes the training possible.",
    ),
    Text(
        "Schließen Sie die Vereinbarung mit dem Arbeitgeber.",
        "Sign the agreement with the employer.",
    ),
)


def _agreement(p: Profile) -> Check:
    if p.recognition_partnership_agreement:
        return _AGREEMENT_SIGNED
    return _AGREEMENT_NOT_YET_SIGNED


_DURATION = Text(
    "Etwa 3 bis 6 Monate bis zur Einreise; Aufenthalt 1 Jahr, bis zu 3 Jahre.",
    "About 3 to 6 months until entry; stay 1 year, up to 3 years.",
)
_GERMAN_A2 = Text("A2", "A2")


def evaluate(p: Profile, ctx: C.Context) -> PathwayResult:
    steps = steps_for(KEY, ctx.on, accelerated=p.employer_uses_accelerated_procedure is True)
    sum_ = C.summary(
        steps,
        _DURATION,
        needs_recognition=False,
        needs_job_offer=True,
        needs_german=_GERMAN_A2,
    )
    gate = C.free_movement(KEY, p) or C.not_in_force(KEY, ctx)
    if gate is not None:
        return C.blocked(KEY, TITLE, LEGAL_BASIS, gate, sum_)
    checks = [
        state_recognised_check(KEY, p, "§ 16d Abs. 3 S. 1 Nr. 1 AufenthG", it_exempt=False),
        german_a2_check(KEY, p, "§ 16d Abs. 3 S. 1 Nr. 5 AufenthG"),
        _job(p),
        _employer_suitable(p),
        _agreement(p),
        C.temp_agency(KEY, p),
    ]
    for extra in (C.minimum_wage(KEY, p, ctx), C.tolerated_stay(KEY, p)):
        if extra is not None:
            checks.append(extra)
    result = tuple(checks)
    return PathwayResult(KEY, TITLE, LEGAL_BASIS, verdict_of(result), result, sum_, steps)
