"""The date arithmetic of hiring timelines: deadlines on the calendar of a chosen Land."""

from dataclasses import dataclass
from datetime import date

import pytest

from pathways.rules.schedule import WorkingCalendar, add_months, period_end, plan


@pytest.mark.parametrize(
    ("start", "amount", "unit", "land", "expected"),
    [
        # calendar days
        pytest.param(
            date(2025, 6, 2), 14, "calendar_days", "BE", date(2025, 6, 16), id="days-plain"
        ),
        pytest.param(
            date(2025, 6, 13),
            1,
            "calendar_days",
            "BE",
            date(2025, 6, 16),
            id="days-saturday-moves-to-monday",
        ),
        pytest.param(
            date(2025, 9, 19),
            14,
            "calendar_days",
            "BE",
            date(2025, 10, 6),
            id="days-tag-der-einheit",
        ),
        pytest.param(
            date(2025, 6, 5),
            14,
            "calendar_days",
            "BY",
            date(2025, 6, 20),
            id="days-fronleichnam-bayern",
        ),
        pytest.param(
            date(2025, 6, 5),
            14,
            "calendar_days",
            "BE",
            date(2025, 6, 19),
            id="days-fronleichnam-not-berlin",
        ),
        pytest.param(
            date(2025, 12, 11), 14, "calendar_days", "BE", date(2025, 12, 29), id="days-christmas"
        ),
        pytest.param(
            date(2025, 12, 11), 21, "calendar_days", "NW", date(2026, 1, 2), id="days-new-year"
        ),
        # weeks
        pytest.param(
            date(2025, 6, 7), 1, "weeks", "BE", date(2025, 6, 16), id="weeks-saturday-start"
        ),
        pytest.param(
            date(2025, 9, 26), 1, "weeks", "HH", date(2025, 10, 6), id="weeks-tag-der-einheit"
        ),
        pytest.param(
            date(2025, 6, 12), 1, "weeks", "BY", date(2025, 6, 20), id="weeks-fronleichnam-bayern"
        ),
        pytest.param(
            date(2025, 6, 12),
            1,
            "weeks",
            "BE",
            date(2025, 6, 19),
            id="weeks-fronleichnam-not-berlin",
        ),
        pytest.param(
            date(2025, 12, 18), 2, "weeks", "BE", date(2026, 1, 2), id="weeks-year-change"
        ),
        # months
        pytest.param(
            date(2025, 1, 31), 1, "months", "BE", date(2025, 2, 28), id="months-end-of-february"
        ),
        pytest.param(
            date(2024, 1, 31), 1, "months", "BE", date(2024, 2, 29), id="months-leap-year"
        ),
        pytest.param(
            date(2025, 3, 31), 2, "months", "BE", date(2025, 6, 2), id="months-31st-to-saturday"
        ),
        pytest.param(
            date(2025, 8, 3), 2, "months", "BE", date(2025, 10, 6), id="months-tag-der-einheit"
        ),
        pytest.param(
            date(2025, 4, 19), 2, "months", "BY", date(2025, 6, 20), id="months-fronleichnam-bayern"
        ),
        pytest.param(
            date(2025, 4, 19),
            2,
            "months",
            "BE",
            date(2025, 6, 19),
            id="months-fronleichnam-not-berlin",
        ),
        pytest.param(
            date(2025, 11, 6), 2, "months", "BY", date(2026, 1, 7), id="months-drei-koenige-bayern"
        ),
        pytest.param(
            date(2025, 11, 6),
            2,
            "months",
            "BE",
            date(2026, 1, 6),
            id="months-drei-koenige-not-berlin",
        ),
        pytest.param(
            date(2025, 11, 30), 3, "months", "BE", date(2026, 3, 2), id="months-year-change"
        ),
        # working days
        pytest.param(
            date(2025, 6, 26), 3, "working_days", "BE", date(2025, 7, 1), id="workdays-weekend"
        ),
        pytest.param(
            date(2025, 6, 5),
            3,
            "working_days",
            "BE",
            date(2025, 6, 11),
            id="workdays-pfingstmontag",
        ),
        pytest.param(
            date(2025, 6, 17),
            3,
            "working_days",
            "BY",
            date(2025, 6, 23),
            id="workdays-fronleichnam-bayern",
        ),
        pytest.param(
            date(2025, 6, 17),
            3,
            "working_days",
            "BE",
            date(2025, 6, 20),
            id="workdays-fronleichnam-not-berlin",
        ),
        pytest.param(
            date(2025, 12, 23), 3, "working_days", "BE", date(2025, 12, 30), id="workdays-christmas"
        ),
        pytest.param(
            date(2025, 12, 30), 3, "working_days", "BE", date(2026, 1, 5), id="workdays-year-change"
        ),
        pytest.param(
            date(2025, 6, 18), 0, "working_days", "BE", date(2025, 6, 18), id="workdays-none"
        ),
    ],
)
def test_a_period_ends_on_the_working_day_the_law_gives(start, amount, unit, land, expected):
    assert period_end(start, amount, unit, WorkingCalendar(land)) == expected


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 8, 31), 1, date(2025, 9, 30)),
        (date(2025, 11, 15), 2, date(2026, 1, 15)),
        (date(2025, 12, 31), 14, date(2027, 2, 28)),
    ],
)
def test_adding_months_keeps_the_day_or_takes_the_last_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


def test_an_unknown_unit_or_land_is_refused():
    with pytest.raises(ValueError, match="unit"):
        period_end(date(2025, 1, 1), 1, "fortnights", WorkingCalendar("BE"))
    with pytest.raises(ValueError, match="Land"):
        WorkingCalendar("XX")


@dataclass(frozen=True)
class D:
    amount: int
    unit: str


@dataclass(frozen=True)
class F:
    min_eur: int
    max_eur: int


@dataclass(frozen=True)
class S:
    key: str
    phase: str
    duration: D | None = None
    fee: F | None = None


STEPS = (
    S("counselling", "preparation", D(2, "weeks")),
    S("agreement", "preparation", D(1, "weeks"), F(411, 411)),
    S("recognition", "procedure", D(2, "months"), F(100, 600)),
    S("ba", "procedure", D(1, "weeks")),
    S("visa", "procedure", D(3, "weeks"), F(75, 75)),
    S("work", "employment", None, F(100, 100)),
)


def test_a_plan_chains_the_steps_and_sums_the_fees():
    result = plan(STEPS, date(2025, 3, 3), "BE")
    ends = [item.end for item in result.steps]
    assert ends == [
        date(2025, 3, 17),
        date(2025, 3, 24),
        date(2025, 5, 26),
        date(2025, 6, 2),
        date(2025, 6, 23),
        date(2025, 6, 23),
    ]
    assert [item.start for item in result.steps[1:]] == ends[:-1]
    assert result.start_of_work == date(2025, 6, 23)
    assert result.fees_eur == (686, 1186)
    assert [(p.key, p.start, p.end) for p in result.phases] == [
        ("preparation", date(2025, 3, 3), date(2025, 3, 24)),
        ("procedure", date(2025, 3, 24), date(2025, 6, 23)),
        ("employment", date(2025, 6, 23), date(2025, 6, 23)),
    ]


def test_a_plan_starting_on_a_holiday_starts_on_the_next_working_day():
    assert plan(STEPS, date(2025, 6, 19), "BY").start == date(2025, 6, 20)
    assert plan(STEPS, date(2025, 6, 19), "BE").start == date(2025, 6, 19)


def test_the_holidays_a_step_passes_over_are_named():
    result = plan(STEPS, date(2025, 4, 7), "BY")
    recognition = result.by_key["recognition"]
    assert date(2025, 5, 1) in recognition.holidays
    assert date(2025, 5, 29) in recognition.holidays


def test_steps_done_late_move_every_later_step():
    first = plan(STEPS, date(2025, 3, 3), "BE")
    late = plan(
        STEPS,
        date(2025, 3, 3),
        "BE",
        done={"counselling": date(2025, 3, 31), "agreement": date(2025, 4, 14)},
    )
    assert late.by_key["agreement"].start == date(2025, 3, 31)
    assert late.by_key["recognition"].start == date(2025, 4, 14)
    assert late.by_key["recognition"].end == date(2025, 6, 16)
    assert late.start_of_work > first.start_of_work
    assert late.by_key["counselling"].done
    assert not late.by_key["recognition"].done
