"""Named settings for the points of doubt of the domain digest (§11), each with its default.

Legal basis: see each field. Last checked: 2026-12-02. Changing a default is a policy decision:
regenerate the golden corpus and say why in the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .parameters import SHORTAGE_ISCO_GROUPS


@dataclass(frozen=True, slots=True)
class RuleOptions:
    # §11 Nr. 5: § 20b Abs. 1 Nr. 9 says "nicht älter als 35", so a 35-year-old gets 2 points.
    # False follows the sites that say "unter 35" (35 then gives 1 point).
    opportunity_card_age_boundary_inclusive: bool = True
    # §11 Nr. 5: Nr. 8 of the Anlage refers to the ISCO groups of § 18g Abs. 1 S. 2 Nr. 1, not
    # to the BA's Engpass list. Also used for the reduced Blue Card threshold.
    shortage_occupations: tuple[str, ...] = SHORTAGE_ISCO_GROUPS
    # §11 Nr. 1: the statute says 50,000; the coalition plans 25,000 (no Verordnung found).
    westbalkan_quota_2026: int = 50_000
    # §11 Nr. 11: the 24 months of § 26 Abs. 2 S. 4 BeschV are counted back from the visa
    # application ("vor Antragstellung", as the secondary sources read it) or from the BA
    # request, which comes earlier; the answer is asked relative to the chosen date.
    asylbl_window_reference: Literal["visa_application", "ba_request"] = "visa_application"
    # The answer is in whole months, so "24 months ago" may lie just inside or just outside
    # the window depending on the days: "check_exact_date" leaves it open (possible),
    # "inside" treats it as within the window, "outside" as after it.
    asylbl_boundary_24_months: Literal["check_exact_date", "inside", "outside"] = "check_exact_date"
    # §11 Nr. 6: what counts as adequate pension provision is not known; "manual" leaves the
    # case open for review (possible), "accept" takes the answer as proof.
    age45_pension_review: Literal["manual", "accept"] = "manual"
    # §11 Nr. 2: the statute says "mit Vorrangprüfung", a BA instruction reportedly waives it.
    # "ba_internal" treats it as the BA's own check (not asked); "open" leaves it open.
    westbalkan_priority_check: Literal["ba_internal", "open"] = "ba_internal"
    # §11 Nr. 8: § 81a Abs. 5 ("sonstige qualifizierte Beschäftigte") covers § 19c Abs. 2.
    accelerated_covers_experience_route: bool = True
    # §11 Nr. 4: means for 2026 inferred from unchanged BAföG rates.
    monthly_means_2026_eur: int = 1091
    # § 18 Abs. 2 Nr. 5 S. 2 AufenthG and § 1 Abs. 2 S. 3 BeschV: the authority may waive the
    # age-45 floor "insbesondere, wenn die Gehaltsschwelle nur geringfügig unterschritten ...
    # wird". The statute does not say how much is "geringfügig"; a salary up to this share under
    # the floor is left open (possible, ask a counsellor) instead of failed. Not for the
    # Westbalkanregelung: § 1 Abs. 2 S. 4 BeschV excludes S. 3.
    age45_slightly_below_share: Decimal = Decimal("0.10")
    # After the last published year of a salary threshold (known_until), the next year's value
    # is unknown. It follows the BBG, which rose 6.6 % (2025) and 5.0 % (2026): a salary that
    # reaches last year's threshold but not last year's times this rise is left open.
    plausible_yearly_rise: Decimal = Decimal("0.07")


DEFAULT_OPTIONS = RuleOptions()
