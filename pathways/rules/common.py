"""Conditions shared by several pathways, and the figures in force on the evaluation date.

Legal basis: § 18 Abs. 2 Nr. 1, 3, 5 and § 40 Abs. 1 Nr. 2 AufenthG; § 1 Abs. 2 BeschV;
§ 1 Abs. 2 MiLoG; § 2 FreizügG/EU. Figures last checked: 2026-12-02.

Figures past their ``known_until`` date are used as the best guess; the context lists them in
``notices`` and ``compare`` leaves a salary open that the next year's rise could overtake.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Literal

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
    minimum_wage_hourly: Decimal
    # Figures used past their known_until date: name -> (year asked for, year of the value).
    stale: tuple[tuple[str, int, int], ...] = ()
    # Westbalkan quota: the day this year's quota was used up, and for whom; None if not.
    quota_exhausted: P.QuotaExhausted | None = None

    def is_stale(self, figure: str) -> bool:
        return any(name == figure for name, _, _ in self.stale)

    @property
    def notices(self) -> tuple[Text, ...]:
        """One sentence per year whose figures are not published yet, naming them."""
        by_year: dict[tuple[int, int], list[str]] = {}
        for name, year, used in self.stale:
            by_year.setdefault((year, used), []).append(name)
        notices = []
        for (year, used), names in sorted(by_year.items()):
            notices.append(
                Text.format(
                    "Die Zahlen für {year} sind noch nicht veröffentlicht; entschieden mit "
                    "denen von {used} ({figures}). Ein Gehalt knapp über einer Grenze bleibt "
                    "deshalb offen.",
                    "The figures for {year} are not published yet; decided with those of {used} "
                    "({figures}). A salary just above a threshold is therefore left open.",
                    year=year,
                    used=used,
                    figures=Text.join((FIGURE_NAMES[name] for name in names), ", "),
                )
            )
        return tuple(notices)


FIGURE_NAMES = {
    "blue_card_standard": Text("Gehaltsgrenze Blaue Karte EU", "EU Blue Card salary threshold"),
    "blue_card_reduced": Text(
        "niedrigere Gehaltsgrenze Blaue Karte EU", "lower EU Blue Card salary threshold"
    ),
    "experience_floor": Text(
        "Gehaltsgrenze Erfahrungssäule", "salary threshold of the experience route"
    ),
    "age45_floor": Text("Gehaltsgrenze ab 45 Jahren", "salary threshold from age 45"),
    "monthly_means": Text("Lebensunterhalt im Monat", "monthly living costs"),
    "minimum_wage": Text("Mindestlohn", "minimum wage"),
    "westbalkan_quota": Text("Westbalkan-Kontingent", "Western Balkans quota"),
}


@lru_cache(maxsize=256)
def context_for(on: date, options: RuleOptions) -> Context:
    means = P.value_on(P.MONTHLY_MEANS_EUR, on)
    quota = P.value_on(P.WESTBALKAN_QUOTA, on)
    if on.year >= 2026:
        means = options.monthly_means_2026_eur
        quota = options.westbalkan_quota_2026
    points = P.OPPORTUNITY_CARD_MIN_POINTS
    stale = []
    for name, series in P.YEARLY_FIGURES.items():
        entry = P.entry_on(series, on)
        if on > entry.known_until:
            stale.append((name, on.year, entry.known_until.year))
    exhausted = next(
        (
            record
            for record in P.WESTBALKAN_QUOTA_EXHAUSTED
            if record.year == on.year and on >= record.on
        ),
        None,
    )
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
        minimum_wage_hourly=P.value_on(P.MINIMUM_WAGE_HOURLY, on),
        stale=tuple(stale),
        quota_exhausted=exhausted,
    )


Reach = Literal["yes", "maybe", "no"]


def compare(salary: Decimal, threshold: Decimal, figure: str, ctx: Context) -> Reach:
    """Whether ``salary`` reaches ``threshold``; "maybe" if the figure is past its known date
    and the salary lies within the plausible yearly rise above last year's value."""
    if salary < threshold:
        return "no"
    if not ctx.is_stale(figure):
        return "yes"
    years = max(name_year[1] - name_year[2] for name_year in ctx.stale if name_year[0] == figure)
    ceiling = threshold * (1 + ctx.options.plausible_yearly_rise) ** years
    return "yes" if salary >= ceiling else "maybe"


def unpublished(threshold: Text, ctx: Context) -> Text:
    year = ctx.on.year
    return Text.format(
        "Das Gehalt erreicht {threshold}, die letzte veröffentlichte Grenze. Die Grenze für "
        "{year} ist noch nicht veröffentlicht und steigt meist; bitte prüfen Sie sie, sobald "
        "sie bekannt ist.",
        "The salary reaches {threshold}, the last published threshold. The threshold for {year} "
        "is not published yet and usually rises; please check it once it is known.",
        threshold=threshold,
        year=year,
    )


@lru_cache(maxsize=1024)
def eur(amount: Decimal | int) -> Text:
    """An amount as "45.934,20 €" and "€45,934.20" (whole euros without cents)."""
    value = Decimal(amount)
    whole = value == value.to_integral_value()
    english = f"{int(value):,}" if whole else f"{value:,.2f}"
    german = english.replace(",", "_").replace(".", ",").replace("_", ".")
    return Text.value(f"{german} €", f"€{english}")


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
        Text.format(
            "Diesen Weg gab es am gewählten Datum noch nicht. Er gilt seit dem {day}.",
            "This route did not exist yet on the chosen date. It applies since {day}.",
            day=Text.value(day_de, start.valid_from.isoformat()),
        ),
    )


# The shared checks below depend on one or two answers each, so each is built once per route and
# answers (lru_cache) instead of once per evaluation: an evaluation is mostly these objects.


def free_movement(key: str, profile: Profile) -> Check | None:
    if profile.nationality not in P.FREE_MOVEMENT_STATES:
        return None
    return _free_movement(key)


@lru_cache(maxsize=64)
def _free_movement(key: str) -> Check:
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
    return _job_offer(key, profile.job_offer, qualified, source)


@lru_cache(maxsize=256)
def _job_offer(key: str, offer: str | None, qualified: bool, source: str) -> Check:
    rule = f"{key}.job_offer"
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
    return _temp_agency(key, profile.temp_agency_work)


@lru_cache(maxsize=64)
def _temp_agency(key: str, temp_agency_work: bool | None) -> Check:
    rule, source = f"{key}.temp_agency_work", "§ 40 Abs. 1 Nr. 2 AufenthG"
    if temp_agency_work is None:
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
    if temp_agency_work:
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


def licence_needed(profile: Profile) -> bool | None:
    """Whether the OFFERED job needs a Berufsausübungserlaubnis (§ 18 Abs. 2 Nr. 3 AufenthG).

    The answer ``job_needs_licence`` decides. Without it (older saved answers), a qualified job
    is taken to be one in the person's own profession, so it needs a licence exactly when that
    profession is regulated; without a qualification or in a profession that is not regulated
    none is needed; a helper job in a regulated profession stays open.
    """
    if profile.job_needs_licence is not None:
        return profile.job_needs_licence
    if profile.regulated_profession is False or profile.qualification == "none":
        return False
    if profile.job_offer == "qualified" and profile.regulated_profession is True:
        return True
    return None


def regulated(key: str, profile: Profile, *, recognition_is_a_step: bool = False) -> Check:
    """The licence to practise, "soweit diese erforderlich ist": needed for the job offered.

    § 18 Abs. 2 Nr. 3 AufenthG (for Abschnitt 4 titles) asks for the licence only where the
    offered job needs one; a trained nurse offered a kitchen-helper job needs none. On the
    skilled-worker routes the recognition (and with it the licence) is a step of the procedure,
    so "not applied for yet" leaves the check open instead of failing it. Not knowing how far
    the recognition is ("don't know") is an open point everywhere, not a failure.
    """
    return _regulated(key, licence_needed(profile), profile.recognition, recognition_is_a_step)


@lru_cache(maxsize=256)
def _regulated(
    key: str, needed: bool | None, recognition: str | None, recognition_is_a_step: bool
) -> Check:
    rule, source = f"{key}.regulated_profession", "§ 18 Abs. 2 Nr. 3 AufenthG"
    if needed is False:
        return Check(
            rule,
            "met",
            source,
            Text(
                "Für die angebotene Stelle brauchen Sie keine Berufserlaubnis.",
                "The job offered needs no licence to practise.",
            ),
        )
    if needed is None:
        return Check(
            rule,
            "unknown",
            source,
            Text(
                "Offen ist, ob die angebotene Stelle eine Berufserlaubnis braucht (z. B. in "
                "der Pflege oder Medizin). Das weiß die zuständige Stelle.",
                "It is open whether the job offered needs a licence to practise (e.g. in "
                "nursing or medicine). The competent body knows.",
            ),
        )
    if recognition == "full":
        return Check(
            rule,
            "met",
            source,
            Text(
                "Die Stelle braucht eine Berufserlaubnis, und Ihr Abschluss ist anerkannt.",
                "The job needs a licence to practise, and your qualification is recognised.",
            ),
        )
    fix = Text(
        "Die Anerkennung und die Berufserlaubnis, oder zuerst eine "
        "Anerkennungspartnerschaft (§ 16d Abs. 3 AufenthG).",
        "Recognition and the licence to practise, or first a recognition partnership "
        "(§ 16d (3) AufenthG).",
    )
    if recognition is None:
        return Check(
            rule,
            "unknown",
            source,
            Text(
                "Die Stelle braucht eine Berufserlaubnis. Offen ist, wie weit Ihre "
                "Anerkennung ist.",
                "The job needs a licence to practise. It is open how far your recognition is.",
            ),
            fix,
        )
    if recognition == "pending" or (recognition_is_a_step and recognition == "none"):
        return Check(
            rule,
            "unknown",
            source,
            Text(
                "Die Stelle braucht eine Berufserlaubnis. Sie bekommen sie mit der "
                "Anerkennung, die noch aussteht.",
                "The job needs a licence to practise. You get it with the recognition, "
                "which is still outstanding.",
            ),
            fix,
        )
    return Check(
        rule,
        "not_met",
        source,
        Text(
            "Die angebotene Stelle braucht eine Berufserlaubnis. Ohne Anerkennung und "
            "Berufserlaubnis dürfen Sie die Tätigkeit nicht ausüben.",
            "The job offered needs a licence to practise. Without recognition and a licence "
            "you may not do this work.",
        ),
        fix,
    )


def minimum_wage(key: str, profile: Profile, ctx: Context) -> Check | None:
    """A full-time offer must pay at least the statutory minimum wage (§ 1 Abs. 2 MiLoG).

    The BA approves only at working conditions no worse than for comparable domestic workers
    (§ 39 Abs. 2 S. 1 Nr. 1, Abs. 3 Nr. 1 AufenthG), and no employer may pay less. The profile
    gives the yearly salary of a full-time offer, not the hours: below the amount for 35 hours a
    week it is certainly too low, between 35 and 40 hours it depends on the hours.
    """
    salary = profile.annual_salary_eur
    if salary is None or profile.job_offer not in ("qualified", "unqualified"):
        return None
    hourly = ctx.minimum_wage_hourly
    shortest = hourly * P.FULL_TIME_HOURS_MIN * P.WEEKS_PER_YEAR
    usual = hourly * P.FULL_TIME_HOURS_USUAL * P.WEEKS_PER_YEAR
    if salary >= usual:
        return None
    return _minimum_wage(key, hourly, usual, depends_on_hours=salary >= shortest)


@lru_cache(maxsize=256)
def _minimum_wage(key: str, hourly: Decimal, usual: Decimal, *, depends_on_hours: bool) -> Check:
    rule, source = f"{key}.minimum_wage", "§ 1 Abs. 2 MiLoG; § 39 Abs. 2, Abs. 3 AufenthG"
    wage = eur(hourly)
    usual_txt = eur(usual)
    if depends_on_hours:
        return Check(
            rule,
            "unknown",
            source,
            Text.format(
                "Der Mindestlohn beträgt {wage} pro Stunde. Bei 40 Stunden in der Woche sind "
                "das {usual_txt} im Jahr; ob das Gehalt reicht, hängt von der Wochenarbeitszeit "
                "ab.",
                "The minimum wage is {wage} an hour. At 40 hours a week that is {usual_txt} a "
                "year; whether the salary is enough depends on the weekly hours.",
                wage=wage,
                usual_txt=usual_txt,
            ),
            Text.format(
                "Ein Stundenlohn von mindestens {wage}.",
                "An hourly wage of at least {wage}.",
                wage=wage,
            ),
        )
    return Check(
        rule,
        "not_met",
        source,
        Text.format(
            "Das Gehalt liegt für eine Vollzeitstelle unter dem Mindestlohn von {wage} pro Stunde.",
            "For a full-time job the salary is below the minimum wage of {wage} an hour.",
            wage=wage,
        ),
        Text.format(
            "Ein Stundenlohn von mindestens {wage} ({usual_txt} im Jahr bei 40 Stunden in der "
            "Woche).",
            "An hourly wage of at least {wage} ({usual_txt} a year at 40 hours a week).",
            wage=wage,
            usual_txt=usual_txt,
        ),
    )


@lru_cache(maxsize=64)
def discretion(key: str, source: str) -> Check:
    """A "kann" rule: shown the same way on every route (a met check that names it).

    The conditions decide the verdict; the authority's discretion is said, not scored, so
    § 16f and § 20a (and the other "kann" routes) read alike.
    """
    return Check(
        f"{key}.discretion",
        "met",
        source,
        Text(
            "Die Behörde entscheidet nach Ermessen („kann“). Sind alle Voraussetzungen "
            "erfüllt, erteilt sie den Titel in der Regel; einen Anspruch gibt es nicht.",
            "The authority decides at its discretion ('kann'). If all conditions are met it "
            "usually issues the title; there is no entitlement.",
        ),
    )


def age45(
    key: str, profile: Profile, ctx: Context, *, source: str, narrow_exception: bool = False
) -> Check | None:
    """Salary of at least 55 % BBG or pension proof after the 45th birthday.

    The age answer is the age at the application; the rule looks at the first issue of the title
    (§ 18 Abs. 2 Nr. 5 AufenthG) or the start of work (§ 1 Abs. 2 S. 1 BeschV), which can come
    after a birthday, so 44 is open unless the salary reaches the floor anyway.

    The authority may waive the floor in the public interest, "insbesondere, wenn die
    Gehaltsschwelle nur geringfügig unterschritten ... wird" (§ 18 Abs. 2 Nr. 5 S. 2 AufenthG,
    § 1 Abs. 2 S. 2-3 BeschV): a salary up to ``age45_slightly_below_share`` under the floor is
    open. ``narrow_exception``: § 1 Abs. 2 S. 4 BeschV (Westbalkan) allows an exception only in
    justified exceptional cases and excludes S. 3, so there a salary just below fails.
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
    if profile.age < 44:
        return None
    floor = eur(ctx.age45_floor)
    salary = profile.annual_salary_eur
    reach = compare(salary, ctx.age45_floor, "age45_floor", ctx) if salary is not None else None
    if reach == "yes":
        if profile.age == 44:
            return None
        return Check(
            rule,
            "met",
            source,
            Text.format(
                "Sie sind 45 oder älter und das Gehalt erreicht {floor}.",
                "You are 45 or older and the salary reaches {floor}.",
                floor=floor,
            ),
        )
    if reach == "maybe":
        return Check(rule, "unknown", source, unpublished(floor, ctx))
    raise_fix = Text.format(
        "Ein Gehalt von mindestens {floor} im Jahr oder der Nachweis einer angemessenen "
        "Altersversorgung.",
        "A salary of at least {floor} a year, or proof of adequate provision for old age.",
        floor=floor,
    )
    if profile.age == 44:
        return Check(
            rule,
            "unknown",
            source,
            Text.format(
                "Sie sind beim Antrag 44. Sind Sie bei der Erteilung des Titels oder beim "
                "Beginn der Arbeit schon 45, muss das Gehalt mindestens {floor} betragen, oder "
                "Sie weisen eine Altersversorgung nach.",
                "You are 44 when you apply. If you are 45 when the title is issued or work "
                "starts, the salary must be at least {floor}, or you prove provision for old "
                "age.",
                floor=floor,
            ),
            raise_fix,
        )
    if salary is None:
        return Check(
            rule,
            "unknown",
            source,
            Text.format(
                "Sie sind 45 oder älter. Das Gehalt muss mindestens {floor} betragen, oder Sie "
                "weisen eine Altersversorgung nach.",
                "You are 45 or older. The salary must be at least {floor}, or you prove "
                "provision for old age.",
                floor=floor,
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
    if profile.pension_provision is None:
        return Check(
            rule,
            "unknown",
            source,
            Text.format(
                "Sie sind 45 oder älter und das Gehalt liegt unter {floor}. Offen ist, ob Sie "
                "eine Altersversorgung nachweisen können.",
                "You are 45 or older and the salary is below {floor}. It is open whether you "
                "can prove provision for old age.",
                floor=floor,
            ),
            raise_fix,
        )
    if narrow_exception:
        return Check(
            rule,
            "not_met",
            source,
            Text.format(
                "Sie sind 45 oder älter, das Gehalt liegt unter {floor} und Sie haben keine "
                "Altersversorgung. Eine Ausnahme gibt es nur in begründeten Ausnahmefällen im "
                "öffentlichen Interesse; ein nur knapp verfehltes Gehalt reicht dafür nicht.",
                "You are 45 or older, the salary is below {floor} and you have no pension "
                "provision. An exception exists only in justified exceptional cases in the "
                "public interest; a salary only slightly below the threshold is not enough.",
                floor=floor,
            ),
            raise_fix,
        )
    tolerance = ctx.age45_floor * (1 - ctx.options.age45_slightly_below_share)
    if salary >= tolerance:
        return Check(
            rule,
            "unknown",
            source,
            Text.format(
                "Sie sind 45 oder älter und das Gehalt liegt knapp unter {floor}. Liegt die "
                "Gehaltsschwelle nur geringfügig darunter, kann die Behörde im öffentlichen "
                "Interesse davon absehen. Fragen Sie eine Beratungsstelle.",
                "You are 45 or older and the salary is just below {floor}. If the salary is "
                "only slightly below the threshold, the authority may waive it in the public "
                "interest. Ask a counselling centre.",
                floor=floor,
            ),
            raise_fix,
        )
    return Check(
        rule,
        "not_met",
        source,
        Text.format(
            "Sie sind 45 oder älter, das Gehalt liegt deutlich unter {floor} und Sie haben "
            "keine Altersversorgung. Eine Ausnahme gibt es nur im öffentlichen Interesse.",
            "You are 45 or older, the salary is well below {floor} and you have no pension "
            "provision. An exception exists only in the public interest.",
            floor=floor,
        ),
        raise_fix,
    )


def tolerated_kind(profile: Profile) -> str | None:
    """ "duldung", "gestattung", "either" (the old combined answer) or None.

    Where the law treats the two alike (no Westbalkan first application, no Chancenkarte, no
    Blue Card), "either" gets that outcome; where it differs (§ 19d only for a Duldung), the
    check names both and stays open.
    """
    return {
        "germany_duldung": "duldung",
        "germany_gestattung": "gestattung",
        "germany_duldung_or_gestattung": "either",
    }.get(profile.residence or "")


def tolerated_stay(key: str, profile: Profile) -> Check | None:
    """Duldung or Gestattung: a change to a work title follows special rules."""
    kind = tolerated_kind(profile)
    return None if kind is None else _tolerated_stay(key, kind)


@lru_cache(maxsize=64)
def _tolerated_stay(key: str, kind: str) -> Check:
    texts = {
        "duldung": Text(
            "Mit einer Duldung ist ein Wechsel in einen Aufenthaltstitel zur Arbeit nur unter "
            "besonderen Regeln möglich (§ 10 Abs. 3, § 19d AufenthG). Bitte lassen Sie sich "
            "beraten.",
            "With a Duldung a change to a work title is possible only under special rules "
            "(§ 10 (3), § 19d AufenthG). Please seek advice.",
        ),
        "gestattung": Text(
            "Während des Asylverfahrens (Aufenthaltsgestattung) ist ein Wechsel in einen "
            "Aufenthaltstitel zur Arbeit nur unter besonderen Regeln möglich (§ 10 Abs. 1, "
            "Abs. 3 AufenthG). Bitte lassen Sie sich beraten.",
            "During the asylum procedure (Aufenthaltsgestattung) a change to a work title is "
            "possible only under special rules (§ 10 (1), (3) AufenthG). Please seek advice.",
        ),
        "either": Text(
            "Mit Duldung oder Aufenthaltsgestattung gelten für einen Wechsel besondere Regeln "
            "(§ 10 Abs. 3, § 19d AufenthG). Bitte lassen Sie sich beraten.",
            "With a Duldung or Aufenthaltsgestattung special rules apply to a change of "
            "title (§ 10 (3), § 19d AufenthG). Please seek advice.",
        ),
    }
    return Check(f"{key}.tolerated_stay", "unknown", "§ 10 Abs. 3, § 19d AufenthG", texts[kind])


def summary(
    steps: tuple[Step, ...],
    duration: Text,
    *,
    needs_recognition: bool,
    needs_job_offer: bool,
    needs_german: Text | None = None,
) -> Summary:
    fees = steps.fees_eur if isinstance(steps, Steps) else Steps(steps).fees_eur
    return _summary(duration, fees, needs_recognition, needs_job_offer, needs_german)


@lru_cache(maxsize=1024)
def _summary(
    duration: Text,
    fees: tuple[int, int],
    needs_recognition: bool,
    needs_job_offer: bool,
    needs_german: Text | None,
) -> Summary:
    """One ``Summary`` per distinct content: it is immutable, so people with the same step
    sequence share it instead of building a new one per evaluation."""
    return Summary(duration, fees, needs_recognition, needs_job_offer, needs_german)


def association_fees(result: PathwayResult, profile: Profile, ctx: Context) -> PathwayResult:
    """§ 52a AufenthV: Turkish nationals under the association law pay the identity-card fee
    for the residence title instead of § 45. Whether the association law applies to the person
    is the authority's finding, so the lower end of the fees drops and a note says why."""
    if profile.nationality != "TR":
        return result
    permits = [
        step for step in result.steps if step.fee is not None and step.fee.source.startswith("§ 45")
    ]
    if not permits:
        return result
    entry = P.entry_on(P.FEE_PERMIT_ASSOCIATION, ctx.on)
    young = profile.age is not None and profile.age < 24
    reduced = entry.value[0] if young else entry.value[1]
    saving = sum(max(step.fee.min_eur - reduced, 0) for step in permits if step.fee is not None)
    low, high = result.summary.fees_eur
    amount = eur(reduced)
    note = Text.format(
        "Für türkische Staatsangehörige, für die das Assoziationsrecht EU-Türkei gilt, kostet "
        "der Aufenthaltstitel nur {amount} (§ 52a AufenthV). Ob es für Sie gilt, prüft die "
        "Ausländerbehörde.",
        "For Turkish nationals covered by the EU-Turkey association law the residence title "
        "costs only {amount} (§ 52a AufenthV). The foreigners' authority checks whether it "
        "covers you.",
        amount=amount,
    )
    summary_ = Summary(
        result.summary.duration,
        (max(low - saving, 0), high),
        result.summary.needs_recognition,
        result.summary.needs_job_offer,
        result.summary.needs_german,
        note,
    )
    return replace(result, summary=summary_)


def blocked(key: str, title: Text, legal_basis: str, check: Check, sum_: Summary) -> PathwayResult:
    """A result that one check alone decides (route not in force, free movement)."""
    return PathwayResult(key, title, legal_basis, "not_eligible", (check,), sum_)
