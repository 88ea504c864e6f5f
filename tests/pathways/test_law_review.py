"""Second statute review of the rules (after issue 9): one table per finding.

Every row failed on the rules before the fix and passes after it; rows marked "guard" pin the
neighbouring case that must not move.
"""

from __future__ import annotations

import pytest

from .profiles import DELIC, ON, make_profile
from .test_rules_table import CK_FOUR, assert_verdicts

E, P, N = "eligible", "possible", "not_eligible"


def _rows(*rows):
    return [pytest.param(profile, day, expected, id=name) for name, profile, day, expected in rows]


# § 18 Abs. 3 Nr. 1 AufenthG: a Fachkraft "eine mit einer inländischen qualifizierten
# Berufsausbildung gleichwertige ausländische Berufsqualifikation besitzt". The equivalence
# notice decides, not the length of the course: while recognition is pending (or the person
# does not know how far it is) a course under 2 years is an open point, not a failure.
SHORT_COURSE_OPEN = _rows(
    (
        "short-course-recognition-pending-skilled-worker-open",
        make_profile(DELIC, qualification="vocational_short", recognition="pending"),
        ON,
        {"skilled_worker": P},
    ),
    (
        "short-course-recognition-unknown-skilled-worker-open",
        make_profile(DELIC, qualification="vocational_short", recognition=None),
        ON,
        {"skilled_worker": P},
    ),
    (
        "short-course-recognition-pending-chancenkarte-skilled-route-open",
        make_profile(CK_FOUR, age=45, qualification="vocational_short", recognition="pending"),
        ON,
        {"opportunity_card": P},
    ),
    (
        "short-course-partial-equivalence-still-fails (guard)",
        make_profile(DELIC, qualification="vocational_short", recognition="partial"),
        ON,
        {"skilled_worker": N},
    ),
    (
        "short-course-not-applied-for-still-fails (guard)",
        make_profile(DELIC, qualification="vocational_short", recognition="none"),
        ON,
        {"skilled_worker": N},
    ),
    (
        "short-course-full-equivalence-eligible (guard)",
        make_profile(DELIC, qualification="vocational_short", recognition="full"),
        ON,
        {"skilled_worker": E},
    ),
)

TABLES = {"short_course_open": SHORT_COURSE_OPEN}


@pytest.mark.parametrize(
    ("profile", "day", "expected"), [row for table in TABLES.values() for row in table]
)
def test_law_review(profile, day, expected):
    assert_verdicts(profile, day, expected)
