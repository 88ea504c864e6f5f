"""Conditions shared by several pathways, and the figures in force on the evaluation date.

Legal basis: § 18 Abs. 2 Nr. 1, 3, 5 and § 40 Abs. 1 Nr. 2 AufenthG; § 1 Abs. 2 BeschV;
§ 2 FreizügG/EU. Figures last checked: 2026-01-15.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from . import parameters as P
from .options import RuleOptions
from .profile import Profile
from .results import Check, PathwayResult, Summary
from .steps import Step, Steps
from .texts import Text


@dataclass(frozen=True, slots=True)
class Context:
    """The date, the settings and the figures in force on that date."""

    on: date
    options: RuleOptions
    blue_card_standard: Decimal
    blue_card_reduced: Decimal
    experience_floor: Decimal
    age45_floor: Decimal
    monthly_means: int
    westbalkan_quota: int
    min_points: int | None


@lru_cache(maxsize=256)
def context_for(on: date, options: RuleOptions) -> Context:
    means = P.value_on(P.MONTHLY_MEANS_EUR, on)
    quota = P.value_on(P.WESTBALKAN_QUOTA, on)
    if on.year >= 2026:
        means = options.monthly_means_2026_eur
        quota = options.westbalkan_quota_2026
    points = P.OPPORTUNITY_CARD_MIN_POINTS
    return Context(
        on=on,
        options=options,
        blue_card_standard=P.value_on(P.BLUE_CARD_STANDARD, on),
        blue_card_reduced=P.value_on(P.BLUE_CARD_REDUCED, on),
        experience_floor=P.value_on(P.EXPERIENCE_ROUTE_FLOOR, on),
        age45_floor=P.value_on(P.AGE45_FLOOR, on),
        monthly_means=means,
        westbalkan_quota=quota,
        min_points=P.value_on(points, on) if on >= points[0].valid_from else None,
    )


@lru_cache(maxsize=1024)
def eur(amount: Decimal | int) -> Text:
    """An amount as "45.934,20 €" and "€45,934.20" (whole euros without cents)."""
    value = Decimal(amount)
    whole = value == value.to_integral_value()
    english = f"{int(value):,}" if whole else f"{value:,.2f}"
    german = english.replace(",", "_").replace(".", ",").replace("_", ".")
    return Text(f"{german} €", f"€{english}")


def is_it(profile: Profile) -> bool:
    isco = profile.occupation_isco or ""
    return any(isco.startswith(group) for group in P.IT_ISCO_GROUPS)


def in_shortage_group(profile: Profile, options: RuleOptions) -> bool | None:
    if profile.occupation_isco is None:
        return None
    return any(profile.occupation_isco.startswith(group) for group in options.shortage_occupations)


# --- shared checks ----------------------------------------------------------------------------


def not_in_force(key: str, ctx: Context) -> Check | None:
    start = P.ROUTE_IN_FORCE[key]
    if ctx.on >= start.valid_from:
        return None
    day_de = start.valid_from.strftime("%d.%m.%Y")
    return Check(
        f"{key}.in_force",
        "not_met",
        start.source,
        Text(
            f"Diesen Weg gab es am gewählten Datum noch nicht. Er gilt seit dem {day_de}.",
            f"This route did not exist yet on the chosen date. It applies since "
            f"{start.valid_from.isoformat()}.",
        ),
    )


def free_movement(key: str, profile: Profile) -> Check | None:
    if profile.nationality not in P.FREE_MOVEMENT_STATES:
        return None
    return Check(
        f"{key}.free_movement",
        "not_met",
        "§ 1 Abs. 2 Nr. 1 AufenthG; § 2 FreizügG/EU",
        Text(
            "Als Bürgerin oder Bürger der EU, des EWR oder der Schweiz brauchen Sie keinen "
            "Aufenthaltstitel zum Arbeiten. Sie können direkt eine Arbeit aufnehmen.",
            "As a citizen of the EU, the EEA or Switzerland you need no residence title to "
            "work. You can start work directly.",
        ),
    )


def job_offer(key: str, profile: Profile, *, qualified: bool, source: str) -> Check:
    rule = f"{key}.job_offer"
    offer = profile.job_offer
    if offer is None:
        return Check(
            rule,
            "unknown",
            source,
            Text(
                "Es ist offen, ob Sie ein Arbeitsangebot haben.",
                "It is open whether you have a job offer.",
            ),
        )
    if offer == "qualified" or (offer == "unqualified" and not qualified):
        return Check(
            rule,
            "met",
            source,
            Text("Sie haben ein passendes Arbeitsangebot.", "You have a suitable job offer."),
        )
    if offer == "unqualified":
        return Check(
            rule,
            "not_met",
            source,
            Text(
                "Die Stelle muss eine qualifizierte Beschäftigung sein, für die man "
                "einen Abschluss braucht.",
                "The job must be qualified employment that needs a qualification.",
            ),
            Text(
                "Ein Angebot für eine Stelle, die Ihrem Abschluss entspricht.",
                "An offer for a job that matches your qualification.",
            ),
        )
    return Check(
        rule,
        "not_met",
        source,
        Text(
            "Für diesen Weg brauchen Sie ein konkretes Arbeitsangebot.",
            "This route needs a concrete job offer.",
        ),
        Text(
            "Ein Arbeitsvertrag oder ein verbindliches Arbeitsangebot.",
            "An employment contract or a binding job offer.",
        ),
    )


def temp_agency(key: str, profile: Profile) -> Check:
    rule, source = f"{key}.temp_agency_work", "§ 40 Abs. 1 Nr. 2 AufenthG"
    if profile.temp_agency_work is None:
        return Check(
            rule,
            "unknown",
            source,
            Text(
                "Es ist offen, ob die Stelle Zeitarbeit ist. Für Zeitarbeit darf die "
                "Bundesagentur für Arbeit nicht zustimmen.",
                "It is open whether the job is agency work. The employment agency "
                "must refuse approval for agency work.",
            ),
        )
    if profile.temp_agency_work:
        return Check(
            rule,
            "not_met",
            source,
            Text(
                "Die Bundesagentur für Arbeit muss die Zustimmung für Zeitarbeit "
                "(Leiharbeit) verweigern.",
                "The employment agency must refuse approval for temporary agency work.",
            ),
            Text(
                "Eine Anstellung direkt beim Betrieb statt über eine Zeitarbeitsfirma.",
                "A job directly with the company instead of through an agency.",
            ),
        )
    return Check(
        rule, "met", source, Text("Die Stelle ist keine Zeitarbeit.", "The job is not agency work.")
    )


def regulated(key: str, profile: Profile, *, recognition_is_a_step: bool = False) -> Check:
    """A regulated profession needs the licence to practise (Berufsausübungserlaubnis).

    On the skilled-worker routes the recognition (and with it the licence) is a step of the
    procedure, so "not applied for yet" leaves the check open instead of failing it.
    """
    rule, source = f"{key}.regulated_profession", "§ 18 Abs. 2 Nr. 3 AufenthG"
    if profile.regulated_profession is False or profile.qualification == "none":
        return Check(
            rule,
            "met",
            source,
            Text(
                "Für die Stelle brauchen Sie keine Berufserlaubnis.",
                "The job needs no licence to practise.",
            ),
        )
    if profile.regulated_profession is None:
        return Check(
            rule,
            "unknown",
            source,
            Text(
                "Es ist offen, ob Ihr Beruf in Deutschland reglementiert ist.",
                "It is open whether your profession is regulated in Germany.",
            ),
        )
    if profile.recognition == "full":
        return Check(
            rule,
            "met",
            source,
            Text(
                "Ihr Beruf ist reglementiert und Ihr Abschluss ist anerkannt.",
                "Your profession is regulated and your qualification is recognised.",
            ),
        )
    fix = Text(
        "Die Anerkennung und die Berufserlaubnis, oder zuerst eine "
        "Anerkennungspartnerschaft (§ 16d Abs. 3 AufenthG).",
        "Recognition and the licence to practise, or first a recognition partnership "
        "(§ 16d (3) AufenthG).",
    )
    if profile.recognition == "pending" or (
        recognition_is_a_step and profile.recognition in (None, "none")
    ):
        return Check(
            rule,
            "unknown",
            source,
            Text(
                "Ihr Beruf ist reglementiert. Sie brauchen die Berufserlaubnis; die "
                "Anerkennung läuft noch.",
                "Your profession is regulated. You need the licence to practise; "
                "recognition is still pending.",
            ),
            fix,
        )
    return Check(
        rule,
        "not_met",
        source,
        Text(
            "Ihr Beruf ist in Deutschland reglementiert. Ohne Anerkennung und "
            "Berufserlaubnis dürfen Sie ihn nicht ausüben.",
            "Your profession is regulated in Germany. Without recognition and a "
            "licence you may not practise it.",
        ),
        fix,
    )


def age45(
    key: str, profile: Profile, ctx: Context, *, source: str, narrow_exception: bool = False
) -> Check | None:
    """Salary of at least 55 % BBG or pension proof after the 45th birthday.

    ``narrow_exception``: § 1 Abs. 2 S. 4 BeschV (Westbalkan) allows an exception only in
    justified exceptional cases, and a salary only slightly below does not count (S. 3 excluded).
    """
    rule = f"{key}.age_45"
    if profile.age is None:
        return Check(
            rule,
            "unknown",
            source,
            Text(
                "Ihr Alter ist offen. Ab 45 Jahren gilt eine Mindestgrenze für das Gehalt.",
                "Your age is open. From 45, a minimum salary applies.",
            ),
        )
    if profile.age < 45:
        return None
    floor = eur(ctx.age45_floor)
    salary = profile.annual_salary_eur
    if salary is not None and salary >= ctx.age45_floor:
        return Check(
            rule,
            "met",
            source,
            Text(
                f"Sie sind 45 oder älter und das Gehalt erreicht {floor.de}.",
                f"You are 45 or older and the salary reaches {floor.en}.",
            ),
        )
    raise_fix = Text(
        f"Ein Gehalt von mindestens {floor.de} im Jahr oder der Nachweis einer "
        f"angemessenen Altersversorgung.",
        f"A salary of at least {floor.en} a year, or proof of adequate provision for old age.",
    )
    if salary is None:
        return Check(
            rule,
            "unknown",
            source,
            Text(
                f"Sie sind 45 oder älter. Das Gehalt muss mindestens {floor.de} "
                f"betragen, oder Sie weisen eine Altersversorgung nach.",
                f"You are 45 or older. The salary must be at least {floor.en}, or "
                f"you prove provision for old age.",
            ),
            raise_fix,
        )
    if profile.pension_provision:
        if ctx.options.age45_pension_review == "accept":
            return Check(
                rule,
                "met",
                source,
                Text(
                    "Sie sind 45 oder älter und weisen eine Altersversorgung nach.",
                    "You are 45 or older and prove provision for old age.",
                ),
            )
        return Check(
            rule,
            "unknown",
            source,
            Text(
                "Sie sind 45 oder älter und das Gehalt liegt unter der Grenze. Die "
                "Behörde prüft Ihre Altersversorgung im Einzelfall.",
                "You are 45 or older and the salary is below the threshold. The "
                "authority checks your pension provision case by case.",
            ),
        )
    exception = Text(
        f"Sie sind 45 oder älter, das Gehalt liegt unter {floor.de} und Sie haben keine "
        f"Altersversorgung. Eine Ausnahme gibt es nur in begründeten Ausnahmefällen im "
        f"öffentlichen Interesse; ein nur knapp verfehltes Gehalt reicht dafür nicht.",
        f"You are 45 or older, the salary is below {floor.en} and you have no pension "
        f"provision. An exception exists only in justified exceptional cases in the public "
        f"interest; a salary only slightly below the threshold is not enough.",
    )
    if profile.pension_provision is None:
        return Check(
            rule,
            "unknown",
            source,
            Text(
                f"Sie sind 45 oder älter und das Gehalt liegt unter {floor.de}. Offen "
                f"ist, ob Sie eine Altersversorgung nachweisen können.",
                f"You are 45 or older and the salary is below {floor.en}. It is open "
                f"whether you can prove provision for old age.",
            ),
            raise_fix,
        )
    return Check(
        rule,
        "not_met",
        source,
        exception
        if narrow_exception
        else Text(
            f"Sie sind 45 oder älter, das Gehalt liegt unter {floor.de} und Sie haben "
            f"keine Altersversorgung. Eine Ausnahme gibt es nur im öffentlichen "
            f"Interesse, etwa wenn das Gehalt nur knapp unter der Grenze liegt.",
            f"You are 45 or older, the salary is below {floor.en} and you have no "
            f"pension provision. An exception exists only in the public interest, for "
            f"example if the salary is only slightly below the threshold.",
        ),
        raise_fix,
    )


def tolerated_stay(key: str, profile: Profile) -> Check | None:
    """Duldung or Gestattung: a change to a work title follows special rules."""
    if profile.residence != "germany_duldung_or_gestattung":
        return None
    return Check(
        f"{key}.tolerated_stay",
        "unknown",
        "§ 10 Abs. 3, § 19d AufenthG",
        Text(
            "Mit Duldung oder Aufenthaltsgestattung gelten für einen Wechsel besondere Regeln. "
            "Bitte lassen Sie sich beraten.",
            "With a Duldung or Aufenthaltsgestattung special rules apply to a change of "
            "title. Please seek advice.",
        ),
    )


def summary(
    steps: tuple[Step, ...],
    duration: Text,
    *,
    needs_recognition: bool,
    needs_job_offer: bool,
    needs_german: Text | None = None,
) -> Summary:
    fees = steps.fees_eur if isinstance(steps, Steps) else Steps(steps).fees_eur
    return Summary(duration, fees, needs_recognition, needs_job_offer, needs_german)


def blocked(key: str, title: Text, legal_basis: str, check: Check, sum_: Summary) -> PathwayResult:
    """A result that one check alone decides (route not in force, free movement)."""
    return PathwayResult(key, title, legal_basis, "not_eligible", (check,), sum_)
