"""Every dated figure carries its legal source, its dates and a confidence; a line without them
fails here, so a yearly update cannot slip in without saying where it comes from."""

from datetime import date
from decimal import Decimal

import pytest

from pathways.rules import parameters as P


def _series():
    for name in dir(P):
        value = getattr(P, name)
        if isinstance(value, tuple) and value and all(isinstance(e, P.Dated) for e in value):
            yield name, value
    for key, entry in P.ROUTE_IN_FORCE.items():
        yield f"ROUTE_IN_FORCE[{key}]", (entry,)
    yield "WORK_RULES_2024_03", (P.WORK_RULES_2024_03,)


SERIES = dict(_series())


def test_the_figures_are_found():
    # A renamed series must not silently drop out of the checks below.
    for name in ("BLUE_CARD_STANDARD", "AGE45_FLOOR", "MINIMUM_WAGE_HOURLY", "FEE_ACCELERATED"):
        assert name in SERIES


@pytest.mark.parametrize("name", sorted(SERIES))
def test_every_line_has_source_dates_and_confidence(name):
    series = SERIES[name]
    for entry in series:
        # A title and a paragraph (or an authority's page), not an empty or bare reference.
        assert entry.source.strip(), name
        assert any(mark in entry.source for mark in ("§", "ZAB", "IHK", "Verordnung")), name
        assert isinstance(entry.valid_from, date), name
        assert isinstance(entry.known_until, date), name
        assert entry.known_until >= entry.valid_from, name
        assert date(2026, 1, 1) <= entry.checked <= date.today(), name
        assert entry.confidence in ("H", "M", "L", "?"), name
    starts = [entry.valid_from for entry in series]
    assert starts == sorted(starts), f"{name} is not sorted by valid_from"


def test_a_yearly_figure_is_known_only_to_the_end_of_its_year():
    for name, series in P.YEARLY_FIGURES.items():
        for entry in series:
            if name != "westbalkan_quota":
                assert entry.known_until == date(entry.valid_from.year, 12, 31), name


def test_the_quota_records_say_when_and_for_whom():
    for record in P.WESTBALKAN_QUOTA_EXHAUSTED:
        assert record.on.year == record.year
        assert set(record.states) <= set(P.WESTBALKAN_STATES)
        assert record.source
        assert record.checked <= date.today()


def test_the_minimum_wage_follows_the_fifth_adjustment_ordinance():
    assert P.value_on(P.MINIMUM_WAGE_HOURLY, date(2026, 6, 1)) == Decimal("13.90")
    assert P.value_on(P.MINIMUM_WAGE_HOURLY, date(2027, 1, 1)) == Decimal("14.60")
