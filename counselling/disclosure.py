"""Disclosure control of the figures for the programme-wide role: the ONS cell-key method.

Why not "< 5": hiding small counts is defeated by differencing. Two periods a day apart, or a
row against its total, give the hidden count by subtraction (issue 14: 14 of 90 days exposed
one person's attributes). The cell-key method perturbs every count a little instead, the same
way every time for the same people, so that subtracting two tables subtracts noise too.

The method (Office for National Statistics, "Cell key perturbation", as used for the 2021
Census and in the package ``cell-key-perturbation``; here for counts read from the database,
which that package, built on pandas frames of microdata, does not take):

1. Every client and every consultation has a ``record_key``, drawn at random from 0 to 255 when
   it is created and never changed (``counselling.models.new_record_key``).
2. A cell's *cell key* is the sum of the record keys of the records it counts, modulo 256. A
   count of people sums the keys of the distinct clients; a count of consultations sums those
   of the consultations. The same records give the same cell key, whatever period or network
   selection produced them.
3. The perturbation is looked up in the p-table below by the count and the cell key; the
   shown value is count + perturbation. Counts above ``LARGEST_ROW`` use its row.

The p-table (``PTABLE``): for each true count, the shown values with their share of the 256
cell keys. Its rules:

- 0 stays 0 (no records, nothing to hide; a cell that shows 0 may still hold 1 to 4 people).
- 1 to 4 are never shown as themselves: 1 shows 0 or 3; 2 shows 0, 3 or 4; 3 shows 0, 4 or 5;
  4 shows 3, 5 or 6. No cell ever shows 1 or 2.
- From 5 on, the perturbation is -2 to +2: 0 for half of the cell keys, +1 and -1 for 40 keys
  each, +2 and -2 for 24 keys each.
- Each row is unbiased: the expected shown value is the true count (to 1 %), so totals over
  many cells stay right on average.

Totals are cells of their own (their cell key sums all their records), so a table's rows need
not add up to its total: that is the point; the total cannot be used to work out a row.
Shares are computed from the shown values.

Closed periods: the cell key keeps each cell's noise fixed for the same people, so two
periods a day apart show the same values in every cell whose people did not change, and
the rows that moved would name the attributes of the day's people even though their values are
perturbed. The programme-wide role's figures are therefore for whole calendar months
(``whole_months``): a start and an end are widened to the months they fall in.
``tests/trust/test_disclosure.py`` attacks both (adjacent periods, rows against totals).
"""

from __future__ import annotations

import calendar
import datetime
from bisect import bisect_right
from itertools import pairwise

CELL_KEYS = 256
# True count -> (shown value, number of cell keys) in cell-key order; the numbers add to 256.
PTABLE: dict[int, tuple[tuple[int, int], ...]] = {
    0: ((0, 256),),
    1: ((3, 85), (0, 171)),
    2: ((3, 85), (4, 64), (0, 107)),
    3: ((4, 128), (5, 51), (0, 77)),
    4: ((3, 141), (5, 89), (6, 26)),
    5: ((5, 128), (6, 40), (4, 40), (7, 24), (3, 24)),
}
LARGEST_ROW = max(PTABLE)


def _ranges(row: tuple[tuple[int, int], ...], count: int) -> tuple[list[int], list[int]]:
    """Upper bounds of the cell-key ranges and the perturbation of each."""
    bounds, shifts, upper = [], [], 0
    base = min(count, LARGEST_ROW)
    for shown, keys in row:
        upper += keys
        bounds.append(upper)
        shifts.append(shown - base)
    assert upper == CELL_KEYS, f"p-table row {count} covers {upper} cell keys"
    return bounds, shifts


_LOOKUP = {count: _ranges(row, count) for count, row in PTABLE.items()}


def cell_key(record_key_sum: int | None) -> int:
    return (record_key_sum or 0) % CELL_KEYS


def perturb(count: int, record_key_sum: int | None) -> int:
    """The value shown for ``count`` records whose record keys add up to ``record_key_sum``."""
    if count <= 0:
        return 0
    bounds, shifts = _LOOKUP[min(count, LARGEST_ROW)]
    shift = shifts[bisect_right(bounds, cell_key(record_key_sum))]
    return max(count + shift, 0)


def perturb_tables(tables) -> None:
    """Perturbs every count of ``tables`` (``reports.Table``) by its cell key, then takes each
    share of the perturbed counts: the part is the count before it, the whole its ``whole``."""
    for table in tables:
        for _label, cells in table.rows:
            for cell in cells:
                if not cell.share and isinstance(cell.value, int) and not cell.suppressed:
                    cell.value = perturb(cell.value, cell.key)
    for table in tables:
        for _label, cells in table.rows:
            for part, share in pairwise(cells):
                if share.share and share.whole is not None:
                    share.value = percent(part.value, share.whole.value)


def percent(part, whole) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def whole_months(start: datetime.date, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The period widened to whole calendar months: the programme-wide role's figures are for
    closed periods, so that two periods a day apart are the same figures, not a difference of
    one day's people (the cell key holds each person's noise fixed, but which row moved when
    one person was added would still show)."""
    last = calendar.monthrange(end.year, end.month)[1]
    return start.replace(day=1), end.replace(day=last)
