"""Figures that cannot be differenced (issue 14): the cell-key method of
``counselling.disclosure`` attacked as the security test attacked "< 5", against PostgreSQL.

The data: 90 days (January to March 2025) of consultations in two networks, with record keys
drawn from a seeded generator, so that every run attacks the same figures.
"""

import csv
import datetime
import io
import random
import re
from collections import Counter

import pytest
from django.urls import reverse

from counselling import disclosure, reports
from counselling.charts import bar_chart
from counselling.models import Channel, Client, Consultation, Network
from tests.counselling.factory import make_client, make_consultation

pytestmark = pytest.mark.django_db

START = datetime.date(2025, 1, 1)
DAYS = [START + datetime.timedelta(days=n) for n in range(90)]
NATIONALITIES = ["SY", "UA", "AF", "TR", "IR", "IQ", "RS", "VN"]


def test_the_p_table_keeps_zeros_and_never_shows_1_to_4_as_they_are():
    for key in range(256):
        assert disclosure.perturb(0, key) == 0
        for n in range(1, 5):
            assert disclosure.perturb(n, key) != n
            assert disclosure.perturb(n, key) not in (1, 2)
        for n in range(5, 300):
            assert abs(disclosure.perturb(n, key) - n) <= 2


def test_each_row_of_the_p_table_is_unbiased_to_one_percent():
    for n in range(1, 40):
        mean = sum(disclosure.perturb(n, key) for key in range(256)) / 256
        assert abs(mean - n) <= 0.01 * n + 0.005


def test_the_same_records_give_the_same_noise():
    assert disclosure.perturb(17, 1000) == disclosure.perturb(17, 1000 % 256)


@pytest.fixture
def ninety_days(network_a, network_b):
    rng = random.Random(14)
    for day in DAYS:
        for _ in range(rng.choice([0, 0, 1, 1, 1, 2])):
            network = network_a if rng.random() < 0.7 else network_b
            client = make_client(
                network, nationality=rng.choices(NATIONALITIES, [30, 20, 10, 6, 4, 3, 2, 1])[0],
                birth_year=1990, record_key=rng.randrange(256),
            )  # fmt: skip
            make_consultation(
                client, day, channel=rng.choice(list(Channel.values)),
                record_key=rng.randrange(256),
            )  # fmt: skip
    return Network.objects.all()


def _csv(client, key, start, end):
    response = client.get(
        reverse("counselling:export", args=[key, "csv"]),
        {"network": "all", "start": start.isoformat(), "end": end.isoformat()},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    return {row[0]: row[1] for row in rows[1:]}


def _exposed(before: dict, after: dict, people_before: str, people_after: str) -> bool:
    """The attack of the security test: one more person in the period and exactly one
    nationality row one higher, so that the day's person's nationality is read off."""
    if int(people_after) - int(people_before) != 1:
        return False
    moved = {row: int(after.get(row, 0)) - int(before.get(row, 0)) for row in {*before, *after}}
    changed = [row for row, delta in moved.items() if delta]
    return len(changed) == 1 and moved[changed[0]] == 1


def _people(figures):
    return dict(figures.table("summary").rows)[str(_people_label())][0].value


def _people_label():
    from django.utils.translation import gettext

    return gettext("People counselled")


def _table(figures, key):
    return {label: cells[0].value for label, cells in figures.table(key).rows}


def test_the_attack_finds_people_in_exact_figures(ninety_days):
    """The attack works: on exact day-by-day figures it reads off single people."""
    exposed = 0
    for day in DAYS[1:]:
        before = reports.figures(ninety_days, START, day - datetime.timedelta(days=1),
                                 suppressed=False)  # fmt: skip
        after = reports.figures(ninety_days, START, day, suppressed=False)
        nationalities = [_table(f, "nationalities") for f in (before, after)]
        if _exposed(*nationalities, _people(before), _people(after)):
            exposed += 1
    print(f"exact figures: {exposed} of {len(DAYS) - 1} days expose one person")
    assert exposed >= 10


def test_differencing_adjacent_periods_of_the_programmes_figures_finds_no_one(
    client, programme_user, ninety_days
):
    client.force_login(programme_user)
    exposed, identical = 0, 0
    previous = None
    for day in DAYS:
        tables = (_csv(client, "nationalities", START, day), _csv(client, "summary", START, day))
        if previous is not None:
            if previous == tables:
                identical += 1
            people = [t[1][_people_label()] for t in (previous, tables)]
            if _exposed(previous[0], tables[0], *people):
                exposed += 1
        previous = tables
    print(f"programme figures: {exposed} of {len(DAYS) - 1} days expose someone; "
          f"{identical} day pairs give the same figures")  # fmt: skip
    assert exposed == 0
    # Within a month, a day longer is the same figures: whole months only.
    assert identical == len(DAYS) - 1 - 2


def test_rows_against_totals_and_small_cells_give_nothing_exact(ninety_days):
    """Each month and each run of months: no small count shown as it is, and the rows of a
    table subtracted from its total give the true small count no more often than not."""
    shown_exact = derived_exact = small = 0
    months = [(1, 1), (2, 2), (3, 3), (1, 2), (2, 3), (1, 3)]
    for first, last in months:
        start, end = disclosure.whole_months(
            datetime.date(2025, first, 1), datetime.date(2025, last, 1)
        )
        exact = reports.figures(ninety_days, start, end, suppressed=False)
        shown = reports.figures(ninety_days, start, end, suppressed=True)
        total_label = _people_label()
        true_total = _people(exact)
        for key in ("outcomes", "nationalities", "channels"):
            true_rows, shown_rows = _table(exact, key), _table(shown, key)
            for label, value in true_rows.items():
                if not 1 <= value <= 4:
                    continue
                small += 1
                shown_exact += shown_rows[label] == value
                if key == "outcomes":  # its rows add up to the people counselled
                    others = sum(v for row, v in shown_rows.items() if row != label)
                    derived_exact += _people(shown) - others == value
        assert total_label
        assert true_total > 0
    print(f"small cells: {small}, shown exactly: {shown_exact}, "
          f"worked out from the total exactly: {derived_exact}")  # fmt: skip
    assert small > 0
    assert shown_exact == 0
    assert derived_exact <= small / 2


def test_a_real_33_is_shown_near_33_and_drawn_as_a_bar(network_a):
    """Issue 14: under "< 5" a real 33 was hidden as "< 5" (secondary suppression) and drawn
    as 0. Now every count is shown, perturbed by at most 2, and drawn."""
    for _n in range(33):
        make_consultation(make_client(network_a), "2025-02-03", channel=Channel.IN_PERSON)
    make_consultation(make_client(network_a), "2025-02-04", channel=Channel.PHONE)
    figures = reports.figures(
        Network.objects.all(), datetime.date(2025, 2, 1), datetime.date(2025, 2, 28),
        suppressed=True,
    )  # fmt: skip
    channels = figures.table("channels")
    in_person = dict(channels.rows)[str(Channel.IN_PERSON.label)][0]
    assert not in_person.suppressed
    assert 31 <= in_person.value <= 35
    assert in_person.display != "< 5"
    svg = str(bar_chart(channels))
    assert "< 5" not in svg
    # The first bar is in person, first consultations: the longest, as long as the chart.
    bars = re.findall(r'<rect x="220" y="[\d.]+" width="(\d+)"', svg)
    assert int(bars[0]) == 320


def test_a_hidden_cell_is_drawn_as_hidden_not_as_zero():
    table = reports.Table("t", "T", "Row", ["Number"])
    table.rows = [("a", [reports.Cell(7)]), ("b", [reports.Cell(3, suppressed=True)])]
    svg = str(bar_chart(table))
    assert "chart__hidden" in svg
    assert svg.count("<rect") == 2
    assert 'width="0"' not in svg


def test_coordinators_see_exact_figures_of_their_own_network_only(
    client, coordinator_a, network_a, network_b
):
    for _n in range(3):
        make_consultation(make_client(network_a, record_key=200), "2025-02-03")
    client.force_login(coordinator_a)
    rows = _csv(client, "summary", datetime.date(2025, 2, 1), datetime.date(2025, 2, 10))
    assert rows[str(reports._("First consultations (Erstberatungen)"))] == "3"
    other = client.get(reverse("counselling:figures"), {"network": network_b.slug})
    assert other.status_code == 404


def test_people_counts_sum_the_keys_of_distinct_clients(network_a):
    person = make_client(network_a, record_key=100)
    for day in ("2025-02-03", "2025-02-05", "2025-02-07"):
        make_consultation(person, day, record_key=1)
    figures = reports.figures(
        Network.objects.all(), datetime.date(2025, 2, 1), datetime.date(2025, 2, 28),
        suppressed=False,
    )  # fmt: skip
    people = dict(figures.table("summary").rows)[str(_people_label())][0]
    assert (people.value, people.key) == (1, 100)
    assert Counter(Consultation.objects.values_list("record_key", flat=True)) == {1: 3}
    assert Client.objects.get().record_key == 100
