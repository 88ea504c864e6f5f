"""Dated figures of German labour-migration law, each with its source, its dates and a confidence.

Legal basis: § 18 Abs. 2 Nr. 5, § 18g, § 20a, § 20b and Anlage AufenthG; §§ 1 Abs. 2, 6, 26 Abs. 2
BeschV; §§ 45-47, 52a AufenthV; § 1 Abs. 2 MiLoG with the Fünfte Mindestlohnanpassungsverordnung;
fee schedules of ZAB and IHK FOSA. Figures last checked: see ``checked`` on each line.

A figure that changes gets a new ``Dated`` line: ``valid_from``, value, source (title and
paragraph), ``known_until`` (the last day for which the value is published: the BMI announces the
salary thresholds for a year by 31 December of the year before, § 18 Abs. 2 Nr. 5 S. 3 and § 18g
Abs. 7 AufenthG, § 1 Abs. 2 S. 5 and § 6 Abs. 2 S. 2 BeschV; the means by 31 August, § 2 Abs. 3
S. 7 AufenthG), ``checked`` (when we last compared it with its source) and a confidence ("H" read
in statute or on an authority page, "M" consistent secondary sources or arithmetic, "L" one
secondary source, "?" conflicting or unconfirmed). Adding the 2027 figures, once published, is one
line each. Evaluating on a date past ``known_until`` uses the last value and says so in the result
(``common.Context.notices``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

RULES_VERSION = "2027.3"
LAST_CHECKED = date(2026, 12, 2)

# The digest's figures start in 2024; earlier dates would silently use wrong thresholds.
SUPPORTED_FROM = date(2024, 1, 1)


@dataclass(frozen=True, slots=True)
class Dated[T]:
    """One value of a figure, valid from ``valid_from`` until the next entry of its series.

    ``known_until``: the last day for which this value is known to apply (published or fixed by
    statute); after it the value is only the best guess. ``checked``: when it was last compared
    with ``source``.
    """

    valid_from: date
    value: T
    source: str
    known_until: date
    checked: date
    confidence: str = "H"


def value_on[V](series: Sequence[Dated[V]], on: date) -> V:
    """The value in force on ``on``; the series is sorted by ``valid_from``."""
    return entry_on(series, on).value


def entry_on[V](series: Sequence[Dated[V]], on: date) -> Dated[V]:
    """The entry in force on ``on`` (with its source), or ``LookupError`` before the first."""
    found: Dated[V] | None = None
    for entry in series:
        if entry.valid_from > on:
            break
        found = entry
    if found is None:
        raise LookupError(f"no value before {series[0].valid_from.isoformat()}")
    return found


CHECKED = date(2026, 12, 2)
# Figures that change every year: each value is known up to the end of its calendar year.
END_2024, END_2025, END_2026, END_2027 = (date(year, 12, 31) for year in (2024, 2025, 2026, 2027))


def _yearly(
    values: dict[int, str], source: str, confidence: str = "H"
) -> tuple[Dated[Decimal], ...]:
    return tuple(
        Dated(date(year, 1, 1), Decimal(value), source, date(year, 12, 31), CHECKED, confidence)
        for year, value in values.items()
    )


# Beitragsbemessungsgrenze der allgemeinen Rentenversicherung (West until 2024, one value since).
BBG = _yearly(
    {2024: "90600", 2025: "96600", 2026: "101400"},
    "Sozialversicherungs-Rechengrößenverordnung, § 159 SGB VI; [S14][S15]",
)

BLUE_CARD_STANDARD = _yearly(
    {2024: "45300", 2025: "48300", 2026: "50700"},
    "§ 18g Abs. 1 S. 1 AufenthG (50 % BBG), Bekanntmachung des BMI",
)
BLUE_CARD_REDUCED = _yearly(
    {2024: "41041.80", 2025: "43759.80", 2026: "45934.20"},
    "§ 18g Abs. 1 S. 2, Abs. 2 Nr. 1 AufenthG (45,3 % BBG), Bekanntmachung des BMI",
)
EXPERIENCE_ROUTE_FLOOR = (
    Dated(
        date(2024, 1, 1),
        Decimal("40770"),
        "§ 6 Abs. 1 S. 1 Nr. 2 BeschV (45 % BBG)",
        END_2024,
        CHECKED,
        "M",
    ),
    Dated(
        date(2025, 1, 1),
        Decimal("43470"),
        "§ 6 Abs. 1 S. 1 Nr. 2 BeschV (45 % BBG)",
        END_2025,
        CHECKED,
        "M",
    ),
    Dated(
        date(2026, 1, 1),
        Decimal("45630"),
        "§ 6 Abs. 1 S. 1 Nr. 2, Abs. 2 S. 2 BeschV (45 % BBG), Bekanntmachung des BMI",
        END_2026,
        CHECKED,
    ),
)
AGE45_FLOOR = _yearly(
    {2024: "49830", 2025: "53130", 2026: "55770"},
    "§ 18 Abs. 2 Nr. 5 AufenthG, § 1 Abs. 2 BeschV (55 % BBG), Bekanntmachung des BMI",
)

# Gesetzlicher Mindestlohn per hour (§ 1 Abs. 2 MiLoG). 2024-2025: Vierte
# Mindestlohnanpassungsverordnung of 24.11.2023; 2026-2027: Fünfte
# Mindestlohnanpassungsverordnung (MiLoV5) of 5.11.2025, BGBl. 2025 I Nr. 268, § 1 Nr. 1-2.
MINIMUM_WAGE_HOURLY = (
    Dated(
        date(2024, 1, 1), Decimal("12.41"), "§ 1 Nr. 1 MiLoV4, § 1 Abs. 2 MiLoG", END_2024, CHECKED
    ),
    Dated(
        date(2025, 1, 1), Decimal("12.82"), "§ 1 Nr. 2 MiLoV4, § 1 Abs. 2 MiLoG", END_2025, CHECKED
    ),
    Dated(
        date(2026, 1, 1), Decimal("13.90"), "§ 1 Nr. 1 MiLoV5, § 1 Abs. 2 MiLoG", END_2026, CHECKED
    ),
    Dated(
        date(2027, 1, 1), Decimal("14.60"), "§ 1 Nr. 2 MiLoV5, § 1 Abs. 2 MiLoG", END_2027, CHECKED
    ),
)
# The profile asks for the yearly salary of a full-time offer, not the hours. Full time is at
# least 35 hours a week (the shortest full-time week of large collective agreements) and usually
# 40: below the 35-hour amount a full-time offer is certainly under the minimum wage; between the
# 35- and the 40-hour amount it depends on the weekly hours (an open point).
FULL_TIME_HOURS_MIN = 35
FULL_TIME_HOURS_USUAL = 40
WEEKS_PER_YEAR = 52

# Monthly means. § 2 Abs. 3 S. 5-6 AufenthG fix them for §§ 16d, 16f (language courses) and 17:
# the BAföG need (§§ 13, 13a BAföG) plus 10 %; the BMI announces them by 31 August of the year
# before (S. 7). § 2 Abs. 3 S. 6 does not name the Chancenkarte: for it, § 20a Abs. 4 S. 1 only
# requires secured means, and the missions apply the same amount in practice ([S22]).
MONTHLY_MEANS_EUR = (
    Dated(date(2024, 1, 1), 1027, "§ 2 Abs. 3 S. 5-6 AufenthG, [S24]", END_2024, CHECKED, "H"),
    Dated(date(2025, 1, 1), 1091, "§ 2 Abs. 3 S. 5-6 AufenthG, [S22][S24]", END_2025, CHECKED, "H"),
    # 2026 is inferred (BAföG unchanged); RuleOptions.monthly_means_2026_eur can override it.
    Dated(date(2026, 1, 1), 1091, "§ 2 Abs. 3 S. 5-6 AufenthG, [S12][S24]", END_2026, CHECKED, "M"),
)

WESTBALKAN_QUOTA = (
    Dated(date(2021, 1, 1), 25_000, "§ 26 Abs. 2 S. 3 BeschV (a. F.)", date(2024, 5, 31), CHECKED),
    Dated(date(2024, 6, 1), 50_000, "§ 26 Abs. 2 S. 3 BeschV", END_2025, CHECKED),
    # 2026: the coalition plans 25,000; no Verordnung found. RuleOptions.westbalkan_quota_2026.
    Dated(date(2026, 1, 1), 50_000, "§ 26 Abs. 2 S. 3 BeschV", END_2026, CHECKED, "?"),
)


@dataclass(frozen=True, slots=True)
class QuotaExhausted:
    """A calendar year's Westbalkan quota was used up on ``on`` for nationals of ``states``.

    After that day the BA refuses pending requests for that year and processes new requests only
    from 1 January of the next year (§ 26 Abs. 2 S. 3 BeschV; the BA's notices).
    """

    year: int
    on: date
    states: tuple[str, ...]
    source: str
    checked: date
    confidence: str = "H"


WESTBALKAN_QUOTA_EXHAUSTED = (
    # BA page on the Westbalkanregelung (September 2024): requests for nationals of Kosovo and
    # Albania exceed the annual contingent; new requests for work starting in 2024 cannot be
    # considered. The page gives the month, not the day.
    QuotaExhausted(
        2024,
        date(2024, 9, 1),
        ("XK", "AL"),
        "arbeitsagentur.de, Westbalkanregelung, Hinweis September 2024",
        CHECKED,
        "M",
    ),
    # The BA informed employers that the 2025 contingent was used up at the end of November 2025
    # (tageskarte.io; DEHOGA Bayern: "seit Anfang Dezember").
    QuotaExhausted(
        2025,
        date(2025, 11, 30),
        ("AL", "BA", "XK", "ME", "MK", "RS"),
        "BA-Information an Arbeitgeber, Ende November 2025 ([S5])",
        CHECKED,
    ),
)

OPPORTUNITY_CARD_MIN_POINTS = (
    Dated(date(2024, 6, 1), 6, "§ 20b Abs. 2 S. 2 AufenthG, Anlage", END_2026, CHECKED, "H"),
)

# Fees in EUR as (min, max). Fees are not announced yearly; ``known_until`` is the end of the
# period we checked them for.
FEE_VISA = (Dated(date(2024, 1, 1), (75, 75), "§ 46 Abs. 2 Nr. 1 AufenthV", END_2026, CHECKED),)
FEE_ACCELERATED = (
    Dated(date(2024, 1, 1), (411, 411), "§ 47 Abs. 1 Nr. 15 AufenthV", END_2026, CHECKED),
)
FEE_PERMIT = (Dated(date(2024, 1, 1), (100, 100), "§ 45 Nr. 1 AufenthV", END_2026, CHECKED),)
# § 52a Abs. 2 AufenthV: for Turkish nationals under the EU-Turkey association law
# (Assoziationsberechtigte, Abs. 1) a residence title (§§ 44-45) costs what a German identity
# card costs: 22.80 € under 24, 37 € from 24 (PAuswGebV), since 7 February 2026 27.60 € and
# 46 € (BMI-Verordnung, BGBl. of 6.2.2026). Whole euros as (under 24 rounded up, from 24).
FEE_PERMIT_ASSOCIATION = (
    Dated(
        date(2024, 1, 1),
        (23, 37),
        "§ 52a Abs. 2 AufenthV; § 1 PAuswGebV",
        date(2026, 2, 6),
        CHECKED,
    ),
    Dated(
        date(2026, 2, 7),
        (28, 46),
        "§ 52a Abs. 2 AufenthV; § 1 PAuswGebV (Fassung ab 7.2.2026)",
        END_2026,
        CHECKED,
        "M",
    ),
)
FEE_ZAB_DEGREE = (
    Dated(date(2024, 1, 1), (200, 200), "ZAB Zeugnisbewertung, BQPGebVO Berlin", END_2026, CHECKED),
)
FEE_ZAB_DAB = (
    Dated(date(2025, 1, 1), (150, 150), "ZAB DAB, Gebührenordnung Berlin", END_2026, CHECKED),
)
FEE_IHK_FOSA = (
    Dated(date(2024, 1, 1), (100, 600), "IHK FOSA Gebührenverzeichnis", END_2026, CHECKED),
)

# Entry into force of the routes (fixed by statute, so known without end).
FOREVER = date(9999, 12, 31)
ROUTE_IN_FORCE = {
    "westbalkan": Dated(date(2016, 1, 1), True, "§ 26 Abs. 2 BeschV", FOREVER, CHECKED),
    "skilled_worker": Dated(date(2020, 3, 1), True, "§§ 18a, 18b AufenthG (FEG)", FOREVER, CHECKED),
    "blue_card": Dated(date(2023, 11, 18), True, "§ 18g AufenthG", FOREVER, CHECKED),
    "accelerated_procedure": Dated(
        date(2020, 3, 1), True, "§ 81a AufenthG (FEG)", FOREVER, CHECKED
    ),
    "recognition_partnership": Dated(
        date(2024, 3, 1), True, "§ 16d Abs. 3 AufenthG", FOREVER, CHECKED
    ),
    "opportunity_card": Dated(date(2024, 6, 1), True, "§§ 20a, 20b AufenthG", FOREVER, CHECKED),
    "experience_route": Dated(
        date(2024, 3, 1), True, "§ 19c Abs. 2 AufenthG, § 6 BeschV", FOREVER, CHECKED
    ),
    "recognition_measures": Dated(
        date(2020, 3, 1), True, "§ 16d Abs. 1 AufenthG", FOREVER, CHECKED
    ),
    "language_course": Dated(date(2020, 3, 1), True, "§ 16f Abs. 1 AufenthG", FOREVER, CHECKED),
}
# § 16d Abs. 1 (24 months, side work 20 hours a week) and § 16f Abs. 3 S. 4 (work up to 20 hours)
# in their current form since 1 March 2024 (Gesetz zur Weiterentwicklung der
# Fachkräfteeinwanderung, BGBl. 2023 I Nr. 217).
WORK_RULES_2024_03 = Dated(
    date(2024, 3, 1), True, "§ 16d Abs. 1, § 16f Abs. 3 AufenthG (FEG 2023)", FOREVER, CHECKED
)

# The series that carry a year's published figure, with the name shown in a notice.
YEARLY_FIGURES: dict[str, tuple[Dated[Any], ...]] = {
    "blue_card_standard": BLUE_CARD_STANDARD,
    "blue_card_reduced": BLUE_CARD_REDUCED,
    "experience_floor": EXPERIENCE_ROUTE_FLOOR,
    "age45_floor": AGE45_FLOOR,
    "monthly_means": MONTHLY_MEANS_EUR,
    "minimum_wage": MINIMUM_WAGE_HOURLY,
    "westbalkan_quota": WESTBALKAN_QUOTA,
}

# Occupational groups of § 18g Abs. 1 S. 2 Nr. 1 AufenthG (ISCO-08), also used by § 20b Nr. 8.
SHORTAGE_ISCO_GROUPS = ("132", "133", "134", "21", "221", "222", "225", "226", "23", "25")
# ICT professionals for § 18g Abs. 2 and § 6 Abs. 1 S. 3 BeschV.
IT_ISCO_GROUPS = ("133", "25")

WESTBALKAN_STATES = ("AL", "BA", "XK", "ME", "MK", "RS")
# Freizügigkeit: EU, EEA and Switzerland need no title under the AufenthG.
FREE_MOVEMENT_STATES = frozenset(
    (
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
        "IS",
        "LI",
        "NO",
        "CH",
    )
)
