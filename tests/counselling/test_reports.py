"""Figures of a hand-built fixture, asserted exactly (PostgreSQL), with suppression."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from counselling import reports
from counselling.models import Network
from tests.counselling.factory import (
    make_client,
    make_consultation,
    make_employer_consultation,
    make_group_session,
    make_occupation,
    make_topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


START, END = datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)
D = datetime.date
DASH = "\N{EN DASH}"


@pytest.fixture
def counselled(network_a, network_b, centre_a, centre_b):
    """Network A: 6 Syrians and 2 Turks with a first consultation in the period, one Ukrainian
    with a first consultation before it and two follow-ups in it, one Iranian first counselled
    after it, two group sessions (12 and 7 people), one employer consultation in the period and
    one after it; network B: three Germans with a first consultation."""
    doctor, nurse = make_occupation("doctor"), make_occupation("nurse")
    procedure, occupation = make_topic("recognition_procedure"), make_topic("reference_occupation")
    qualification, wages = make_topic("qualification"), make_topic("wages", "fair_integration")
    for n in range(6):
        syrian = make_client(
            network_a, nationality="SY", flight_background=n < 3, reference_occupation=doctor,
            recognition_outcome="full" if n < 4 else "open",
        )  # fmt: skip
        make_consultation(syrian, D(2025, 1, 10 + n), topics=[procedure], channel="in_person")
        if n < 2:
            make_consultation(syrian, D(2025, 3, 1), topics=[qualification], channel="phone")
    for n in range(2):
        turk = make_client(
            network_a, nationality="TR", reference_occupation=nurse, recognition_outcome="partial"
        )
        make_consultation(turk, D(2025, 2, 1 + n), topics=[occupation], channel="phone")
    ukrainian = make_client(network_a, nationality="UA", flight_background=True)
    ukrainian.recognition_outcome = "open"
    ukrainian.save()
    make_consultation(ukrainian, D(2024, 12, 1), channel="video")
    for day in (5, 6):
        make_consultation(
            ukrainian, D(2025, 4, day), topics=[wages], channel="video",
            service_line="fair_integration",
        )  # fmt: skip
    make_consultation(make_client(network_a, nationality="IR"), D(2025, 7, 5))
    make_group_session(centre_a, D(2025, 5, 5), participants=12, topics=[procedure])
    make_group_session(
        centre_a, D(2025, 6, 30), participants=7, topics=[wages], channel="video",
        service_line="fair_integration",
    )  # fmt: skip
    recruitment = make_topic("recruitment_abroad", "employers")
    make_employer_consultation(centre_a, D(2025, 4, 10), topics=[recruitment], channel="phone")
    make_employer_consultation(centre_a, D(2025, 7, 10), topics=[recruitment], channel="phone")
    for n in range(3):
        german = make_client(network_b, nationality="DE", recognition_outcome="not_applied")
        make_consultation(german, D(2025, 3, 10 + n), topics=[procedure], channel="in_person")


def rows(figures, key):
    return {label: [cell.display for cell in cells] for label, cells in figures.table(key).rows}


def values(figures, key):
    return {label: [cell.value for cell in cells] for label, cells in figures.table(key).rows}


def test_network_a_figures_are_exact(counselled, network_a):
    figures = reports.figures(Network.objects.filter(pk=network_a.pk), START, END, suppressed=False)
    summary = {label: cell.value for label, (cell,) in figures.table("summary").rows}
    assert summary == {
        "Erstberatungen": 8, "Folgeberatungen": 4, "Beratene Personen": 9,
        "davon mit Fluchthintergrund": 4, "Gruppenberatungen": 2,
        "Teilnehmende an Gruppenberatungen": 19,
        "Arbeitgeberberatungen (Fachkräfteeinwanderung)": 1,
    }  # fmt: skip
    assert values(figures, "nationalities") == {"Syrien": [6, 75.0], "Türkei": [2, 25.0]}
    assert values(figures, "occupations") == {"doctor": [6, 75.0], "nurse": [2, 25.0]}
    # Columns: first consultations, follow-ups, group sessions, employer consultations.
    assert values(figures, "topics") == {
        "recognition_procedure": [6, 0, 1, 0], "reference_occupation": [2, 0, 0, 0],
        "qualification": [0, 2, 0, 0], "recruitment_abroad": [0, 0, 0, 1],
    }  # fmt: skip
    assert values(figures, "reasons") == {"wages": [0, 2, 1]}
    channels = values(figures, "channels")
    assert (channels["Persönlich"], channels["Telefonisch"], channels["Per Video"]) == (
        [6, 0, 1, 0], [2, 2, 0, 1], [0, 2, 1, 0],
    )  # fmt: skip
    assert channels["Per E-Mail"] == [0, 0, 0, 0]
    assert values(figures, "outcomes") == {
        "Nicht beantragt": [0], "Beantragt, offen": [3], "Volle Gleichwertigkeit": [4],
        "Teilweise Gleichwertigkeit": [2], "Abgelehnt": [0],
    }  # fmt: skip
    assert values(figures, "networks") == {"Netzwerk A": [8, 4, 9]}


def test_the_period_bounds_are_inclusive(counselled, network_a):
    figures = reports.figures(
        Network.objects.filter(pk=network_a.pk), D(2025, 1, 10), D(2025, 1, 15), suppressed=False
    )
    assert figures.table("summary").rows[0][1][0].value == 6


def test_programme_figures_suppress_small_cells_and_what_follows_from_totals(counselled):
    figures = reports.figures(Network.objects.all(), START, END, suppressed=True)
    assert [cells[0].display for _label, cells in figures.table("summary").rows] == [
        "11", "< 5", "12", "< 5", "< 5", "19", "< 5",
    ]  # fmt: skip
    # Network B's 3 first consultations and 3 people are under 5; A's 8 and 9 are hidden too,
    # or they would follow from the totals 11 and 12.
    assert rows(figures, "networks") == {
        "Netzwerk A": ["< 5", "< 5", "< 5"],
        "Netzwerk B": ["< 5", "0", "< 5"],
    }
    assert rows(figures, "nationalities") == {
        "Syrien": ["6", "54,5 %"], "Deutschland": ["< 5", DASH], "Türkei": ["< 5", DASH],
    }  # fmt: skip
    channels = rows(figures, "channels")
    assert channels["Persönlich"] == ["< 5", "0", "< 5", "0"]
    assert channels["Telefonisch"] == ["< 5", "< 5", "0", "< 5"]
    assert channels["Per Video"] == ["0", "< 5", "< 5", "0"]


def test_no_suppressed_value_can_be_worked_out_from_a_shown_column_total(counselled):
    figures = reports.figures(Network.objects.all(), START, END, suppressed=True)
    summary = [cells[0] for _label, cells in figures.table("summary").rows]
    # Which summary row each column adds up to.
    totals = {"networks": [0, 1, 2], "channels": [0, 1, 4, 6], "outcomes": [2]}
    checked = 0
    for key, rows_of_totals in totals.items():
        table = figures.table(key)
        for column, total in enumerate(rows_of_totals):
            cells = [cells[column] for _label, cells in table.rows]
            assert sum(cell.value for cell in cells) == summary[total].value
            if not summary[total].suppressed:
                checked += 1
                assert sum(1 for cell in cells if cell.suppressed) != 1, (key, column)
    assert checked == 4


def test_coordinators_see_their_networks_figures_unsuppressed(client, coordinator_a, counselled):
    client.force_login(coordinator_a)
    response = client.get(
        reverse("counselling:figures"), {"start": "2025-01-01", "end": "2025-06-30"}
    )
    assert response.status_code == 200
    assert response.context["figures"].table("summary").rows[1][1][0].display == "4"
    assert "&lt; 5" not in response.content.decode()


def test_the_figures_page_draws_an_accessible_chart_beside_each_table(
    client, coordinator_a, counselled
):
    client.force_login(coordinator_a)
    html = client.get(
        reverse("counselling:figures"), {"start": "2025-01-01", "end": "2025-06-30"}
    ).content.decode()
    assert html.count('<svg class="chart" role="img"') == 7
    assert 'aria-labelledby="chart-nationalities-title chart-nationalities-desc"' in html
    assert '<table id="table-nationalities">' in html


def test_the_figures_take_a_bounded_number_of_queries(
    client, coordinator_a, counselled, django_assert_max_num_queries
):
    client.force_login(coordinator_a)
    # Session, user, role, the network asked for, the networks to choose from, and seven
    # for all the tables (four over the consultations, networks, topics, occupations).
    with django_assert_max_num_queries(12):
        client.get(reverse("counselling:figures"), {"start": "2025-01-01", "end": "2025-06-30"})


def test_a_period_ending_before_it_starts_is_refused(client, coordinator_a):
    client.force_login(coordinator_a)
    response = client.get(
        reverse("counselling:figures"), {"start": "2025-06-01", "end": "2025-01-01"}
    )
    assert response.status_code == 400
    assert response.context["figures"] is None


def test_figures_answer_htmx_with_the_figures_fragment(client, coordinator_a, counselled):
    client.force_login(coordinator_a)
    response = client.get(
        reverse("counselling:figures"),
        {"start": "2025-01-01", "end": "2025-06-30"},
        HTTP_HX_REQUEST="true",
    )
    assert response.content.decode().lstrip().startswith('<div id="figures">')
    assert "HX-Request" in response["Vary"]


def test_csv_export_has_the_tables_cells(client, programme_user, counselled):
    client.force_login(programme_user)
    response = client.get(
        reverse("counselling:export", args=["nationalities", "csv"]),
        {"network": "all", "start": "2025-01-01", "end": "2025-06-30"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert lines == [
        "Nationality,Number,Share of first consultations",
        "Syria,6,54.5",
        "Germany,< 5,",
        "Türkiye,< 5,",
    ]


def test_xlsx_export_holds_every_table_as_a_sheet(client, coordinator_a, counselled):
    import io

    from openpyxl import load_workbook

    client.force_login(coordinator_a)
    response = client.get(
        reverse("counselling:export", args=["all", "xlsx"]),
        {"start": "2025-01-01", "end": "2025-06-30"},
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:3] == ["summary", "networks", "nationalities"]
    sheet = workbook["nationalities"]
    assert [cell.value for cell in sheet[6]][:3] == ["Syrien", 6, 75.0]


def test_an_unknown_table_is_a_404(client, coordinator_a):
    client.force_login(coordinator_a)
    assert client.get(reverse("counselling:export", args=["nothing", "csv"])).status_code == 404
