"""Figures of hand-built fixtures, asserted exactly (PostgreSQL), with suppression and with
recognition outcomes that change between two periods."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from counselling import disclosure, reports
from counselling.models import Consultation, Network
from counselling.services import record_consultation
from tests.counselling.factory import (
    make_client,
    make_consultation,
    make_employer_consultation,
    make_group_session,
    make_occupation,
    make_outcome_change,
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
    assert values(figures, "outcomes_reached") == {
        "Nicht beantragt": [0], "Beantragt, offen": [2], "Volle Gleichwertigkeit": [4],
        "Teilweise Gleichwertigkeit": [2], "Abgelehnt": [0],
    }  # fmt: skip
    assert values(figures, "networks") == {"Netzwerk A": [8, 4, 9]}


def test_the_period_bounds_are_inclusive(counselled, network_a):
    figures = reports.figures(
        Network.objects.filter(pk=network_a.pk), D(2025, 1, 10), D(2025, 1, 15), suppressed=False
    )
    assert figures.table("summary").rows[0][1][0].value == 6


def test_programme_figures_are_perturbed_by_their_cell_keys(counselled):
    """The cell-key method (counselling.disclosure) replaced "< 5": every count is the exact
    one perturbed by the sum of its records' keys; 1 to 4 never show as they are, 0 stays 0."""
    exact = reports.figures(Network.objects.all(), START, END, suppressed=False)
    shown = reports.figures(Network.objects.all(), START, END, suppressed=True)
    checked = 0
    for exact_table, shown_table in zip(exact.tables, shown.tables, strict=True):
        for (label, true_cells), (_label, cells) in zip(
            exact_table.rows, shown_table.rows, strict=True
        ):
            for true, cell in zip(true_cells, cells, strict=True):
                assert not cell.suppressed
                if true.share:
                    continue
                checked += 1
                assert cell.value == disclosure.perturb(true.value, true.key), label
                if 1 <= true.value <= 4:
                    assert cell.value != true.value
                if true.value == 0:
                    assert cell.value == 0
    assert checked > 40
    first = shown.table("summary").rows[0][1][0].value
    for _label, (count, share) in shown.table("nationalities").rows:
        assert share.value == round(100 * count.value / first, 1)


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
    assert html.count('<svg class="chart" role="img"') == 8
    assert 'aria-labelledby="chart-nationalities-title chart-nationalities-desc"' in html
    assert '<table id="table-nationalities">' in html


def test_the_figures_take_a_bounded_number_of_queries(
    client, coordinator_a, counselled, django_assert_max_num_queries
):
    client.force_login(coordinator_a)
    # Session, user, the second-factor device (django-otp), role, the network asked for, the
    # networks to choose from, the versions of the figures (counselling.figures_cache), and
    # eight for all the tables (four over the consultations, one over the outcome changes,
    # networks, topics, occupations), and one for the data quality. Seen again: no table's.
    with django_assert_max_num_queries(16):
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


def test_a_wrong_period_typed_with_htmx_loads_the_whole_page_with_its_errors(
    client, coordinator_a
):
    """htmx swaps no 400, and the error summary stands above the figures fragment: the browser
    is sent to the whole page of the same address, which shows the errors and what was typed."""
    client.force_login(coordinator_a)
    query = {"start": "2025-06-01", "end": "2025-01-01"}
    response = client.get(reverse("counselling:figures"), query, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    target = response["HX-Redirect"]
    assert target == reverse("counselling:figures") + "?start=2025-06-01&end=2025-01-01"
    page = client.get(target)
    assert page.status_code == 400
    html = page.content.decode()
    assert "error-summary" in html
    assert 'value="2025-06-01"' in html


def test_csv_export_has_the_tables_cells(client, coordinator_a, counselled):
    client.force_login(coordinator_a)
    response = client.get(
        reverse("counselling:export", args=["nationalities", "csv"]),
        {"start": "2025-01-01", "end": "2025-06-30", "separator": "comma"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert lines == [
        "Nationality,Number,Share of first consultations",
        "Syria,6,75.0",
        "Türkiye,2,25.0",
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
    assert workbook.sheetnames[:4] == ["Überblick", "Datenqualität", "Netzwerke",
                                       "Staatsangehörigkeiten"]  # fmt: skip
    sheet = workbook["Staatsangehörigkeiten"]
    assert [cell.value for cell in sheet[6]][:3] == ["Syrien", 6, 75.0]


def test_an_unknown_table_is_a_404(client, coordinator_a):
    client.force_login(coordinator_a)
    assert client.get(reverse("counselling:export", args=["nothing", "csv"])).status_code == 404


FIRST_HALF = (D(2025, 1, 1), D(2025, 6, 30))
SECOND_HALF = (D(2025, 7, 1), D(2025, 12, 31))


@pytest.fixture
def outcomes_over_time(network_a, centre_a):
    """Network A in 2025, recognition outcomes dated at the consultations that recorded them:
    - Amira: first consultation 3 Feb (applied, open); 10 Aug partial, 5 Nov full equivalence.
    - Bogdan: first 1 Mar (not applied); 2 May applied; not counselled again until 15 Jan 2026,
      when his application was rejected.
    - Chen: first 1 Apr, came with full equivalence; a follow-up on 1 Sep, no change.
    - Dana: first 15 Sep (applied, open).
    - Emil: first 1 Nov 2024 (applied, open); partial equivalence on 30 Jun, the last day of
      the first half; a follow-up on 1 Jul, no change."""
    amira = make_client(network_a, nationality="SY", recognition_outcome="open")
    make_consultation(amira, D(2025, 2, 3))
    for day, outcome in ((D(2025, 8, 10), "partial"), (D(2025, 11, 5), "full")):
        amira.recognition_outcome = outcome
        make_consultation(amira, day)
    bogdan = make_client(network_a, nationality="UA", recognition_outcome="not_applied")
    make_consultation(bogdan, D(2025, 3, 1))
    bogdan.recognition_outcome = "open"
    make_consultation(bogdan, D(2025, 5, 2))
    bogdan.recognition_outcome = "rejected"
    make_consultation(bogdan, D(2026, 1, 15))
    chen = make_client(network_a, nationality="CN", recognition_outcome="full")
    make_consultation(chen, D(2025, 4, 1))
    make_consultation(chen, D(2025, 9, 1))
    dana = make_client(network_a, nationality="TR", recognition_outcome="open")
    make_consultation(dana, D(2025, 9, 15))
    emil = make_client(network_a, nationality="IR", recognition_outcome="open")
    make_consultation(emil, D(2024, 11, 1))
    emil.recognition_outcome = "partial"
    make_consultation(emil, D(2025, 6, 30))
    make_consultation(emil, D(2025, 7, 1))
    return {"amira": amira, "bogdan": bogdan}


def outcome_figures(network, period):
    figures = reports.figures(Network.objects.filter(pk=network.pk), *period, suppressed=False)
    return values(figures, "outcomes_reached"), values(figures, "outcomes"), figures


def test_outcomes_reached_in_the_first_half_and_as_they_stood_at_its_end(
    outcomes_over_time, network_a
):
    reached, at_end, figures = outcome_figures(network_a, FIRST_HALF)
    # Amira open; Bogdan not applied, then open; Chen full; Emil partial on the last day.
    assert reached == {
        "Nicht beantragt": [1], "Beantragt, offen": [2], "Volle Gleichwertigkeit": [1],
        "Teilweise Gleichwertigkeit": [1], "Abgelehnt": [0],
    }  # fmt: skip
    # Amira, Bogdan, Chen and Emil were counselled; Bogdan's later rejection does not count.
    assert at_end == {
        "Nicht beantragt": [0], "Beantragt, offen": [2], "Volle Gleichwertigkeit": [1],
        "Teilweise Gleichwertigkeit": [1], "Abgelehnt": [0],
    }  # fmt: skip
    assert figures.table("summary").rows[2][1][0].value == 4


def test_outcomes_reached_in_the_second_half_and_as_they_stood_at_its_end(
    outcomes_over_time, network_a
):
    reached, at_end, figures = outcome_figures(network_a, SECOND_HALF)
    # Amira partial, then full; Dana open; Chen's and Emil's follow-ups changed nothing.
    assert reached == {
        "Nicht beantragt": [0], "Beantragt, offen": [1], "Volle Gleichwertigkeit": [1],
        "Teilweise Gleichwertigkeit": [1], "Abgelehnt": [0],
    }  # fmt: skip
    # Amira, Chen, Dana and Emil were counselled; Bogdan was not.
    assert at_end == {
        "Nicht beantragt": [0], "Beantragt, offen": [1], "Volle Gleichwertigkeit": [2],
        "Teilweise Gleichwertigkeit": [1], "Abgelehnt": [0],
    }  # fmt: skip
    assert figures.table("summary").rows[2][1][0].value == 4


def test_over_the_whole_year_a_person_counts_once_under_each_outcome_they_reached(
    outcomes_over_time, network_a
):
    reached, at_end, _figures = outcome_figures(network_a, (D(2025, 1, 1), D(2025, 12, 31)))
    assert reached == {
        "Nicht beantragt": [1], "Beantragt, offen": [3], "Volle Gleichwertigkeit": [2],
        "Teilweise Gleichwertigkeit": [2], "Abgelehnt": [0],
    }  # fmt: skip
    assert at_end == {
        "Nicht beantragt": [0], "Beantragt, offen": [2], "Volle Gleichwertigkeit": [2],
        "Teilweise Gleichwertigkeit": [1], "Abgelehnt": [0],
    }  # fmt: skip


def test_a_periods_outcomes_stay_as_they_were_when_an_outcome_changes_later(
    outcomes_over_time, network_a, counsellor_a
):
    before = outcome_figures(network_a, FIRST_HALF)[:2]
    amira = outcomes_over_time["amira"]
    amira.recognition_outcome = "rejected"
    record_consultation(
        role=counsellor_a.counselling_role, client=amira,
        consultation=Consultation(date=D(2026, 2, 2)), topics=[], token="later-change",
    )  # fmt: skip
    amira.refresh_from_db()
    assert amira.recognition_outcome == "rejected"
    assert outcome_figures(network_a, FIRST_HALF)[:2] == before


def test_a_person_with_no_outcome_dated_by_the_end_counts_as_not_applied(network_a, centre_a):
    person = make_client(network_a, nationality="SY", recognition_outcome="full")
    make_consultation(person, D(2025, 3, 1))
    # A consultation entered afterwards with an earlier date, before any outcome was dated.
    person.outcome_changes.update(date=D(2025, 3, 1))
    make_consultation(person, D(2025, 2, 1))
    reached, at_end, _figures = outcome_figures(network_a, (D(2025, 2, 1), D(2025, 2, 28)))
    assert at_end["Nicht beantragt"] == [1]
    assert sum(n for (n,) in reached.values()) == 0


def test_an_outcome_dated_without_a_consultation_counts_on_its_day(network_a, centre_a):
    person = make_client(network_a, nationality="SY", recognition_outcome="open")
    make_consultation(person, D(2025, 3, 1))
    make_outcome_change(person, "partial", D(2025, 7, 20))
    reached, at_end, _figures = outcome_figures(network_a, SECOND_HALF)
    assert reached["Teilweise Gleichwertigkeit"] == [1]
    # Not counselled in the second half, so not among its people.
    assert sum(n for (n,) in at_end.values()) == 0


def test_the_outcome_tables_export_as_csv_with_their_rows(
    client, coordinator_a, outcomes_over_time
):
    client.force_login(coordinator_a)
    period = {"start": "2025-07-01", "end": "2025-12-31", "separator": "comma"}
    reached = client.get(
        reverse("counselling:export", args=["outcomes_reached", "csv"]), period,
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    at_end = client.get(
        reverse("counselling:export", args=["outcomes", "csv"]), period,
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert reached.content.decode("utf-8-sig").splitlines() == [
        "Recognition,People", "Not applied for,0", '"Applied, open",1',
        "Full equivalence,1", "Partial equivalence,1", "Rejected,0",
    ]  # fmt: skip
    assert at_end.content.decode("utf-8-sig").splitlines()[1:] == [
        "Not applied for,0", '"Applied, open",1', "Full equivalence,2",
        "Partial equivalence,1", "Rejected,0",
    ]  # fmt: skip


def test_the_outcome_sheets_say_as_of_when_they_count(client, coordinator_a, outcomes_over_time):
    import io

    from openpyxl import load_workbook

    client.force_login(coordinator_a)
    response = client.get(
        reverse("counselling:export", args=["all", "xlsx"]),
        {"start": "2025-01-01", "end": "2025-06-30"},
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[-2:] == ["Erreichte Ergebnisse", "Anerkennung am Ende"]
    sheet = workbook["Anerkennung am Ende"]
    assert [cell.value for cell in sheet[5]] == ["Anerkennung", "Personen"]
    assert [cell.value for cell in sheet[7]] == ["Beantragt, offen", 2]
    assert "am letzten Tag des Zeitraums" in sheet.cell(row=sheet.max_row, column=1).value
    reached = workbook["Erreichte Ergebnisse"]
    assert [cell.value for cell in reached[6]] == ["Nicht beantragt", 1]
