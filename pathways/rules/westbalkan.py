"""Westbalkanregelung: any employment for nationals of the six Western Balkan states.

Legal basis: § 19c Abs. 1 AufenthG with § 26 Abs. 2 BeschV (version since 1 June 2024):
S. 1 any employment ("können ... erteilt werden", discretion), S. 2 the FIRST approval only with
an application at a mission in the six states, S. 3 at most 50,000 first approvals a year, S. 4
no AsylbLG benefits in the 24 months before the application; § 1 Abs. 2 BeschV (age 45, only for
the first approval, narrow exception S. 4); § 40 Abs. 1 Nr. 2 AufenthG (agency work); § 18 Abs. 2
Nr. 3 AufenthG (licence, where the offered job needs one); § 1 Abs. 2 MiLoG. Not combinable with
§ 81a (seed 004, July 2025). Figures last checked: 2026-12-02.

Someone already working in Germany under the rule (``westbalkan_employed_in_germany``) needs a
new, not a first, approval for a new employer: no application in the region, no quota, no age
rule; the AsylbLG bar (S. 4) still applies to every approval.
"""

from __future__ import annotations

from functools import lru_cache

from . import common as C
from . import parameters as P
from .profile import NEVER, Profile
from .results import Check, PathwayResult, verdict_of
from .steps import steps_for
from .texts import Text

KEY = "westbalkan"
TITLE = Text("Westbalkanregelung", "Western Balkans regulation")
LEGAL_BASIS = "§ 19c Abs. 1 AufenthG, § 26 Abs. 2 BeschV"
STATES = Text(
    "Albanien, Bosnien und Herzegowina, Kosovo, Montenegro, Nordmazedonien, Serbien",
    "Albania, Bosnia and Herzegovina, Kosovo, Montenegro, North Macedonia, Serbia",
)


_NATIONALITY_RULE = f"{KEY}.nationality"
_NATIONALITY_SOURCE = "§ 26 Abs. 2 S. 1 BeschV"
_NATIONALITY_OPEN = Check(
    _NATIONALITY_RULE,
    "unknown",
    _NATIONALITY_SOURCE,
    Text("Ihre Staatsangehörigkeit ist offen.", "Your nationality is open."),
)
_NATIONALITY_MET = Check(
    _NATIONALITY_RULE,
    "met",
    _NATIONALITY_SOURCE,
    Text(
        "Sie haben die Staatsangehörigkeit eines Westbalkanstaats.",
        "You are a national of a Western Balkan state.",
    ),
)
_NATIONALITY_NOT_MET = Check(
    _NATIONALITY_RULE,
    "not_met",
    _NATIONALITY_SOURCE,
    Text.format(
        "Die Regelung gilt nur für Staatsangehörige von {states}.",
        "The regulation applies only to nationals of {states}.",
        states=STATES,
    ),
)


def _nationality(p: Profile) -> Check:
    if p.nationality is None:
        return _NATIONALITY_OPEN
    if p.nationality in P.WESTBALKAN_STATES:
        return _NATIONALITY_MET
    return _NATIONALITY_NOT_MET


# § 26 Abs. 2 S. 2 BeschV: only the FIRST approval needs an application at a mission in the region.
_REGION_RULE = f"{KEY}.apply_from_region"
_REGION_SOURCE = "§ 26 Abs. 2 S. 2 BeschV"
_REGION_NEW_APPROVAL_MET = Check(
    _REGION_RULE,
    "met",
    _REGION_SOURCE,
    Text(
        "Nur die erste Zustimmung muss in der Region beantragt werden. Sie arbeiten "
        "schon in Deutschland nach der Westbalkanregelung: für einen neuen Arbeitgeber "
        "beantragt dieser eine neue Zustimmung, den Titel ändert die Ausländerbehörde.",
        "Only the first approval must be applied for in the region. You already work in "
        "Germany under the regulation: for a new employer, the employer requests a new "
        "approval and the foreigners' authority amends the title.",
    ),
)
_REGION_FIX = Text(
    "Stellen Sie den Antrag bei der deutschen Botschaft in dem Westbalkanstaat, in dem Sie leben.",
    "Apply at the German mission in the Western Balkan state where you live.",
)
_REGION_NOT_FROM_GERMANY = Check(
    _REGION_RULE,
    "not_met",
    _REGION_SOURCE,
    Text(
        "Den ersten Antrag können Sie nicht in Deutschland stellen, sondern "
        "nur bei einer deutschen Auslandsvertretung in einem der sechs Staaten.",
        "The first application cannot be made in Germany, only at a German "
        "mission in one of the six states.",
    ),
    _REGION_FIX,
)
_REGION_LIVES_THERE_MET = Check(
    _REGION_RULE,
    "met",
    _REGION_SOURCE,
    Text(
        "Sie leben in einem Westbalkanstaat und können den Antrag bei der "
        "deutschen Botschaft dort stellen.",
        "You live in a Western Balkan state and can apply at the German mission there.",
    ),
)
_REGION_OPEN = Check(
    _REGION_RULE,
    "unknown",
    _REGION_SOURCE,
    Text(
        "Offen ist, wo Sie leben. Den ersten Antrag stellen Sie bei der "
        "deutschen Botschaft in einem der sechs Staaten.",
        "It is open where you live. The first application goes to the German "
        "mission in one of the six states.",
    ),
)
_REGION_NOT_MET = Check(
    _REGION_RULE,
    "not_met",
    _REGION_SOURCE,
    Text(
        "Den ersten Antrag nehmen nur die deutschen Botschaften in den sechs "
        "Staaten an, und zwar von Menschen, die dort leben.",
        "Only the German missions in the six states take the first application, "
        "from people who live there.",
    ),
    _REGION_FIX,
)


def _apply_from_region(p: Profile) -> Check:
    if p.westbalkan_employed_in_germany:
        return _REGION_NEW_APPROVAL_MET
    if p.residence is not None and p.residence != "abroad":
        return _REGION_NOT_FROM_GERMANY
    if p.residence_country in P.WESTBALKAN_STATES and p.residence == "abroad":
        return _REGION_LIVES_THERE_MET
    if p.residence_country is None or p.residence is None:
        return _REGION_OPEN
    return _REGION_NOT_MET


# § 26 Abs. 2 S. 4 BeschV: no AsylbLG benefits in the 24 months before the application.
_ASYLUM_RULE = f"{KEY}.asylum_benefits_24_months"
_ASYLUM_SOURCE = "§ 26 Abs. 2 S. 4 BeschV"
_WHEN_VISA_APPLICATION = Text("vor dem Visumantrag", "before the visa application")
_WHEN_BA_REQUEST = Text(
    "vor dem Antrag auf Vorabzustimmung", "before the request for prior approval"
)
_ASYLUM_NEVER_MET = Check(
    _ASYLUM_RULE,
    "met",
    _ASYLUM_SOURCE,
    Text(
        "Sie haben keine Leistungen nach dem Asylbewerberleistungsgesetz erhalten.",
        "You have not received benefits under the Asylum Seekers' Benefits Act.",
    ),
)
_ASYLUM_OPEN = Text(
    "Offen ist, ob Sie in den letzten 24 Monaten {when} Leistungen nach dem "
    "Asylbewerberleistungsgesetz erhalten haben.",
    "It is open whether you received asylum seekers' benefits in the 24 months {when}.",
)
_ASYLUM_WAIT_FIX = Text(
    "Frühestens in {months} Monaten liegt die letzte Zahlung mehr als 24 Monate zurück.",
    "In {months} months at the earliest, the last payment will be more than 24 months back.",
)
_ASYLUM_INSIDE = Text(
    "Sie haben in den letzten 24 Monaten {when} Leistungen nach dem "
    "Asylbewerberleistungsgesetz erhalten. Dann ist die Zustimmung ausgeschlossen.",
    "You received asylum seekers' benefits in the 24 months {when}. Approval is then excluded.",
)
_ASYLUM_OUTSIDE_MET = Check(
    _ASYLUM_RULE,
    "met",
    _ASYLUM_SOURCE,
    Text(
        "Ihre letzten Leistungen nach dem Asylbewerberleistungsgesetz liegen "
        "mehr als 24 Monate zurück.",
        "Your last asylum seekers' benefits are more than 24 months back.",
    ),
)
_ASYLUM_EXACTLY_24_OPEN = Check(
    _ASYLUM_RULE,
    "unknown",
    _ASYLUM_SOURCE,
    Text(
        "Ihre letzte Zahlung liegt genau 24 Monate zurück. Ob sie noch im Zeitraum "
        "liegt, hängt vom genauen Datum ab. Bitte prüfen Sie das Datum der letzten "
        "Zahlung.",
        "Your last payment was exactly 24 months ago. Whether it is still inside "
        "the period depends on the exact date. Please check the date of the last "
        "payment.",
    ),
    Text(
        "Warten Sie einen Monat, dann liegt die Zahlung sicher außerhalb.",
        "Wait one month; then the payment is safely outside the period.",
    ),
)


@lru_cache(maxsize=4)
def _asylum_open(when: Text) -> Check:
    """The months are open: one check per window reference (it depends on no answer)."""
    return Check(_ASYLUM_RULE, "unknown", _ASYLUM_SOURCE, _ASYLUM_OPEN.fill(when=when))


def _asylum_inside(months: int, when: Text) -> Check:
    """The last payment lies inside the 24 months: approval excluded, with when it ends."""
    return Check(
        _ASYLUM_RULE,
        "not_met",
        _ASYLUM_SOURCE,
        _ASYLUM_INSIDE.fill(when=when),
        _ASYLUM_WAIT_FIX.fill(months=max(25 - months, 1)),
    )


def _asylum_benefits(p: Profile, options_boundary: str, reference: str) -> Check:
    months = p.asylum_benefits_months_ago
    when = _WHEN_VISA_APPLICATION
    if reference == "ba_request":
        when = _WHEN_BA_REQUEST
    if months == NEVER:
        return _ASYLUM_NEVER_MET
    if months is None:
        return _asylum_open(when)
    assert isinstance(months, int)
    if months < 24:
        return _asylum_inside(months, when)
    if months > 24:
        return _ASYLUM_OUTSIDE_MET
    if options_boundary == "inside":
        return _asylum_inside(months, when)
    if options_boundary == "outside":
        return _ASYLUM_OUTSIDE_MET
    return _ASYLUM_EXACTLY_24_OPEN


# § 26 Abs. 2 S. 3 BeschV: at most the annual quota of FIRST approvals.
_QUOTA_RULE = f"{KEY}.quota"
_QUOTA_SOURCE = "§ 26 Abs. 2 S. 3 BeschV"
_QUOTA_NEW_APPROVAL_MET = Check(
    _QUOTA_RULE,
    "met",
    _QUOTA_SOURCE,
    Text(
        "Das Kontingent zählt nur erste Zustimmungen; eine neue Zustimmung für einen "
        "Arbeitgeberwechsel fällt nicht darunter.",
        "The quota counts only first approvals; a new approval for a change of employer "
        "is not part of it.",
    ),
)
_QUOTA_EXHAUSTED = Text(
    "Das Kontingent für {year} ist seit dem {day} ausgeschöpft{whom}. Neue Anträge auf "
    "Vorabzustimmung nimmt die Bundesagentur für Arbeit schon an; sie bearbeitet "
    "sie ab dem 1. Januar {nxt}.",
    "The quota for {year} has been used up since {day}{whom}. The employment agency "
    "already accepts new requests for prior approval; it processes them from 1 "
    "January {nxt}.",
)
_WHOM_ALL_STATES = Text.value("", "")
_WHOM_YOUR_NATIONALITY = Text(" für Ihre Staatsangehörigkeit", " for your nationality")
_QUOTA_EXHAUSTED_FIX = Text(
    "Der Arbeitgeber stellt die Anfrage jetzt; die Arbeit kann frühestens {nxt} beginnen.",
    "The employer files the request now; work can start in {nxt} at the earliest.",
)
_QUOTA_MET = Text(
    "Es gibt höchstens {quota} erste Zustimmungen im Jahr, verteilt auf monatliche "
    "Kontingente je Staat. Ist das Jahreskontingent erschöpft, lehnt die Bundesagentur "
    "für Arbeit offene Anträge ab; neue Anträge bearbeitet sie ab dem 1. Januar.",
    "There are at most {quota} first approvals a year, in monthly contingents per "
    "state. When the annual quota is used up, the employment agency refuses pending "
    "requests; it handles new requests from 1 January.",
)


@lru_cache(maxsize=16)
def _quota_met(westbalkan_quota: int) -> Check:
    """The quota check while the quota is open: one per quota figure (it depends on no answer)."""
    quota = f"{westbalkan_quota:,}"
    return Check(
        _QUOTA_RULE,
        "met",
        _QUOTA_SOURCE,
        _QUOTA_MET.fill(quota=Text.value(quota.replace(",", "."), quota)),
    )


def _quota(p: Profile, ctx: C.Context) -> Check:
    if p.westbalkan_employed_in_germany:
        return _QUOTA_NEW_APPROVAL_MET
    used = ctx.quota_exhausted
    if used is not None and (p.nationality is None or p.nationality in used.states):
        day = used.on.strftime("%d.%m.%Y")
        nxt = used.year + 1
        return Check(
            _QUOTA_RULE,
            "unknown",
            _QUOTA_SOURCE,
            _QUOTA_EXHAUSTED.fill(
                year=used.year,
                nxt=nxt,
                day=Text.value(day, used.on.isoformat()),
                whom=_WHOM_ALL_STATES if len(used.states) == 6 else _WHOM_YOUR_NATIONALITY,
            ),
            _QUOTA_EXHAUSTED_FIX.fill(nxt=nxt),
        )
    return _quota_met(ctx.westbalkan_quota)


_DURATION = Text(
    "Mehrere Monate: Wartezeit auf die Vorabzustimmung im Kontingent, dann einige "
    "Wochen für das Visum.",
    "Several months: waiting for prior approval within the contingent, then a few "
    "weeks for the visa.",
)
# § 19c Abs. 1 AufenthG ("können ... erteilt werden") with § 26 Abs. 2 S. 1 BeschV: discretion.
_DISCRETION = C.discretion(KEY, "§ 19c Abs. 1 AufenthG; § 26 Abs. 2 S. 1 BeschV")
# § 39 Abs. 3 AufenthG: whether the BA runs a priority check here is a setting (open by default).
_PRIORITY_CHECK_OPEN = Check(
    f"{KEY}.priority_check",
    "unknown",
    "§ 26 Abs. 2 S. 1 BeschV; § 39 Abs. 3 AufenthG",
    Text(
        "Die Bundesagentur für Arbeit prüft, ob bevorrechtigte Bewerber verfügbar sind.",
        "The employment agency checks whether priority applicants are available.",
    ),
)


def evaluate(p: Profile, ctx: C.Context) -> PathwayResult:
    steps = steps_for(KEY, ctx.on, quota=ctx.westbalkan_quota)
    sum_ = C.summary(
        steps,
        _DURATION,
        needs_recognition=C.licence_needed(p) is True,
        needs_job_offer=True,
    )
    gate = C.free_movement(KEY, p) or C.not_in_force(KEY, ctx)
    if gate is not None:
        return C.blocked(KEY, TITLE, LEGAL_BASIS, gate, sum_)
    checks = [
        _nationality(p),
        _apply_from_region(p),
        _asylum_benefits(
            p, ctx.options.asylbl_boundary_24_months, ctx.options.asylbl_window_reference
        ),
        C.job_offer(KEY, p, qualified=False, source="§ 26 Abs. 2 S. 1 BeschV"),
        C.temp_agency(KEY, p),
        C.regulated(KEY, p),
    ]
    # § 1 Abs. 2 S. 1 BeschV: the age rule is a condition of the first approval only.
    age = None
    if not p.westbalkan_employed_in_germany:
        age = C.age45(KEY, p, ctx, source="§ 1 Abs. 2 S. 1, S. 4 BeschV", narrow_exception=True)
    for extra in (age, C.minimum_wage(KEY, p, ctx)):
        if extra is not None:
            checks.append(extra)
    checks.append(_quota(p, ctx))
    checks.append(_DISCRETION)
    if ctx.options.westbalkan_priority_check == "open":
        checks.append(_PRIORITY_CHECK_OPEN)
    result = tuple(checks)
    return PathwayResult(KEY, TITLE, LEGAL_BASIS, verdict_of(result), result, sum_, steps)
