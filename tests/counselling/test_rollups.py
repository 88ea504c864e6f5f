"""The roll-ups of the figures (counselling.rollups): kept current by every kind of write,
equal to a rebuild from the raw rows, and the figures read from them equal to the figures
counted from the raw rows (PostgreSQL), exact and perturbed; query counts bounded."""

import datetime
import random

import pytest
from django.core.management import call_command
from django.urls import reverse

from counselling import reports, retention, rollups
from counselling.corrections import correct
from counselling.models import (
    ClientContribution,
    Consultation,
    ConsultationMonth,
    Network,
    OriginMonth,
    PeopleYears,
    ReachedYears,
    RollupState,
    StaffRole,
    TopicMonth,
)
from counselling.synthetic import Generator, Plan
from tests.counselling.factory import (
    make_client,
    make_consultation,
    make_counsellor,
    make_employer_consultation,
    make_group_session,
    make_occupation,
    make_outcome_change,
    make_topic,
)

pytestmark = pytest.mark.django_db

D = datetime.date
PERIODS = [
    (D(2024, 1, 1), D(2024, 12, 31)),  # a whole year: people from the roll-ups
    (D(2023, 1, 1), D(2025, 12, 31)),  # whole years
    (D(2024, 3, 1), D(2024, 5, 31)),  # whole months
    (D(2024, 2, 14), D(2025, 4, 3)),  # cut months at both ends
    (D(2024, 6, 10), D(2024, 6, 20)),  # inside one month
    (D(2023, 3, 10), D(2025, 8, 20)),  # cut days, whole months, a whole year (its year rows)
]
OUTCOMES = ["not_applied", "open", "full", "partial", "rejected"]


def _snapshot() -> dict:
    """The roll-ups' non-zero contents, added up per cell (row ids and order left out)."""
    found = {}
    for model, fields in (
        (ConsultationMonth, ("network_id", "month", "months", "channel", "format", "is_first")),
        (OriginMonth, ("network_id", "month", "months", "nationality", "occupation_id")),
        (TopicMonth, ("network_id", "month", "months", "topic_id", "format", "is_first")),
        (PeopleYears, rollups.PEOPLE_FIELDS),
        (ReachedYears, rollups.REACHED_FIELDS),
    ):
        cells: dict = {}
        extra = ("participants",) if model is ConsultationMonth else ()
        for row in model.objects.values_list(*fields, "n", "key", *extra):
            sums = cells.setdefault(row[: len(fields)], [0] * (len(row) - len(fields)))
            for i, value in enumerate(row[len(fields) :]):
                sums[i] += value
        found[model.__name__] = {cell: sums for cell, sums in cells.items() if any(sums)}
    found["contributions"] = dict(ClientContribution.objects.values_list("client_id", "inputs"))
    return found


def _shown(period, suppressed) -> list:
    networks = Network.objects.filter(slug__in=["network-r1", "network-r2"])
    figures = reports.figures(networks, *period, suppressed=suppressed)
    from counselling import quality

    figures = quality.with_quality(figures)
    return [
        (table.key, [(label, [cell.display for cell in cells]) for label, cells in table.rows])
        for table in figures.tables
    ]


def _random_writes(rng: random.Random, networks, topics, occupations) -> None:
    centres = {network.pk: network.centres.first() for network in networks}
    counsellors = {pk: make_counsellor(centre) for pk, centre in centres.items()}
    clients, consultations = [], []

    def day():
        return D(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 3 * 365))

    for _step in range(140):
        action = rng.random()
        if action < 0.35 or not clients:
            network = rng.choice(networks)
            client = make_client(
                network, nationality=rng.choice(["SY", "TR", "UA", ""]),
                flight_background=rng.random() < 0.4,
                reference_occupation=rng.choice([*occupations, None]),
                recognition_outcome=rng.choice(OUTCOMES),
            )  # fmt: skip
            clients.append(client)
            consultations.append(
                make_consultation(client, day(), topics=rng.sample(topics, rng.randint(0, 2)),
                                  channel=rng.choice(["in_person", "phone", "video"]))
            )  # fmt: skip
        elif action < 0.6:
            client = rng.choice(clients)
            consultations.append(make_consultation(client, day(), topics=[rng.choice(topics)]))
        elif action < 0.7:
            client = rng.choice(clients)
            make_outcome_change(client, rng.choice(OUTCOMES), day())
        elif action < 0.8:
            # A correction by the counsellor: another date, channel and topics.
            consultation = rng.choice(consultations)
            consultation.refresh_from_db()
            consultation.date = day()
            consultation.channel = rng.choice(["phone", "email"])
            role = StaffRole.objects.get(user=counsellors[consultation.network_id])
            correct(role, consultation, rng.sample(topics, rng.randint(0, 2)))
        elif action < 0.86:
            client = rng.choice(clients)
            client.nationality = rng.choice(["IR", "SY", ""])
            client.flight_background = not client.flight_background
            client.reference_occupation = rng.choice([*occupations, None])
            client.save()
        elif action < 0.9:
            centre = centres[rng.choice(networks).pk]
            make_group_session(centre, day(), rng.randint(3, 15), topics=[rng.choice(topics)])
            make_employer_consultation(centre, day(), channel="phone")
        elif action < 0.94 and len(consultations) > 5:
            consultation = consultations.pop(rng.randrange(len(consultations)))
            client = consultation.client
            consultation.delete()
            from counselling.services import derive_first_consultation

            derive_first_consultation(client)
        elif action < 0.97:
            retention.anonymise([rng.choice(clients).pk], reason="test")
        elif len(clients) > 5:
            client = clients.pop(rng.randrange(len(clients)))
            consultations = [c for c in consultations if c.client_id != client.pk]
            client.delete()


@pytest.fixture
def networks(db):
    from tests.counselling.factory import make_centre, make_network

    found = [make_network("network-r1"), make_network("network-r2")]
    for network in found:
        make_centre(network)
    return found


def test_rollups_stay_equal_to_a_rebuild_and_figures_to_the_raw_count(networks):
    rng = random.Random(16)
    topics = [make_topic("recognition_procedure"), make_topic("wages", "fair_integration"),
              make_topic("recruitment_abroad", "employers")]  # fmt: skip
    occupations = [make_occupation("doctor"), make_occupation("nurse")]
    # Some data before the roll-ups exist, then the rebuild, then writes kept by the signals.
    for n in range(10):
        client = make_client(networks[n % 2], nationality="SY", recognition_outcome="open")
        make_consultation(client, D(2024, 1 + n, 5), topics=[topics[0]])
    call_command("rebuild_rollups", first_year=2023, last_year=2026)
    assert RollupState.objects.get().first_year == 2023
    _random_writes(rng, networks, topics, occupations)
    assert Consultation.objects.count() > 100

    kept = _snapshot()
    shown = {(p, s): _shown(p, s) for p in PERIODS for s in (False, True)}
    rollups.rebuild(first_year=2023, last_year=2026)
    assert _snapshot() == kept
    assert kept["PeopleYears"]
    assert kept["ReachedYears"]
    assert kept["TopicMonth"]
    assert any(cell[2] == 12 for cell in kept["ConsultationMonth"])  # year rows
    # Without the roll-ups' state the figures are counted from the raw rows, as before them.
    RollupState.objects.all().delete()
    for (period, suppressed), figures in shown.items():
        assert _shown(period, suppressed) == figures, (period, suppressed)


def _rows(rows: list[dict]) -> list[str]:
    return sorted(repr(sorted(row.items())) for row in rows)


def test_the_people_and_outcomes_of_cut_periods_in_sql_are_those_of_the_orm(networks):
    """``reports.people_rows`` and ``reports.outcomes_reached`` answer PostgreSQL in SQL of
    their own; over random writes they give what the ORM queries give, for one network and
    for two, in every period (the days of a period's cut months are counted the same way)."""
    rng = random.Random(23)
    topics = [make_topic("recognition_procedure"), make_topic("wages", "fair_integration"),
              make_topic("recruitment_abroad", "employers")]  # fmt: skip
    occupations = [make_occupation("doctor"), make_occupation("nurse")]
    call_command("rebuild_rollups", first_year=2023, last_year=2026)
    _random_writes(rng, networks, topics, occupations)
    # On the edges: an outcome changed on a period's last day, again the day after; a person
    # whose first outcome is recorded after the period (none by then).
    edge = make_client(networks[0], flight_background=True)
    make_consultation(edge, D(2024, 12, 31))
    make_outcome_change(edge, "full", D(2024, 12, 31))
    make_outcome_change(edge, "rejected", D(2025, 1, 1))
    late = make_client(networks[1])
    make_consultation(late, D(2024, 2, 14))
    make_outcome_change(late, "open", D(2025, 4, 4))
    for period in [*PERIODS, (D(2023, 1, 1), D(2023, 1, 1)), (D(2026, 1, 1), D(2026, 2, 1))]:
        for chosen in ([networks[0]], networks):
            ids = [network.pk for network in chosen]
            people = reports.people_rows(chosen, *period, "default")
            assert _rows(people) == _rows(reports._people_rows_orm(ids, *period, "default"))
            reached = reports.outcomes_reached(chosen, *period, "default")
            assert reached == reports._outcomes_reached_orm(ids, *period, "default")
    # The comparison has something to compare: people of several outcomes as they stood,
    # with and without flight background, and outcomes reached.
    everyone = reports.people_rows(networks, D(2023, 1, 1), D(2025, 12, 31), "default")
    assert len({row["then"] for row in everyone}) > 2
    late_in_period = reports.people_rows(networks[1:], D(2024, 2, 14), D(2025, 4, 3), "default")
    assert None in {row["then"] for row in late_in_period}
    assert {row["flight_background"] for row in everyone} >= {True, False}
    assert len(reports.outcomes_reached(networks, D(2023, 1, 1), D(2025, 12, 31), "default")) > 2


def test_the_rollup_readers_in_sql_give_what_their_orm_queries_give(networks, monkeypatch):
    """On PostgreSQL each figure is read from the roll-ups in SQL of its own
    (``rollups._sql``); over random writes it gives what the ORM query of the other databases
    gives (the same rows, values and types: no ``Decimal`` for an ``int``), for one network and
    for two, over months, whole years and both."""
    rng = random.Random(31)
    topics = [make_topic("recognition_procedure"), make_topic("wages", "fair_integration"),
              make_topic("recruitment_abroad", "employers")]  # fmt: skip
    occupations = [make_occupation("doctor"), make_occupation("nurse")]
    call_command("rebuild_rollups", first_year=2023, last_year=2026)
    _random_writes(rng, networks, topics, occupations)
    monthly = (rollups.consultation_counts, rollups.origin_counts, rollups.topic_counts)
    yearly = (rollups.people_counts, rollups.outcomes_reached, rollups.completeness_rows)
    months = [(D(2024, 1, 1), D(2024, 12, 1)), (D(2023, 1, 1), D(2025, 12, 1)),
              (D(2024, 3, 1), D(2024, 5, 1)), (D(2023, 11, 1), D(2025, 2, 1))]  # fmt: skip
    years = [(2024, 2024), (2023, 2025), (2023, 2024)]

    def read(orm: bool) -> list:
        monkeypatch.setattr(rollups, "_sql", lambda db: not orm)
        found = []
        for chosen in ([networks[0]], networks):
            for reader, spans in [*((r, m) for r in monthly for m in months),
                                  *((r, y) for r in yearly for y in years)]:  # fmt: skip
                value = reader(chosen, spans, "default")
                if isinstance(value, dict):
                    value = list(value.items())
                found.append(sorted(repr(sorted(row.items()) if isinstance(row, dict) else row)
                                    for row in value))  # fmt: skip
        return found

    in_sql, with_orm = read(orm=False), read(orm=True)
    assert in_sql == with_orm
    # There was something to compare: most readings have rows.
    assert sum(1 for rows in in_sql if rows) > len(in_sql) * 0.8


def _coordinator_client(client, network):
    from tests.counselling.factory import make_coordinator

    client.force_login(make_coordinator(network))
    return client


@pytest.mark.parametrize("count", [200, 2000])
def test_figures_pages_take_the_same_bounded_number_of_queries_at_any_size(
    client, count, django_assert_max_num_queries
):
    from tests.counselling.factory import make_centre, make_network, make_programme

    networks = [make_network(f"network-q{n}", valid_from=D(2015, 1, 1)) for n in range(3)]
    for network in networks:
        make_centre(network)
    make_topic("recognition_procedure")
    make_occupation("doctor")
    Generator(Plan(networks, D(2023, 1, 1), D(2025, 12, 31)), seed=1).run(count, batch=1000)
    rollups.rebuild()
    _coordinator_client(client, networks[0])
    url = reverse("counselling:figures")
    for period in (("2024-01-01", "2024-12-31"), ("2023-01-01", "2025-12-31"),
                   ("2024-02-14", "2025-04-03")):  # fmt: skip
        with django_assert_max_num_queries(24):
            response = client.get(url, {"start": period[0], "end": period[1]})
        assert response.status_code == 200
    client.force_login(make_programme())
    for period in (("2024-01-01", "2024-12-31"), ("2024-02-14", "2025-04-03")):
        with django_assert_max_num_queries(24):
            response = client.get(url, {"start": period[0], "end": period[1], "network": "all"})
        assert response.status_code == 200


def test_generating_with_copy_fills_the_tables_and_the_rollups(client):
    from tests.counselling.factory import make_centre, make_network

    networks = [make_network(f"network-c{n}", valid_from=D(2015, 1, 1)) for n in range(2)]
    for network in networks:
        make_centre(network)
    make_topic("recognition_procedure")
    make_occupation("doctor")
    call_command("generate_consultations", "--count", "3000", "--start", "2023-01-01",
                 "--end", "2025-12-31", "--copy", "--batch", "1000")  # fmt: skip
    assert Consultation.objects.count() == 3000
    assert Consultation.topics.through.objects.count() > 2000
    assert RollupState.objects.exists()
    period = (D(2024, 1, 1), D(2024, 12, 31))
    selected = Network.objects.filter(pk__in=[n.pk for n in networks])
    from_rollups = reports.figures(selected, *period, suppressed=True)
    assert from_rollups.years == (2024, 2024)
    RollupState.objects.all().delete()
    from_raw = reports.figures(selected, *period, suppressed=True)
    assert from_raw.years is None
    assert [[c.display for _l, cells in t.rows for c in cells] for t in from_rollups.tables] == [
        [c.display for _l, cells in t.rows for c in cells] for t in from_raw.tables
    ]


def test_the_migrations_of_the_monthly_rollups_give_what_a_rebuild_gives(networks):
    """0009 adds up OriginMonth's (nationality, occupation) pairs into rows of one of them, 0010
    adds the year rows from the month rows: on stored roll-ups of the old shape they give
    exactly what a rebuild gives now."""
    import importlib

    from django.apps import apps
    from django.db import connection

    split = importlib.import_module("counselling.migrations.0009_origin_month_split").split
    add_years = importlib.import_module("counselling.migrations.0010_rollup_years").add_years
    occupations = [make_occupation("doctor"), make_occupation("nurse"), None]
    for n in range(40):
        client = make_client(networks[n % 2], nationality=["SY", "TR", ""][n % 3],
                             reference_occupation=occupations[n % 4 % 3])  # fmt: skip
        make_consultation(client, D(2023 + n % 3, 1 + n % 12, 5))
    rollups.rebuild(first_year=2023, last_year=2025)
    rebuilt = _snapshot()
    # The old shape: year rows did not exist, origins were stored by pair.
    for model in (ConsultationMonth, OriginMonth, TopicMonth):
        model.objects.filter(months=12).delete()
    OriginMonth.objects.all().delete()
    pairs = {}
    for consultation in Consultation.objects.filter(is_first=True).select_related("client"):
        cell = (consultation.network_id, consultation.date.replace(day=1),
                consultation.client.nationality, consultation.client.reference_occupation_id)
        n, key = pairs.get(cell, (0, 0))
        pairs[cell] = (n + 1, key + consultation.record_key)  # fmt: skip
    OriginMonth.objects.bulk_create(
        OriginMonth(network_id=network, month=month, nationality=nationality,
                    occupation_id=occupation, n=n, key=key)
        for (network, month, nationality, occupation), (n, key) in pairs.items()
    )  # fmt: skip
    assert _snapshot() != rebuilt

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    split(apps, editor)
    add_years(apps, editor)
    assert _snapshot() == rebuilt


@pytest.mark.django_db(transaction=True)
def test_writes_at_the_same_time_in_one_month_are_each_counted_once():
    """Counsellors saving at the same moment in one network and month: every recount waits for
    the one before it, so no count is lost or doubled (PostgreSQL, one connection a thread)."""
    import threading

    from django.db import connection as main_connection
    from django.db import connections

    from tests.counselling.factory import make_centre, make_network

    network = make_network("network-race")
    centre = make_centre(network)
    clients = [make_client(network, nationality="SY") for _n in range(60)]
    rollups.rebuild(first_year=2024, last_year=2025)
    threads, barrier, failures = 6, threading.Barrier(6), []

    def save(first: int) -> None:
        try:
            barrier.wait()
            day = D(2025, 6, 1 + first % 20)
            for client in clients[first : first + 10]:
                Consultation.objects.create(
                    client=client, network=network, centre=centre, date=day, is_first=False
                )
        except Exception as error:  # reported below, in the test's own thread
            failures.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=save, args=(10 * n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not failures
    assert main_connection.vendor == "postgresql"
    june = ConsultationMonth.objects.filter(network=network, months=1, month=D(2025, 6, 1))
    year = ConsultationMonth.objects.filter(network=network, months=12, month=D(2025, 1, 1))
    assert sum(june.values_list("n", flat=True)) == 60
    assert sum(year.values_list("n", flat=True)) == 60
    kept = _snapshot()
    rollups.rebuild(first_year=2024, last_year=2025)
    assert _snapshot() == kept
