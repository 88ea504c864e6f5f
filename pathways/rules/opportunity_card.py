"""Chancenkarte: a card to look for work, by the skilled-worker route or the points route.

Legal basis: § 20a AufenthG (in force since 1 June 2024): Abs. 3 "kann" (discretion), Nr. 1
skilled worker (no points, no language gate), Nr. 2 points; Abs. 4 S. 1 means, S. 2 someone
already in Germany only with a title of Abschnitt 3 (education) or 4 (employment), so not with
a Duldung, a Gestattung, a family, humanitarian or § 24 title; S. 3 the gates of the points
route (qualification recognised by the issuing state, German A1 or English B2). § 20b Abs. 1
and the Anlage: the points; the minimum is data (parameters). The means figure is not fixed by
§ 2 Abs. 3 S. 6 (which names §§ 16d, 16f, 17): § 20a Abs. 4 S. 1 asks for secured means and the
missions apply the same monthly amount. Figures last checked: 2026-12-02.

Points (§ 20b Abs. 1): Nr. 1 partial recognition 4 (also waives the qualification gate, S. 2);
Nr. 2-4 German B2 or higher 3, B1 2, A2 1 (no C1 tier); Nr. 5 English C1 or higher 1 (B2 only
opens the gate); Nr. 6 five years' experience in the last seven 3, else Nr. 7 two in five 2
(no stacking); Nr. 8 ISCO group of § 18g Abs. 1 S. 2 Nr. 1 1; Nr. 9 age up to 35 2, Nr. 10 up to
40 1; Nr. 11 six months' stay in Germany 1; Nr. 12 partner applying too 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import common as C
from .experience_route import state_recognised_check
from .profile import Profile
from .questions import LEVEL_RANK
from .recognition_measures import means_check
from .results import VERDICT_RANK, Check, PathwayResult, PointsItem, verdict_of
from .steps import SKILLED_QUALIFICATIONS, steps_for
from .texts import Text

KEY = "opportunity_card"
TITLE = Text("Chancenkarte", "Opportunity card")
LEGAL_BASIS = "§§ 20a, 20b AufenthG, Anlage"
SOURCE = "§ 20b Abs. 1 AufenthG, Anlage"

A1, A2, B1, B2, C1 = (LEVEL_RANK[level] for level in ("A1", "A2", "B1", "B2", "C1"))
GERMAN_POINTS = {"none": 0, "A1": 0, "A2": 1, "B1": 2, "B2": 3, "C1": 3, "C2": 3}

LABELS = {
    "partial_recognition": Text(
        "Teilanerkennung (Defizitbescheid)", "Partial recognition (notice of deficits)"
    ),
    "german": Text("Deutschkenntnisse", "German"),
    "english": Text("Englisch C1 oder besser", "English C1 or better"),
    "experience": Text("Berufserfahrung nach dem Abschluss", "Experience after the qualification"),
    "shortage_occupation": Text(
        "Beruf in einer Engpass-Berufsgruppe (ISCO)", "Occupation in a shortage group (ISCO)"
    ),
    "age": Text("Alter", "Age"),
    "stay_in_germany": Text(
        "Mindestens 6 Monate in Deutschland in den letzten 5 Jahren",
        "At least 6 months in Germany in the last 5 years",
    ),
    "partner": Text(
        "Partnerin oder Partner beantragt auch eine Chancenkarte",
        "Partner applies for a Chancenkarte too",
    ),
}


@dataclass(frozen=True, slots=True)
class Points:
    total: int
    items: tuple[PointsItem, ...]
    # The total if every open answer turned out as well as it can.
    potential: int


def _age_points(age: int, inclusive: bool) -> int:
    young = age <= 35 if inclusive else age < 35
    if young:
        return 2
    return 1 if age <= 40 else 0


def _experience_points(last5: int | None, last7: int | None) -> tuple[int, int]:
    """(points as answered, best points if the open answers turn out well)."""
    known7 = max(last7 or 0, last5 or 0)
    points = 3 if known7 >= 5 else 2 if (last5 or 0) >= 2 else 0
    best7 = last7 if last7 is not None else (7 if last5 is None else min(last5 + 2, 7))
    best5 = last5 if last5 is not None else min(5, last7 if last7 is not None else 5)
    best = 3 if max(best7, best5) >= 5 else 2 if best5 >= 2 else 0
    return points, max(points, best)


def points(p: Profile, ctx: C.Context) -> Points:
    """The points of § 20b Abs. 1 with one line per criterion of the Anlage."""
    options = ctx.options
    # Each criterion: the points as answered and the best points if the open answers turn out
    # well (for the potential).
    recognition = p.recognition
    partial = 4 if recognition == "partial" else 0
    can_partial = recognition is None and p.qualification != "none"
    partial_best = 4 if can_partial else partial

    german_level = p.german_level
    german = GERMAN_POINTS[german_level] if german_level else 0
    german_best = 3 if german_level is None else german

    english = 1 if (p.english_rank or 0) >= C1 else 0
    english_best = 1 if p.english_level is None else english

    experience, experience_best = _experience_points(
        p.experience_years_last5, p.experience_years_last7
    )

    shortage = C.in_shortage_group(p, options)
    shortage_points = 1 if shortage else 0
    shortage_best = 0 if shortage is False else 1

    age_answer = p.age
    age = (
        _age_points(age_answer, options.opportunity_card_age_boundary_inclusive)
        if age_answer is not None
        else 0
    )
    age_best = 2 if age_answer is None else age

    stayed = p.stay_germany_6_months_last5
    stay = 1 if stayed else 0
    stay_best = 1 if stayed is None else stay

    partner_applies = p.partner_applies_too
    partner = 1 if partner_applies else 0
    partner_best = 1 if partner_applies is None else partner

    items = (
        _item("partial_recognition", partial, "§ 20b Abs. 1 Nr. 1 AufenthG"),
        _item("german", german, "§ 20b Abs. 1 Nr. 2-4 AufenthG"),
        _item("english", english, "§ 20b Abs. 1 Nr. 5 AufenthG"),
        _item("experience", experience, "§ 20b Abs. 1 Nr. 6-7 AufenthG"),
        _item("shortage_occupation", shortage_points, "§ 20b Abs. 1 Nr. 8 AufenthG"),
        _item("age", age, "§ 20b Abs. 1 Nr. 9-10 AufenthG"),
        _item("stay_in_germany", stay, "§ 20b Abs. 1 Nr. 11 AufenthG"),
        _item("partner", partner, "§ 20b Abs. 1 Nr. 12 AufenthG"),
    )
    total = partial + german + english + experience + shortage_points + age + stay + partner
    potential = (
        partial_best
        + german_best
        + english_best
        + experience_best
        + shortage_best
        + age_best
        + stay_best
        + partner_best
    )
    return Points(total, items, potential)


@lru_cache(maxsize=256)
def _item(criterion: str, value: int, source: str) -> PointsItem:
    """One line of the points table; immutable, so built once per (criterion, points)."""
    return PointsItem(criterion, LABELS[criterion], value, source)


# --- fixes ------------------------------------------------------------------------------------


_ENGLISH_C1 = Text("Englisch auf Niveau C1", "C1 English")
_EXPERIENCE_2_OF_5 = Text(
    "2 Jahre Berufserfahrung in den letzten 5 Jahren",
    "2 years of experience in the last 5 years",
)
_EXPERIENCE_5_OF_7 = Text(
    "5 Jahre Berufserfahrung in den letzten 7 Jahren",
    "5 years of experience in the last 7 years",
)
_PARTNER_APPLYING = Text(
    "Eine Partnerin oder ein Partner, die oder der mitbeantragt,",
    "A partner applying with you",
)
_POINT_WORD = Text("Punkt", "point")
_POINTS_WORD = Text("Punkte", "points")


def _improvements(
    pts: Points, minimum: int, english_known: bool, partner_known: bool
) -> list[tuple[int, Text]]:
    """Single changes that would add points: (gain, text naming the gain and the new total).
    English C1 and a partner are suggested only where the person answered that question."""
    current = {item.criterion: item.points for item in pts.items}
    changes: list[tuple[int, Text]] = []  # gain, what would change
    german_steps = [
        (level, GERMAN_POINTS[level] - current["german"]) for level in ("A2", "B1", "B2")
    ]
    german_steps = [(level, gain) for level, gain in german_steps if gain > 0]
    if german_steps:
        reaching = [step for step in german_steps if pts.total + step[1] >= minimum]
        level, gain = reaching[0] if reaching else german_steps[-1]
        changes.append(
            (
                gain,
                Text.format(
                    "Deutsch auf Niveau {level}",
                    "{level} German",
                    level=level,
                ),
            )
        )
    if current["english"] == 0 and english_known:
        changes.append((1, _ENGLISH_C1))
    experience = current["experience"]
    if experience < 2 and pts.total + 2 - experience >= minimum:
        changes.append((2 - experience, _EXPERIENCE_2_OF_5))
    elif experience < 3:
        changes.append((3 - experience, _EXPERIENCE_5_OF_7))
    if current["partner"] == 0 and partner_known:
        changes.append((1, _PARTNER_APPLYING))
    result = []
    for gain, name in changes:
        total = pts.total + gain
        word = _POINT_WORD if gain == 1 else _POINTS_WORD
        result.append(
            (
                gain,
                Text.format(
                    "{name} brächte {gain} {word} mehr, zusammen {total}.",
                    "{name} would add {gain} {word} and reach {total}.",
                    name=name,
                    gain=gain,
                    total=total,
                    word=word,
                ),
            )
        )
    return result


def _points_fix(p: Profile, pts: Points, minimum: int) -> Text:
    return _points_fix_for(
        pts, minimum, p.english_level is not None, p.partner_applies_too is not None
    )


_ONE_POINT_MISSING = Text("Es fehlt 1 Punkt.", "You need 1 more point.")


@lru_cache(maxsize=1024)
def _points_fix_for(pts: Points, minimum: int, english_known: bool, partner_known: bool) -> Text:
    """What would close the gap; the same for everyone with these points and answers."""
    ideas = _improvements(pts, minimum, english_known, partner_known)
    reaching = [text for gain, text in ideas if pts.total + gain >= minimum]
    chosen = reaching or [text for _, text in sorted(ideas, key=lambda idea: -idea[0])[:2]]
    missing = minimum - pts.total
    head = Text.format(
        "Es fehlen {missing} Punkte.",
        "You need {missing} more points.",
        missing=missing,
    )
    if missing == 1:
        head = _ONE_POINT_MISSING
    return Text.join([head, *chosen])


# --- checks -----------------------------------------------------------------------------------


_RESIDENCE_RULE = f"{KEY}.residence"
_RESIDENCE_SOURCE = "§ 20a Abs. 4 S. 2 AufenthG"
_RESIDENCE_OPEN = Check(
    _RESIDENCE_RULE,
    "unknown",
    _RESIDENCE_SOURCE,
    Text(
        "Offen ist, wo Sie leben. In Deutschland gibt es die Chancenkarte nur mit einem "
        "Aufenthaltstitel für Ausbildung, Studium oder Arbeit.",
        "It is open where you live. In Germany the Chancenkarte is possible only with a "
        "residence title for training, study or work.",
    ),
)
_RESIDENCE_TOLERATED = Check(
    _RESIDENCE_RULE,
    "not_met",
    _RESIDENCE_SOURCE,
    Text(
        "Mit einer Duldung oder Aufenthaltsgestattung können Sie keine Chancenkarte bekommen.",
        "With a Duldung or an Aufenthaltsgestattung you cannot get a Chancenkarte.",
    ),
)
# Abs. 4 S. 2: in Germany only with a title of Abschnitt 3 (education) or 4 (employment).
_RESIDENCE_TITLE_MET = Check(
    _RESIDENCE_RULE,
    "met",
    _RESIDENCE_SOURCE,
    Text(
        "Mit einem Aufenthaltstitel für Ausbildung, Studium oder Arbeit können "
        "Sie die Chancenkarte in Deutschland beantragen.",
        "With a residence title for training, study or work you can apply in Germany.",
    ),
)
_RESIDENCE_TITLE_EXCLUDED = Check(
    _RESIDENCE_RULE,
    "not_met",
    _RESIDENCE_SOURCE,
    Text(
        "In Deutschland gibt es die Chancenkarte nur mit einem Aufenthaltstitel für "
        "Ausbildung, Studium oder Arbeit, nicht mit einem Titel aus familiären oder "
        "humanitären Gründen oder nach § 24.",
        "In Germany the Chancenkarte is possible only with a residence title for "
        "training, study or work, not with a family, humanitarian or § 24 title.",
    ),
    Text(
        "Mit Ihrem Titel dürfen Sie meist ohnehin arbeiten; fragen Sie eine Beratungsstelle.",
        "Your title usually lets you work anyway; ask a counselling centre.",
    ),
)
_RESIDENCE_TITLE_OPEN = Check(
    _RESIDENCE_RULE,
    "unknown",
    _RESIDENCE_SOURCE,
    Text(
        "In Deutschland gibt es die Chancenkarte nur mit einem Aufenthaltstitel für "
        "Ausbildung, Studium oder Arbeit. Ob Ihr Titel dazu gehört, ist offen.",
        "In Germany the Chancenkarte is possible only with a residence title for "
        "training, study or work. Whether yours is one is open.",
    ),
)
_RESIDENCE_VISA_FREE = Check(
    _RESIDENCE_RULE,
    "met",
    _RESIDENCE_SOURCE,
    Text(
        "Ohne Aufenthaltstitel können Sie die Chancenkarte nicht in Deutschland "
        "beantragen, aber von Ihrem Wohnland aus bei der deutschen Auslandsvertretung.",
        "Without a residence title you cannot apply in Germany, but from your country "
        "of residence at the German mission.",
    ),
)
_RESIDENCE_ABROAD = Check(
    _RESIDENCE_RULE,
    "met",
    _RESIDENCE_SOURCE,
    Text(
        "Sie beantragen die Chancenkarte bei der deutschen Auslandsvertretung.",
        "You apply at the German mission.",
    ),
)


def _residence(p: Profile) -> Check:
    if p.residence is None:
        return _RESIDENCE_OPEN
    if C.tolerated_kind(p) is not None:
        return _RESIDENCE_TOLERATED
    if p.residence == "germany_residence_permit":
        kind = p.residence_title_kind
        if kind in ("education", "employment"):
            return _RESIDENCE_TITLE_MET
        if kind in ("family", "humanitarian", "temporary_protection"):
            return _RESIDENCE_TITLE_EXCLUDED
        return _RESIDENCE_TITLE_OPEN
    if p.residence == "germany_visa_free":
        return _RESIDENCE_VISA_FREE
    return _RESIDENCE_ABROAD


SKILLED_WORKER_RULE = f"{KEY}.skilled_worker_route"
_SKILLED_WORKER_SOURCE = "§ 20a Abs. 3 Nr. 1 AufenthG; § 18 Abs. 3"
# § 18 Abs. 3 Nr. 1: equivalence found makes a Fachkraft, also after a course under 2 years.
_SKILLED_WORKER_MET = Check(
    SKILLED_WORKER_RULE,
    "met",
    _SKILLED_WORKER_SOURCE,
    Text(
        "Ihr Abschluss ist voll anerkannt. Sie sind Fachkraft und brauchen "
        "weder Punkte noch Sprachnachweis.",
        "Your qualification is fully recognised. You are a skilled worker and "
        "need neither points nor a language certificate.",
    ),
)
# A course under 2 years too: equivalence, not length, decides (§ 18 Abs. 3 Nr. 1).
_SKILLED_WORKER_OPEN = Check(
    SKILLED_WORKER_RULE,
    "unknown",
    _SKILLED_WORKER_SOURCE,
    Text(
        "Mit voll anerkanntem Abschluss bekämen Sie die Chancenkarte ohne "
        "Punkte. Die Anerkennung ist offen.",
        "With a fully recognised qualification you would get the card "
        "without points. Recognition is open.",
    ),
)
_SKILLED_WORKER_NOT_MET = Check(
    SKILLED_WORKER_RULE,
    "not_met",
    _SKILLED_WORKER_SOURCE,
    Text(
        "Ohne voll anerkannten Abschluss zählt nur der Weg über Punkte.",
        "Without a fully recognised qualification only the points route counts.",
    ),
    Text("Eine volle Anerkennung Ihres Abschlusses.", "Full recognition of your qualification."),
)


def skilled_worker_route(p: Profile) -> Check:
    """Route A, § 20a Abs. 3 Nr. 1: a Fachkraft needs neither points nor language skills."""
    # § 18 Abs. 3 Nr. 1: equivalence found makes a Fachkraft (see the constants).
    if p.qualification in SKILLED_QUALIFICATIONS and p.recognition == "full":
        return _SKILLED_WORKER_MET
    if p.recognition in (None, "pending") and p.qualification != "none":
        return _SKILLED_WORKER_OPEN
    return _SKILLED_WORKER_NOT_MET


# § 20b Abs. 1 S. 2: a partial recognition waives the proof of state recognition.
_QUALIFICATION_PARTIAL_MET = Check(
    f"{KEY}.qualification",
    "met",
    "§ 20b Abs. 1 S. 2 AufenthG",
    Text(
        "Ihre Teilanerkennung ersetzt den Nachweis der staatlichen Anerkennung.",
        "Your partial recognition replaces the proof of state recognition.",
    ),
)


def _qualification_gate(p: Profile) -> Check:
    if p.recognition == "partial":
        return _QUALIFICATION_PARTIAL_MET
    return state_recognised_check(KEY, p, "§ 20a Abs. 4 S. 3 AufenthG", it_exempt=False)


# § 20a Abs. 4 S. 3: German A1 or English B2.
_LANGUAGE_RULE = f"{KEY}.language"
_LANGUAGE_SOURCE = "§ 20a Abs. 4 S. 3 AufenthG"
_LANGUAGE_MET = Check(
    _LANGUAGE_RULE,
    "met",
    _LANGUAGE_SOURCE,
    Text(
        "Sie haben Deutsch mindestens auf A1 oder Englisch mindestens auf B2.",
        "You have German at least at A1 or English at least at B2.",
    ),
)
_LANGUAGE_OPEN = Check(
    _LANGUAGE_RULE,
    "unknown",
    _LANGUAGE_SOURCE,
    Text(
        "Nötig ist Deutsch auf A1 oder Englisch auf B2. Das ist offen.",
        "German A1 or English B2 is needed. That is open.",
    ),
)
_LANGUAGE_NOT_MET = Check(
    _LANGUAGE_RULE,
    "not_met",
    _LANGUAGE_SOURCE,
    Text(
        "Sie brauchen Deutsch mindestens auf A1 oder Englisch mindestens auf B2.",
        "You need German at least at A1 or English at least at B2.",
    ),
    Text(
        "Ein Deutschzertifikat A1 oder ein Englischzertifikat B2 öffnet diese Voraussetzung.",
        "A German A1 or an English B2 certificate opens this requirement.",
    ),
)


def _language_gate(p: Profile) -> Check:
    german, english = p.german_rank, p.english_rank
    if (german is not None and german >= A1) or (english is not None and english >= B2):
        return _LANGUAGE_MET
    if german is None or english is None:
        return _LANGUAGE_OPEN
    return _LANGUAGE_NOT_MET


_POINTS_RULE = f"{KEY}.points"


def _points_check(p: Profile, pts: Points, minimum: int) -> Check:
    if pts.total >= minimum:
        return Check(
            _POINTS_RULE,
            "met",
            SOURCE,
            Text.format(
                "Sie erreichen {total} Punkte (nötig: {minimum}).",
                "You reach {total} points (needed: {minimum}).",
                total=pts.total,
                minimum=minimum,
            ),
        )
    if pts.potential >= minimum:
        return Check(
            _POINTS_RULE,
            "unknown",
            SOURCE,
            Text.format(
                "Sie erreichen bisher {total} Punkte (nötig: {minimum}). Mit den offenen "
                "Angaben wären bis zu {potential} möglich.",
                "So far you reach {total} points (needed: {minimum}). With the open answers up "
                "to {potential} are possible.",
                total=pts.total,
                minimum=minimum,
                potential=pts.potential,
            ),
            _points_fix(p, pts, minimum),
        )
    return Check(
        _POINTS_RULE,
        "not_met",
        SOURCE,
        Text.format(
            "Sie erreichen {total} Punkte, nötig sind {minimum}.",
            "You reach {total} points; {minimum} are needed.",
            total=pts.total,
            minimum=minimum,
        ),
        _points_fix(p, pts, minimum),
    )


_DURATION = Text(
    "Etwa 2 bis 4 Monate bis zum Visum; die Chancenkarte gilt bis zu 1 Jahr.",
    "About 2 to 4 months to the visa; the card is valid for up to 1 year.",
)
_NEEDS_GERMAN = Text("A1 (oder Englisch B2) im Punkteweg", "A1 (or English B2) on the points route")
# The points route without a minimum (no figure for the date): the card did not exist yet.
_NOT_YET_IN_FORCE = Check(
    f"{KEY}.in_force",
    "not_met",
    "§§ 20a, 20b AufenthG",
    Text(
        "Die Chancenkarte gab es am gewählten Datum noch nicht.",
        "The Chancenkarte did not exist yet on the chosen date.",
    ),
)
# § 20a Abs. 3 "kann": the discretion is said, not scored.
_DISCRETION = C.discretion(KEY, "§ 20a Abs. 3 AufenthG")


def evaluate(p: Profile, ctx: C.Context) -> PathwayResult:
    steps = steps_for(KEY, ctx.on, means=ctx.monthly_means)
    sum_ = C.summary(
        steps,
        _DURATION,
        needs_recognition=False,
        needs_job_offer=False,
        needs_german=_NEEDS_GERMAN,
    )
    pts = points(p, ctx)
    gate = C.free_movement(KEY, p) or C.not_in_force(KEY, ctx)
    if gate is not None or ctx.min_points is None:
        blocked = C.blocked(KEY, TITLE, LEGAL_BASIS, gate or _NOT_YET_IN_FORCE, sum_)
        return _with_points(blocked, pts, None)
    common = (
        _residence(p),
        means_check(KEY, p, ctx, "§ 20a Abs. 4 S. 1 AufenthG; § 2 Abs. 3 S. 1 AufenthG"),
    )
    route_a: tuple[Check, ...] = (skilled_worker_route(p),)
    route_b: tuple[Check, ...] = (
        _qualification_gate(p),
        _language_gate(p),
        _points_check(p, pts, ctx.min_points),
    )
    verdict_a, verdict_b = verdict_of(route_a), verdict_of(route_b)
    route, chosen = ("skilled_worker", route_a)
    if VERDICT_RANK[verdict_b] > VERDICT_RANK[verdict_a]:
        route, chosen = ("points", route_b)
    elif verdict_a == verdict_b == "not_eligible":
        chosen = route_a + route_b
    checks = (*common, *chosen, _DISCRETION)
    verdict = verdict_of(checks)
    return PathwayResult(
        KEY,
        TITLE,
        LEGAL_BASIS,
        verdict,
        checks,
        sum_,
        steps,
        pts.total,
        pts.items,
        None,
        route if verdict != "not_eligible" else None,
    )


def _with_points(result: PathwayResult, pts: Points, route: str | None) -> PathwayResult:
    return PathwayResult(
        result.key,
        result.title,
        result.legal_basis,
        result.verdict,
        result.checks,
        result.summary,
        result.steps,
        pts.total,
        pts.items,
        None,
        route,
    )
