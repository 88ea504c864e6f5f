"""Skilled worker with vocational training or a degree (Fachkraft).

Legal basis: § 18 Abs. 2 and 3, § 18a, § 18b AufenthG; § 39 Abs. 2 AufenthG (BA approval without
Vorrangprüfung); § 40 Abs. 1 Nr. 2 AufenthG; § 18 Abs. 2 Nr. 5 AufenthG (age 45); § 1 Abs. 2
MiLoG (minimum wage). Figures last checked: 2026-12-02.

§ 18 Abs. 3 Nr. 1: a foreign qualification found equivalent ("gleichwertig") to a German
qualified training makes a Fachkraft, whatever the length of the foreign course; only without
such a notice does the two-year minimum of § 2 Abs. 12a decide.

Recognition not yet applied for counts as open (possible), not as failed: the recognition is a
step of the procedure (under § 81a the foreigners' authority starts it). A notice of partial
equivalence fails the route; § 16d Abs. 1 or the recognition partnership then lead on.
"""

from __future__ import annotations

from . import common as C
from .profile import Profile
from .results import Check, PathwayResult, verdict_of
from .steps import steps_for
from .texts import Text

KEY = "skilled_worker"
TITLE = Text(
    "Fachkraft mit Berufsausbildung oder Studium",
    "Skilled worker with vocational training or a degree",
)
LEGAL_BASIS = "§§ 18, 18a, 18b AufenthG"


_QUALIFICATION_SOURCE = "§ 18 Abs. 3 AufenthG"
_QUALIFICATION_EQUIVALENCE_SOURCE = "§ 18 Abs. 3 Nr. 1 AufenthG"
_QUALIFICATION_OPEN = Text("Ihr Abschluss ist offen.", "Your qualification is open.")
_SHORT_TRAINING_RECOGNISED = Text(
    "Ihre Ausbildung dauerte unter 2 Jahren, ist aber als gleichwertig anerkannt. "
    "Damit sind Sie Fachkraft.",
    "Your training took less than 2 years but is recognised as equivalent. That "
    "makes you a skilled worker.",
)
# § 18 Abs. 3 Nr. 1: equivalence, not the length of the course, decides; a running
# procedure (or a notice the person is unsure of) can still mean full equivalence.
_SHORT_TRAINING_EQUIVALENCE_OPEN = Text(
    "Ihre Ausbildung dauerte unter 2 Jahren. Fachkraft sind Sie nur, wenn die "
    "Anerkennung die volle Gleichwertigkeit feststellt. Das ist noch offen.",
    "Your training took less than 2 years. You are a skilled worker only if "
    "recognition finds full equivalence. That is still open.",
)
_QUALIFICATION_MET = Text(
    "Sie haben eine Berufsausbildung von mindestens 2 Jahren oder ein Studium.",
    "You have vocational training of at least 2 years or a degree.",
)
_QUALIFICATION_NOT_MET = Text(
    "Fachkraft ist, wer eine Berufsausbildung von mindestens 2 Jahren oder ein "
    "Studium hat, das in Deutschland anerkannt ist, oder eine Ausbildung, die als "
    "gleichwertig anerkannt ist.",
    "A skilled worker has vocational training of at least 2 years or a degree "
    "that is recognised in Germany, or training recognised as equivalent.",
)
_QUALIFICATION_FIX = Text(
    "Eine Berufsausbildung von mindestens 2 Jahren oder ein Studium, oder ein "
    "Bescheid über die volle Gleichwertigkeit.",
    "Vocational training of at least 2 years or a degree, or a notice of full equivalence.",
)


def qualification_check(key: str, p: Profile) -> Check:
    rule = f"{key}.qualification"
    if p.qualification is None:
        return Check(rule, "unknown", _QUALIFICATION_SOURCE, _QUALIFICATION_OPEN)
    if p.qualification == "vocational_short" and p.recognition == "full":
        return Check(rule, "met", _QUALIFICATION_EQUIVALENCE_SOURCE, _SHORT_TRAINING_RECOGNISED)
    if p.qualification == "vocational_short" and p.recognition in (None, "pending"):
        # § 18 Abs. 3 Nr. 1: equivalence decides, still open (see the constant).
        return Check(
            rule, "unknown", _QUALIFICATION_EQUIVALENCE_SOURCE, _SHORT_TRAINING_EQUIVALENCE_OPEN
        )
    if p.qualification in ("vocational", "academic"):
        return Check(rule, "met", _QUALIFICATION_SOURCE, _QUALIFICATION_MET)
    return Check(rule, "not_met", _QUALIFICATION_SOURCE, _QUALIFICATION_NOT_MET, _QUALIFICATION_FIX)


_RECOGNITION_APPLY = Text(
    "Beantragen Sie die Anerkennung (Anerkennungs-Finder) oder prüfen Sie "
    "Ihren Hochschulabschluss in anabin.",
    "Apply for recognition (Anerkennungs-Finder) or check your degree in anabin.",
)
_RECOGNITION_FULL = Text(
    "Ihr Abschluss ist in Deutschland voll anerkannt oder vergleichbar.",
    "Your qualification is fully recognised or comparable in Germany.",
)
_RECOGNITION_PENDING = Text(
    "Die Anerkennung läuft noch. Sie brauchen die volle Gleichwertigkeit.",
    "Recognition is pending. You need full equivalence.",
)
_RECOGNITION_PARTIAL = Text(
    "Ihr Abschluss ist nur teilweise anerkannt. Sie brauchen die volle Gleichwertigkeit.",
    "Your qualification is only partly recognised. You need full equivalence.",
)
_RECOGNITION_PARTIAL_FIX = Text(
    "Eine Anpassungsqualifizierung (§ 16d Abs. 1 AufenthG) oder eine "
    "Anerkennungspartnerschaft schließt die Lücken.",
    "Adaptation training (§ 16d (1) AufenthG) or a recognition partnership closes the gaps.",
)
_RECOGNITION_NONE = Text(
    "Ihr Abschluss ist noch nicht anerkannt. Die Anerkennung ist ein "
    "Schritt vor dem Visum; im beschleunigten Verfahren beantragt sie die "
    "Ausländerbehörde.",
    "Your qualification is not recognised yet. Recognition is a step "
    "before the visa; in the accelerated procedure the foreigners' "
    "authority applies for it.",
)
_RECOGNITION_OPEN = Text(
    "Offen ist, ob Ihr Abschluss in Deutschland anerkannt ist.",
    "It is open whether your qualification is recognised in Germany.",
)


def recognition_check(key: str, p: Profile, source: str) -> Check:
    rule = f"{key}.recognition"
    status = p.recognition
    if status == "full":
        return Check(rule, "met", source, _RECOGNITION_FULL)
    if status == "pending":
        return Check(rule, "unknown", source, _RECOGNITION_PENDING)
    if status == "partial":
        return Check(rule, "not_met", source, _RECOGNITION_PARTIAL, _RECOGNITION_PARTIAL_FIX)
    if status == "none":
        return Check(rule, "unknown", source, _RECOGNITION_NONE, _RECOGNITION_APPLY)
    return Check(rule, "unknown", source, _RECOGNITION_OPEN, _RECOGNITION_APPLY)


_DURATION_ACCELERATED = Text(
    "Etwa 2 Monate Vorbereitung, dann höchstens etwa 4 Monate für Anerkennung und Visum.",
    "About 2 months of preparation, then at most about 4 months for recognition and visa.",
)
_DURATION = Text(
    "Etwa 4 bis 8 Monate: Anerkennung bis zu 3 Monate, dann Termin und Visum.",
    "About 4 to 8 months: recognition up to 3 months, then appointment and visa.",
)
_RECOGNITION_SOURCE = "§ 18 Abs. 2 Nr. 4 AufenthG; §§ 18a, 18b AufenthG"
_JOB_OFFER_SOURCE = "§ 18 Abs. 2 Nr. 1 AufenthG; § 2 Abs. 12b AufenthG"
_AGE45_SOURCE = "§ 18 Abs. 2 Nr. 5 AufenthG"


def evaluate(p: Profile, ctx: C.Context) -> PathwayResult:
    accelerated = p.employer_uses_accelerated_procedure is True
    steps = steps_for(KEY, ctx.on, accelerated=accelerated, academic=p.qualification == "academic")
    sum_ = C.summary(
        steps,
        _DURATION_ACCELERATED if accelerated else _DURATION,
        needs_recognition=True,
        needs_job_offer=True,
    )
    gate = C.free_movement(KEY, p) or C.not_in_force(KEY, ctx)
    if gate is not None:
        return C.blocked(KEY, TITLE, LEGAL_BASIS, gate, sum_)
    checks = [
        qualification_check(KEY, p),
        recognition_check(KEY, p, _RECOGNITION_SOURCE),
        C.job_offer(KEY, p, qualified=True, source=_JOB_OFFER_SOURCE),
        C.regulated(KEY, p, recognition_is_a_step=True),
        C.temp_agency(KEY, p),
    ]
    for extra in (
        C.age45(KEY, p, ctx, source=_AGE45_SOURCE),
        C.minimum_wage(KEY, p, ctx),
        C.tolerated_stay(KEY, p),
    ):
        if extra is not None:
            checks.append(extra)
    result = tuple(checks)
    return PathwayResult(KEY, TITLE, LEGAL_BASIS, verdict_of(result), result, sum_, steps)
