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


def _nationality(p: Profile) -> Check:
    rule, source = f"{KEY}.nationality", "§ 26 Abs. 2 S. 1 BeschV"
    if p.nationality is None:
        return Check(
            rule,
            "unknown",
            source,
            Text("Ihre Staatsangehörigkeit ist offen.", "Your nationality is open."),
        )
    if p.nationality in P.WESTBALKAN_STATES:
        return Check(
            rule,
            "met",
            source,
            Text(
                "Sie haben die Staatsangehörigkeit eines Westbalkanstaats.",
                "You are a national of a Western Balkan state.",
            ),
        )
    return Check(
        rule,
        "not_met",
        source,
        Text.format(
            "Die Regelung gilt nur für Staatsangehörige von {states}.",
            "The regulation applies only to nationals of {states}.",
            states=STATES,
        ),
    )


def _apply_from_region(p: Profile) -> Check:
    rule, source = f"{KEY}.apply_from_region", "§ 26 Abs. 2 S. 2 BeschV"
    if p.westbalkan_employed_in_germany:
        return Check(
            rule,
            "met",
            source,
            Text(
                "Nur die erste Zustimmung muss in der Region beantragt werden. Sie arbeiten "
                "schon in Deutschland nach der Westbalkanregelung: für einen neuen Arbeitgeber "
                "beantragt dieser eine neue Zustimmung, den Titel ändert die Ausländerbehörde.",
                "Only the first approval must be applied for in the region. You already work in "
                "Germany under the regulation: for a new employer, the employer requests a new "
                "approval and the foreigners' authority amends the title.",
            ),
        )
    fix = Text(
        "Stellen Sie den Antrag bei der deutschen Botschaft in dem Westbalkanstaat, in "
        "dem Sie leben.",
        "Apply at the German mission in the Western Balkan state where you live.",
    )
    if p.residence is not None and p.residence != "abroad":
        return Check(
            rule,
            "not_met",
            source,
            Text(
                "Den ersten Antrag können Sie nicht in Deutschland stellen, sondern "
                "nur bei einer deutschen Auslandsvertretung in einem der sechs Staaten.",
                "The first application cannot be made in Germany, only at a German "
                "mission in one of the six states.",
            ),
            fix,
        )
    if p.residence_country in P.WESTBALKAN_STATES and p.residence == "abroad":
        return Check(
            rule,
            "met",
            source,
            Text(
                "Sie leben in einem Westbalkanstaat und können den Antrag bei der "
                "deutschen Botschaft dort stellen.",
                "You live in a Western Balkan state and can apply at the German mission there.",
            ),
        )
    if p.residence_country is None or p.residence is None:
        return Check(
            rule,
            "unknown",
            source,
            Text(
                "Offen ist, wo Sie leben. Den ersten Antrag stellen Sie bei der "
                "deutschen Botschaft in einem der sechs Staaten.",
                "It is open where you live. The first application goes to the German "
                "mission in one of the six states.",
            ),
        )
    return Check(
        rule,
        "not_met",
        source,
        Text(
            "Den ersten Antrag nehmen nur die deutschen Botschaften in den sechs "
            "Staaten an, und zwar von Menschen, die dort leben.",
            "Only the German missions in the six states take the first application, "
            "from people who live there.",
        ),
        fix,
    )


def _asylum_benefits(p: Profile, options_boundary: str, reference: str) -> Check:
    rule, source = f"{KEY}.asylum_benefits_24_months", "§ 26 Abs. 2 S. 4 BeschV"
    months = p.asylum_benefits_months_ago
    when = Text("vor dem Visumantrag", "before the visa application")
    if reference == "ba_request":
        when = Text("vor dem Antrag auf Vorabzustimmung", "before the request for prior approval")
    if months == NEVER:
        return Check(
            rule,
            "met",
            source,
            Text(
                "Sie haben keine Leistungen nach dem Asylbewerberleistungsgesetz erhalten.",
                "You have not received benefits under the Asylum Seekers' Benefits Act.",
            ),
        )
    if months is None:
        return Check(
            rule,
            "unknown",
            source,
            Text.format(
                "Offen ist, ob Sie in den letzten 24 Monaten {when} Leistungen nach dem "
                "Asylbewerberleistungsgesetz erhalten haben.",
                "It is open whether you received asylum seekers' benefits in the 24 months {when}.",
                when=when,
            ),
        )
    assert isinstance(months, int)
    fix = Text.format(
        "Frühestens in {months} Monaten liegt die letzte Zahlung mehr als 24 Monate zurück.",
        "In {months} months at the earliest, the last payment will be more than 24 months back.",
        months=max(25 - months, 1),
    )
    inside = Check(
        rule,
        "not_met",
        source,
        Text.format(
            "Sie haben in den letzten 24 Monaten {when} Leistungen nach dem "
            "Asylbewerberleistungsgesetz erhalten. Dann ist die Zustimmung ausgeschlossen.",
            "You received asylum seekers' benefits in the 24 months {when}. Approval is then "
            "excluded.",
            when=when,
        ),
        fix,
    )
    outside = Check(
        rule,
        "met",
        source,
        Text(
            "Ihre letzten Leistungen nach dem Asylbewerberleistungsgesetz liegen "
            "mehr als 24 Monate zurück.",
            "Your last asylum seekers' benefits are more than 24 months back.",
        ),
    )
    if months < 24:
        return inside
    if months > 24:
        return outside
    if options_boundary == "inside":
        return inside
    if options_boundary == "outside":
        return outside
    return Check(
        rule,
        "unknown",
        source,
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


def _quota(p: Profile, ctx: C.Context) -> Check:
    quota = f"{ctx.westbalkan_quota:,}"
    source = "§ 26 Abs. 2 S. 3 BeschV"
    if p.westbalkan_employed_in_germany:
        return Check(
            f"{KEY}.quota",
            "met",
            source,
            Text(
                "Das Kontingent zählt nur erste Zustimmungen; eine neue Zustimmung für einen "
                "Arbeitgeberwechsel fällt nicht darunter.",
                "The quota counts only first approvals; a new approval for a change of employer "
                "is not part of it.",
            ),
        )
    used = ctx.quota_exhausted
    if used is not None and (p.nationality is None or p.nationality in used.states):
        day = used.on.strftime("%d.%m.%Y")
        nxt = used.year + 1
        return Check(
            f"{KEY}.quota",
            "unknown",
            source,
            Text.format(
                "Das Kontingent für {year} ist seit dem {day} ausgeschöpft{whom}. Neue Anträge auf "
                "Vorabzustimmung nimmt die Bundesagentur für Arbeit schon an; sie bearbeitet "
                "sie ab dem 1. Januar {nxt}.",
                "The quota for {year} has been used up since {day}{whom}. The employment agency "
                "already accepts new requests for prior approval; it processes them from 1 "
                "January {nxt}.",
                year=used.year,
                nxt=nxt,
                day=Text.value(day, used.on.isoformat()),
                whom=(
                    Text.value("", "")
                    if len(used.states) == 6
                    else Text(" für Ihre Staatsangehörigkeit", " for your nationality")
                ),
            ),
            Text.format(
                "Der Arbeitgeber stellt die Anfrage jetzt; die Arbeit kann frühestens {nxt} "
                "beginnen.",
                "The employer files the request now; work can start in {nxt} at the earliest.",
                nxt=nxt,
            ),
        )
    return Check(
        f"{KEY}.quota",
        "met",
        "§ 26 Abs. 2 S. 3 BeschV",
        Text.format(
            "Es gibt höchstens {quota} erste Zustimmungen im Jahr, verteilt auf monatliche "
            "Kontingente je Staat. Ist das Jahreskontingent erschöpft, lehnt die Bundesagentur "
            "für Arbeit offene Anträge ab; neue Anträge bearbeitet sie ab dem 1. Januar.",
            "There are at most {quota} first approvals a year, in monthly contingents per "
            "state. When the annual quota is used up, the employment agency refuses pending "
            "requests; it handles new requests from 1 January.",
            quota=Text.value(quota.replace(",", "."), quota),
        ),
    )


def evaluate(p: Profile, ctx: C.Context) -> PathwayResult:
    steps = steps_for(KEY, ctx.on, quota=ctx.westbalkan_quota)
    sum_ = C.summary(
        steps,
        Text(
            "Mehrere Monate: Wartezeit auf die Vorabzustimmung im Kontingent, dann einige "
            "Wochen für das Visum.",
            "Several months: waiting for prior approval within the contingent, then a few "
            "weeks for the visa.",
        ),
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
    checks.append(C.discretion(KEY, "§ 19c Abs. 1 AufenthG; § 26 Abs. 2 S. 1 BeschV"))
    if ctx.options.westbalkan_priority_check == "open":
        checks.append(
            Check(
                f"{KEY}.priority_check",
                "unknown",
                "§ 26 Abs. 2 S. 1 BeschV; § 39 Abs. 3 AufenthG",
                Text(
                    "Die Bundesagentur für Arbeit prüft, ob bevorrechtigte Bewerber "
                    "verfügbar sind.",
                    "The employment agency checks whether priority applicants are available.",
                ),
            )
        )
    result = tuple(checks)
    return PathwayResult(KEY, TITLE, LEGAL_BASIS, verdict_of(result), result, sum_, steps)
