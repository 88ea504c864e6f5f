"""Blaue Karte EU.

Legal basis: § 18g AufenthG (thresholds since 18 Nov 2023: 50 % BBG, reduced 45.3 % BBG for the
ISCO groups of Abs. 1 S. 2 Nr. 1, for graduates of the last three years and for IT professionals
under Abs. 2); § 18 Abs. 2 Nr. 3 AufenthG; § 19f Abs. 1 and 2 AufenthG (exclusions: temporary
protection, Duldung, pending asylum procedure, most humanitarian titles). No age-45 rule (§ 18g
is not listed in § 18 Abs. 2 Nr. 5). Figures last checked: 2026-12-02.

§ 18g Abs. 2 applies to anyone "der die Voraussetzungen nach Absatz 1 nicht erfüllt": people
without a degree and people whose degree is not (or not yet) found comparable. So an IT
professional with three years' IT experience in the last seven gets it without a comparable
degree; the digest read it too narrowly (only without a degree).

Agency work (§ 40 Abs. 1 Nr. 2) only matters where the BA must approve, i.e. at the reduced
threshold and under Abs. 2. A degree exactly three years old (whole years) is left open.
"""

from __future__ import annotations

from . import common as C
from .profile import Profile
from .results import Check, PathwayResult, verdict_of
from .skilled_worker import recognition_check
from .steps import Steps, steps_for
from .texts import Text

KEY = "blue_card"
TITLE = Text("Blaue Karte EU", "EU Blue Card")
LEGAL_BASIS = "§ 18g AufenthG"


def _it_route(p: Profile) -> bool | None:
    """§ 18g Abs. 2: IT professional without a degree, 3 years' IT experience in the last 7."""
    if not C.is_it(p):
        return False
    if p.it_experience_years_last7 is None:
        return None
    return p.it_experience_years_last7 >= 3


_QUALIFICATION_IT_ROUTE_MET = Check(
    f"{KEY}.qualification",
    "met",
    "§ 18g Abs. 2 AufenthG",
    Text(
        "Als IT-Fachkraft mit mindestens 3 Jahren IT-Erfahrung in den letzten "
        "7 Jahren brauchen Sie keinen vergleichbaren Hochschulabschluss.",
        "As an IT professional with at least 3 years of IT experience in the "
        "last 7 years you need no comparable degree.",
    ),
)
_QUALIFICATION_DEGREE_MET = Check(
    f"{KEY}.qualification",
    "met",
    "§ 18g Abs. 1 S. 1 AufenthG",
    Text("Sie haben einen Hochschulabschluss.", "You have a university degree."),
)
_QUALIFICATION_OPEN = Check(
    f"{KEY}.qualification",
    "unknown",
    "§ 18g Abs. 1, Abs. 2 AufenthG",
    Text(
        "Offen ist, ob Sie einen Hochschulabschluss oder genug IT-Erfahrung haben.",
        "It is open whether you have a degree or enough IT experience.",
    ),
)
_QUALIFICATION_NOT_MET = Check(
    f"{KEY}.qualification",
    "not_met",
    "§ 18g Abs. 1 S. 1 AufenthG",
    Text(
        "Die Blaue Karte EU setzt einen Hochschulabschluss voraus (ohne Abschluss "
        "nur für IT-Fachkräfte mit 3 Jahren Erfahrung).",
        "The Blue Card needs a university degree (without one only for IT "
        "professionals with 3 years' experience).",
    ),
)


def _qualification(p: Profile, it_route: bool | None, use_abs2: bool) -> Check:
    if use_abs2:
        return _QUALIFICATION_IT_ROUTE_MET
    if p.qualification == "academic":
        return _QUALIFICATION_DEGREE_MET
    if p.qualification is None or (it_route is None and C.is_it(p)):
        return _QUALIFICATION_OPEN
    return _QUALIFICATION_NOT_MET


def _reduced_applies(p: Profile, ctx: C.Context, it_route: bool | None) -> bool | None:
    shortage = C.in_shortage_group(p, ctx.options)
    graduate: bool | None = False
    if p.qualification == "academic":
        years = p.degree_years_ago
        graduate = None if years is None or years == 3 else years < 3
    reasons = (shortage, graduate, it_route)
    if True in reasons:
        return True
    if None in reasons:
        return None
    return False


def _it_salary(p: Profile, ctx: C.Context) -> Check:
    """§ 18g Abs. 2 Nr. 1: IT without a degree, 45.3 % BBG and always with BA approval."""
    rule, source = f"{KEY}.salary", "§ 18g Abs. 2 Nr. 1 AufenthG"
    lower = C.eur(ctx.blue_card_reduced)
    salary = p.annual_salary_eur
    if salary is None:
        return Check(
            rule,
            "unknown",
            source,
            Text.format(
                "Das Gehalt ist offen. Die Grenze liegt bei {lower}.",
                "The salary is open. The threshold is {lower}.",
                lower=lower,
            ),
        )
    reach = C.compare(salary, ctx.blue_card_reduced, "blue_card_reduced", ctx)
    if reach == "maybe":
        return Check(rule, "unknown", source, C.unpublished(lower, ctx))
    if reach == "yes":
        return Check(
            rule,
            "met",
            source,
            Text.format(
                "Das Gehalt erreicht die Grenze von {lower} für IT-Fachkräfte ohne "
                "Hochschulabschluss. Die Bundesagentur für Arbeit muss zustimmen.",
                "The salary reaches the threshold of {lower} for IT professionals without a "
                "degree. The employment agency must approve.",
                lower=lower,
            ),
        )
    missing = C.eur(ctx.blue_card_reduced - salary)
    return Check(
        rule,
        "not_met",
        source,
        Text.format(
            "Das Gehalt liegt unter der Grenze von {lower}.",
            "The salary is below the threshold of {lower}.",
            lower=lower,
        ),
        Text.format(
            "Ein Gehalt von mindestens {lower} im Jahr ({missing} mehr).",
            "A salary of at least {lower} a year ({missing} more).",
            lower=lower,
            missing=missing,
        ),
    )


def _salary(p: Profile, ctx: C.Context, reduced: bool | None) -> Check:
    rule = f"{KEY}.salary"
    standard, lower = ctx.blue_card_standard, ctx.blue_card_reduced
    s_txt, r_txt = C.eur(standard), C.eur(lower)
    source_std, source_red = "§ 18g Abs. 1 S. 1 AufenthG", "§ 18g Abs. 1 S. 2 AufenthG"
    salary = p.annual_salary_eur
    if salary is None:
        return Check(
            rule,
            "unknown",
            source_std,
            Text.format(
                "Das Gehalt ist offen. Die Grenze liegt bei {s_txt}, in Engpassberufen und für "
                "Berufsanfänger bei {r_txt}.",
                "The salary is open. The threshold is {s_txt}, for shortage occupations and new "
                "graduates {r_txt}.",
                s_txt=s_txt,
                r_txt=r_txt,
            ),
        )
    reach_std = C.compare(salary, standard, "blue_card_standard", ctx)
    reach_red = C.compare(salary, lower, "blue_card_reduced", ctx)
    if reach_std == "yes":
        return Check(
            rule,
            "met",
            source_std,
            Text.format(
                "Das Gehalt erreicht die Grenze von {s_txt}. Die Bundesagentur für Arbeit muss "
                "nicht zustimmen.",
                "The salary reaches the threshold of {s_txt}. No approval of the employment "
                "agency is needed.",
                s_txt=s_txt,
            ),
        )
    if reach_std == "maybe" and reduced is not True:
        return Check(rule, "unknown", source_std, C.unpublished(s_txt, ctx))
    if salary >= lower and reduced and reach_red == "maybe":
        return Check(rule, "unknown", source_red, C.unpublished(r_txt, ctx))
    if salary >= lower and reduced:
        return Check(
            rule,
            "met",
            source_red,
            Text.format(
                "Das Gehalt erreicht die niedrigere Grenze von {r_txt} (Engpassberuf, "
                "Berufsanfänger oder IT). Die Bundesagentur für Arbeit muss zustimmen.",
                "The salary reaches the lower threshold of {r_txt} (shortage occupation, new "
                "graduate or IT). The employment agency must approve.",
                r_txt=r_txt,
            ),
        )
    target = lower if reduced is not False else standard
    missing = C.eur(target - salary)
    fix = Text.format(
        "Ein Gehalt von mindestens {target} im Jahr ({missing} mehr).",
        "A salary of at least {target} a year ({missing} more).",
        target=C.eur(target),
        missing=missing,
    )
    if salary >= lower and reduced is None:
        return Check(
            rule,
            "unknown",
            source_red,
            Text.format(
                "Das Gehalt liegt unter {s_txt}, aber über {r_txt}. Die niedrigere Grenze gilt "
                "nur in Engpassberufen, für Berufsanfänger und in der IT; das ist offen.",
                "The salary is below {s_txt} but above {r_txt}. The lower threshold applies "
                "only to shortage occupations, new graduates and IT; that is open.",
                s_txt=s_txt,
                r_txt=r_txt,
            ),
        )
    threshold = C.eur(target)
    return Check(
        rule,
        "not_met",
        source_std if reduced is False else source_red,
        Text.format(
            "Das Gehalt liegt unter der Grenze von {threshold}.",
            "The salary is below the threshold of {threshold}.",
            threshold=threshold,
        ),
        fix,
    )


# § 19f Abs. 1 Nr. 2 (Duldung) and Abs. 2 Nr. 1 (Aufenthaltsgestattung), by the kind of stay.
_TOLERATED_SOURCES = {
    "duldung": "§ 19f Abs. 1 Nr. 2 AufenthG",
    "gestattung": "§ 19f Abs. 2 Nr. 1 AufenthG",
    "either": "§ 19f Abs. 1 Nr. 2, Abs. 2 Nr. 1 AufenthG",
}
_TOLERATED_TEXT = Text(
    "Mit einer Duldung oder während des Asylverfahrens (Aufenthaltsgestattung) "
    "gibt es keine Blaue Karte EU.",
    "There is no EU Blue Card with a Duldung or during the asylum procedure "
    "(Aufenthaltsgestattung).",
)
_EXCLUDED_FIX = Text(
    "Fragen Sie eine Beratungsstelle nach einem anderen Weg, z. B. § 19d oder § 18a/§ 18b.",
    "Ask a counselling centre about another route, e.g. § 19d or § 18a/§ 18b.",
)
_EXCLUDED_TEMPORARY_PROTECTION = Check(
    f"{KEY}.excluded",
    "not_met",
    "§ 19f Abs. 1 Nr. 1 AufenthG",
    Text(
        "Mit vorübergehendem Schutz (§ 24) gibt es keine Blaue Karte EU.",
        "There is no EU Blue Card with temporary protection (§ 24).",
    ),
    _EXCLUDED_FIX,
)
_EXCLUDED_HUMANITARIAN_OPEN = Check(
    f"{KEY}.excluded",
    "unknown",
    "§ 19f Abs. 2 Nr. 2 AufenthG",
    Text(
        "Mit einem humanitären Titel gibt es die Blaue Karte EU nur, wenn er auf "
        "§ 25 Abs. 1 oder 2 beruht (Asyl, Flüchtlingsschutz, subsidiärer Schutz). "
        "Das steht auf Ihrem Titel.",
        "With a humanitarian title the Blue Card is possible only if it rests on "
        "§ 25 (1) or (2) (asylum, refugee or subsidiary protection). Your title says so.",
    ),
)


def _excluded(p: Profile) -> Check | None:
    """§ 19f Abs. 1 and 2 AufenthG: who cannot get a Blue Card at all.

    Abs. 1 Nr. 1 temporary protection (§ 24), Abs. 1 Nr. 2 Duldung ("Abschiebung ... ausgesetzt"),
    Abs. 2 Nr. 1 a pending application for international protection (Aufenthaltsgestattung),
    Abs. 2 Nr. 2 a title of Abschnitt 5 other than § 25 Abs. 1 or 2.
    """
    kind = C.tolerated_kind(p)
    if kind is not None:
        return Check(
            f"{KEY}.excluded", "not_met", _TOLERATED_SOURCES[kind], _TOLERATED_TEXT, _EXCLUDED_FIX
        )
    if p.residence != "germany_residence_permit":
        return None
    if p.residence_title_kind == "temporary_protection":
        return _EXCLUDED_TEMPORARY_PROTECTION
    if p.residence_title_kind == "humanitarian":
        return _EXCLUDED_HUMANITARIAN_OPEN
    return None


_DURATION = Text(
    "Etwa 3 bis 6 Monate: Prüfung des Abschlusses, dann Termin und Visum.",
    "About 3 to 6 months: check of the degree, then appointment and visa.",
)
# § 18 Abs. 2 Nr. 5 AufenthG (salary rule from age 45) does not list § 18g.
_NO_AGE_RULE_MET = Check(
    f"{KEY}.no_age_rule",
    "met",
    "§ 18 Abs. 2 Nr. 5 AufenthG",
    Text(
        "Für die Blaue Karte EU gilt keine Gehaltsgrenze ab 45 Jahren.",
        "The Blue Card has no salary rule from age 45.",
    ),
)


def evaluate(p: Profile, ctx: C.Context) -> PathwayResult:
    accelerated = p.employer_uses_accelerated_procedure is True
    steps = steps_for(KEY, ctx.on, accelerated=accelerated)
    sum_ = C.summary(steps, _DURATION, needs_recognition=True, needs_job_offer=True)
    gate = C.free_movement(KEY, p) or C.not_in_force(KEY, ctx)
    if gate is not None:
        return C.blocked(KEY, TITLE, LEGAL_BASIS, gate, sum_)
    # Abs. 1 is met with a comparable degree; Abs. 2 is for everyone else (finding of the review).
    comparable = p.qualification == "academic" and p.recognition == "full"
    it_route = False if comparable else _it_route(p)
    use_abs2 = it_route is True
    reduced = _reduced_applies(p, ctx, it_route)
    checks = [_qualification(p, it_route, use_abs2)]
    if not use_abs2 and (
        p.qualification == "academic" or (p.qualification is None and not it_route)
    ):
        checks.append(
            recognition_check(KEY, p, "§ 18g Abs. 1 S. 1 AufenthG; § 18 Abs. 2 Nr. 4 AufenthG")
        )
    checks.append(C.job_offer(KEY, p, qualified=True, source="§ 18g Abs. 1 AufenthG"))
    checks.append(_it_salary(p, ctx) if use_abs2 else _salary(p, ctx, reduced))
    salary = p.annual_salary_eur
    standard_route = (
        salary is not None
        and C.compare(salary, ctx.blue_card_standard, "blue_card_standard", ctx) == "yes"
        and p.qualification == "academic"
        and not use_abs2
    )
    if not standard_route:
        checks.append(C.temp_agency(KEY, p))
    checks.append(C.regulated(KEY, p, recognition_is_a_step=True))
    if p.age is not None and p.age >= 45:
        checks.append(_NO_AGE_RULE_MET)
    for extra in (_excluded(p), C.minimum_wage(KEY, p, ctx)):
        if extra is not None:
            checks.append(extra)
    if standard_route:
        # At the standard threshold the BA does not take part (§ 18g Abs. 1 S. 1 AufenthG).
        steps = Steps(tuple(step for step in steps if not step.key.endswith(".ba_approval")))
    result = tuple(checks)
    return PathwayResult(KEY, TITLE, LEGAL_BASIS, verdict_of(result), result, sum_, steps)
