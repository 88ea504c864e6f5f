"""Dates for a hiring timeline: statutory deadlines and typical durations on a real calendar.

Legal basis of the periods that the step sequences carry and this module counts:
- § 14a BQFG (and Land laws such as Art. 14a BayBQFG): the recognition body confirms receipt
  within 2 weeks and decides within 2 months of a complete file in § 81a cases; otherwise
  3 months (§ 6 Abs. 3 BQFG), also where Land law sets no shorter period.
- § 36 Abs. 2 S. 2 BeschV: the Bundesagentur für Arbeit's approval is deemed given after 1 week
  in § 81a cases (2 weeks otherwise, § 36 Abs. 2 S. 1 BeschV).
- § 31a AufenthV: the mission offers an appointment within 3 weeks and decides, as a rule,
  within 3 weeks of a complete visa application.
- § 81a Abs. 3 AufenthG: the foreigners office invites the employer within 3 "Werktage" of a
  decision or a request for documents.
Figures last checked: 2026-01-15 against the domain digest (shared/domain/rules.md, §§ 3.4, 4).

How periods are counted (§§ 187-193 BGB, § 31 VwVfG):
- The day of the event is not counted (§ 187 Abs. 1 BGB): a period that starts on the day a
  step starts ends ``amount`` units later.
- Weeks end on the same weekday (§ 188 Abs. 2 BGB); months on the same day of the month, or on
  the last day of a shorter month (§ 188 Abs. 3 BGB: 31 January + 1 month = 28/29 February).
- A period that would end on a Saturday, Sunday or public holiday ends on the next working day
  (§ 193 BGB, § 31 Abs. 3 VwVfG). Typical durations are moved the same way, because offices
  act on working days.
- Working days are Monday to Friday without the public holidays of the Land, taken from the
  ``holidays`` library (Fronleichnam counts in Bayern, not in Berlin). "Werktage" in law include
  Saturdays; offices are closed then, so counting Monday to Friday gives the date an employer
  can rely on, at most a day or two later than the legal limit.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

import holidays

from .texts import Text

LAENDER: dict[str, Text] = {
    "BW": Text("Baden-Württemberg", "Baden-Württemberg"),
    "BY": Text("Bayern", "Bavaria"),
    "BE": Text("Berlin", "Berlin"),
    "BB": Text("Brandenburg", "Brandenburg"),
    "HB": Text("Bremen", "Bremen"),
    "HH": Text("Hamburg", "Hamburg"),
    "HE": Text("Hessen", "Hesse"),
    "MV": Text("Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"),
    "NI": Text("Niedersachsen", "Lower Saxony"),
    "NW": Text("Nordrhein-Westfalen", "North Rhine-Westphalia"),
    "RP": Text("Rheinland-Pfalz", "Rhineland-Palatinate"),
    "SL": Text("Saarland", "Saarland"),
    "SN": Text("Sachsen", "Saxony"),
    "ST": Text("Sachsen-Anhalt", "Saxony-Anhalt"),
    "SH": Text("Schleswig-Holstein", "Schleswig-Holstein"),
    "TH": Text("Thüringen", "Thuringia"),
}

UNITS = ("calendar_days", "working_days", "weeks", "months")
PHASES = ("preparation", "procedure", "employment")


class DurationLike(Protocol):
    @property
    def amount(self) -> int: ...
    @property
    def unit(self) -> str: ...


class FeeLike(Protocol):
    @property
    def min_eur(self) -> int: ...
    @property
    def max_eur(self) -> int: ...


class StepLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def phase(self) -> str: ...
    @property
    def duration(self) -> DurationLike | None: ...
    @property
    def fee(self) -> FeeLike | None: ...


class WorkingCalendar:
    """Working days of one Land: Monday to Friday without its public holidays."""

    def __init__(self, land: str) -> None:
        if land not in LAENDER:
            raise ValueError(f"unknown Land {land!r}; one of {', '.join(LAENDER)}")
        self.land = land
        # expand=True (the default) adds further years as dates are asked for.
        self._holidays: holidays.HolidayBase = holidays.country_holidays("DE", subdiv=land)

    def holiday(self, day: date) -> str | None:
        """The holiday's German name, or ``None`` on an ordinary day."""
        name: str | None = self._holidays.get(day)
        return name

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self._holidays

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the next one (§ 193 BGB)."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def holidays_between(self, start: date, end: date) -> tuple[date, ...]:
        """Public holidays on weekdays after ``start`` up to and including ``end``."""
        days = (start + timedelta(days=n) for n in range(1, (end - start).days + 1))
        return tuple(day for day in days if day.weekday() < 5 and day in self._holidays)


def add_months(start: date, months: int) -> date:
    """Same day ``months`` later, or the last day of a shorter month (§ 188 Abs. 3 BGB)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_working_days(start: date, amount: int, cal: WorkingCalendar) -> date:
    """The ``amount``-th working day after ``start`` (``start`` itself is not counted)."""
    day = start
    for _ in range(amount):
        day = cal.next_working_day(day + timedelta(days=1))
    return day


def period_end(start: date, amount: int, unit: str, cal: WorkingCalendar) -> date:
    """When a period of ``amount`` ``unit`` that begins on ``start`` ends, on a working day."""
    if amount < 0:
        raise ValueError("a period cannot be negative")
    if unit == "working_days":
        return add_working_days(start, amount, cal)
    if unit == "calendar_days":
        end = start + timedelta(days=amount)
    elif unit == "weeks":
        end = start + timedelta(weeks=amount)
    elif unit == "months":
        end = add_months(start, amount)
    else:
        raise ValueError(f"unknown unit {unit!r}; one of {', '.join(UNITS)}")
    return cal.next_working_day(end)


@dataclass(frozen=True, slots=True)
class PlannedStep:
    step: StepLike
    number: int
    start: date
    end: date
    done_on: date | None = None
    # Weekday holidays the period passed over, so a reader sees why an end date moved.
    holidays: tuple[date, ...] = ()

    @property
    def key(self) -> str:
        return self.step.key

    @property
    def done(self) -> bool:
        return self.done_on is not None


@dataclass(frozen=True, slots=True)
class Phase:
    key: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days


@dataclass(frozen=True, slots=True)
class Plan:
    land: str
    start: date
    steps: tuple[PlannedStep, ...]
    phases: tuple[Phase, ...]
    start_of_work: date
    fees_eur: tuple[int, int]
    by_key: dict[str, PlannedStep] = field(default_factory=dict, compare=False)

    @property
    def end(self) -> date:
        return self.start_of_work

    @property
    def total_days(self) -> int:
        return (self.start_of_work - self.start).days


def total_fees(steps: Iterable[StepLike]) -> tuple[int, int]:
    low = high = 0
    for step in steps:
        if step.fee is not None:
            low += step.fee.min_eur
            high += step.fee.max_eur
    return low, high


def _phases(planned: Sequence[PlannedStep]) -> tuple[Phase, ...]:
    phases = []
    for key in PHASES:
        members = [item for item in planned if item.step.phase == key]
        if members:
            phases.append(Phase(key, min(m.start for m in members), max(m.end for m in members)))
    return tuple(phases)


def _start_of_work(planned: Sequence[PlannedStep], cal: WorkingCalendar) -> date:
    for item in planned:
        if item.step.phase == "employment":
            return cal.next_working_day(item.start)
    return cal.next_working_day(planned[-1].end)


def plan(
    steps: Sequence[StepLike],
    start: date,
    land: str,
    done: Mapping[str, date] | None = None,
) -> Plan:
    """Dates for ``steps`` one after the other from ``start`` in ``land``.

    ``done`` maps step keys to the day a step was actually finished: that day replaces the
    planned end, and every later step is planned again from it.
    """
    if not steps:
        raise ValueError("a plan needs at least one step")
    done = done or {}
    cal = WorkingCalendar(land)
    cursor = cal.next_working_day(start)
    planned: list[PlannedStep] = []
    for number, step in enumerate(steps, start=1):
        begin = cursor
        finished = done.get(step.key)
        if finished is not None:
            end = finished
        elif step.duration is None:
            end = begin
        else:
            end = period_end(begin, step.duration.amount, step.duration.unit, cal)
        planned.append(
            PlannedStep(
                step, number, begin, end, finished, cal.holidays_between(begin, max(begin, end))
            )
        )
        cursor = max(begin, end) if finished is None else end
    return Plan(
        land=land,
        start=planned[0].start,
        steps=tuple(planned),
        phases=_phases(planned),
        start_of_work=_start_of_work(planned, cal),
        fees_eur=total_fees(steps),
        by_key={item.key: item for item in planned},
    )
