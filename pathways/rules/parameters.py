"""Dated figures of German labour-migration law, each with its source and a confidence flag.

Legal basis: § 18 Abs. 2 Nr. 5, § 18g, § 20b and Anlage AufenthG; §§ 1 Abs. 2, 6, 26 Abs. 2 BeschV;
§§ 45-47 AufenthV; § 2 Abs. 3 AufenthG; fee schedules of ZAB and IHK FOSA.
Figures last checked: 2026-01-15 against the domain digest (shared/domain/rules.md, §0).

A figure that changes gets a new ``Dated`` line with ``valid_from``, value, source and confidence
("H" read in statute or on an authority page, "M" consistent secondary sources or arithmetic,
"L" one secondary source, "?" conflicting or unconfirmed), so a yearly change is a one-line diff.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

RULES_VERSION = "2026.2"
LAST_CHECKED = date(2026, 1, 15)

# The digest's figures start in 2024; earlier dates would silently use wrong thresholds.
SUPPORTED_FROM = date(2024, 1, 1)


@dataclass(frozen=True, slots=True)
class Dated[T]:
    """One value of a figure, valid from ``valid_from`` until the next entry of its series."""

    valid_from: date
    value: T
    source: str
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


def _yearly(
    values: dict[int, str], source: str, confidence: str = "H"
) -> tuple[Dated[Decimal], ...]:
    return tuple(
        Dated(date(year, 1, 1), Decimal(value), source, confidence)
        for year, value in values.items()
    )


# Beitragsbemessungsgrenze der allgemeinen Rentenversicherung (West until 2024, one value since).
BBG = _yearly({2024: "90600", 2025: "96600", 2026: "101400"}, "BBG RV, [S14][S15]")

BLUE_CARD_STANDARD = _yearly(
    {2024: "45300", 2025: "48300", 2026: "50700"}, "§ 18g Abs. 1 S. 1 AufenthG (50 % BBG)"
)
BLUE_CARD_REDUCED = _yearly(
    {2024: "41041.80", 2025: "43759.80", 2026: "45934.20"},
    "§ 18g Abs. 1 S. 2, Abs. 2 AufenthG (45,3 % BBG)",
)
EXPERIENCE_ROUTE_FLOOR = (
    Dated(date(2024, 1, 1), Decimal("40770"), "§ 6 Abs. 1 S. 1 Nr. 2 BeschV (45 % BBG)", "M"),
    Dated(date(2025, 1, 1), Decimal("43470"), "§ 6 Abs. 1 S. 1 Nr. 2 BeschV (45 % BBG)", "M"),
    Dated(date(2026, 1, 1), Decimal("45630"), "§ 6 Abs. 1 S. 1 Nr. 2 BeschV (45 % BBG)", "H"),
)
AGE45_FLOOR = _yearly(
    {2024: "49830", 2025: "53130", 2026: "55770"},
    "§ 18 Abs. 2 Nr. 5 AufenthG, § 1 Abs. 2 BeschV (55 % BBG)",
)

# Monthly means for Chancenkarte, § 16d, § 16f and § 17: BAföG need + 10 %, § 2 Abs. 3 AufenthG.
MONTHLY_MEANS_EUR = (
    Dated(date(2024, 1, 1), 1027, "§ 2 Abs. 3 AufenthG, [S24]", "H"),
    Dated(date(2025, 1, 1), 1091, "§ 2 Abs. 3 AufenthG, [S22][S24]", "H"),
    # 2026 is inferred (BAföG unchanged); RuleOptions.monthly_means_2026_eur can override it.
    Dated(date(2026, 1, 1), 1091, "§ 2 Abs. 3 AufenthG, [S12][S24]", "M"),
)

WESTBALKAN_QUOTA = (
    Dated(date(2021, 1, 1), 25_000, "§ 26 Abs. 2 S. 3 BeschV (a. F.)", "H"),
    Dated(date(2024, 6, 1), 50_000, "§ 26 Abs. 2 S. 3 BeschV", "H"),
    # 2026: the coalition plans 25,000; no Verordnung found. RuleOptions.westbalkan_quota_2026.
    Dated(date(2026, 1, 1), 50_000, "§ 26 Abs. 2 S. 3 BeschV", "?"),
)

OPPORTUNITY_CARD_MIN_POINTS = (Dated(date(2024, 6, 1), 6, "Anlage zu § 20a, § 20b AufenthG", "H"),)

# Fees in EUR as (min, max).
FEE_VISA = (Dated(date(2024, 1, 1), (75, 75), "§ 46 Abs. 2 Nr. 1 AufenthV"),)
FEE_ACCELERATED = (Dated(date(2024, 1, 1), (411, 411), "§ 47 Abs. 1 Nr. 15 AufenthV"),)
FEE_PERMIT = (Dated(date(2024, 1, 1), (100, 100), "§ 45 Nr. 1 AufenthV"),)
FEE_ZAB_DEGREE = (Dated(date(2024, 1, 1), (200, 200), "ZAB Zeugnisbewertung, BQPGebVO Berlin"),)
FEE_ZAB_DAB = (Dated(date(2025, 1, 1), (150, 150), "ZAB DAB, Gebührenordnung Berlin"),)
FEE_IHK_FOSA = (Dated(date(2024, 1, 1), (100, 600), "IHK FOSA Gebührenverzeichnis"),)

# Entry into force of the routes.
ROUTE_IN_FORCE = {
    "westbalkan": Dated(date(2016, 1, 1), True, "§ 26 Abs. 2 BeschV"),
    "skilled_worker": Dated(date(2020, 3, 1), True, "§§ 18a, 18b AufenthG (FEG)"),
    "blue_card": Dated(date(2023, 11, 18), True, "§ 18g AufenthG"),
    "accelerated_procedure": Dated(date(2020, 3, 1), True, "§ 81a AufenthG (FEG)"),
    "recognition_partnership": Dated(date(2024, 3, 1), True, "§ 16d Abs. 3 AufenthG"),
    "opportunity_card": Dated(date(2024, 6, 1), True, "§§ 20a, 20b AufenthG"),
    "experience_route": Dated(date(2024, 3, 1), True, "§ 19c Abs. 2 AufenthG, § 6 BeschV"),
    "recognition_measures": Dated(date(2020, 3, 1), True, "§ 16d Abs. 1 AufenthG"),
    "language_course": Dated(date(2020, 3, 1), True, "§ 16f Abs. 1 AufenthG"),
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
