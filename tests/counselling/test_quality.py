"""Data quality per network and period, the monitoring export and its dictionary, sheet names."""

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from counselling import monitoring_export, quality, reports
from counselling.models import Network
from tests.counselling.factory import (
    make_centre,
    make_client,
    make_consultation,
    make_counsellor,
    make_occupation,
)

pytestmark = pytest.mark.django_db
START, END = datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)
IN, AFTER, BEFORE = datetime.date(2025, 3, 1), datetime.date(2025, 8, 1), datetime.date(2024, 5, 1)


@pytest.fixture
def hand_built(network_a, network_b):
    """Network A: four people in the period, one before it, one only after; B: two people."""
    doctor = make_occupation("doctor", "Arzt/Ärztin", regulated=True)
    complete = {"nationality": "SY", "qualification_country": "SY",
                "reference_occupation": doctor, "residence_status": "residence_permit"}  # fmt: skip
    make_consultation(make_client(network_a, **complete), IN)
    make_consultation(make_client(network_a, **{**complete, "nationality": ""}), IN)
    make_consultation(
        make_client(network_a, **{**complete, "reference_occupation": None,
                                  "residence_status": "unknown"}), IN,
    )  # fmt: skip
    # Counselled in the period, but the outcome recorded only at a consultation after it.
    late = make_client(network_a, nationality="UA")
    make_consultation(late, AFTER)
    make_consultation(late, IN)
    late.outcome_changes.update(date=AFTER)
    make_consultation(make_client(network_a, nationality=""), BEFORE)
    make_consultation(make_client(network_b, **complete), IN)
    make_consultation(make_client(network_b, qualification_country="TR"), IN)
    return network_a, network_b


def rows(table):
    return [(label, [cell.display for cell in cells]) for label, cells in table.rows]


def test_the_data_quality_of_a_hand_built_network_is_counted_exactly(hand_built):
    network_a, _network_b = hand_built
    found = quality.completeness(Network.objects.filter(pk=network_a.pk), START, END)
    assert [(c.field, c.valid, c.missing) for c in found[network_a.pk]] == [
        ("nationality", 3, 1),
        ("qualification_country", 3, 1),
        ("reference_occupation", 2, 2),
        ("residence_status", 2, 2),
        ("recognition_outcome", 3, 1),
    ]
    figures = reports.figures(Network.objects.filter(pk=network_a.pk), START, END,
                              suppressed=False)  # fmt: skip
    table = quality.with_quality(figures).tables[1]
    assert table.key == "data_quality"
    assert rows(table) == [
        ("Staatsangehörigkeit", ["3", "1", "75,0 %"]),
        ("Land, in dem der Abschluss erworben wurde", ["3", "1", "75,0 %"]),
        ("Referenzberuf", ["2", "2", "50,0 %"]),
        ("Aufenthaltsstatus", ["2", "2", "50,0 %"]),
        ("Anerkennungsergebnis", ["3", "1", "75,0 %"]),
    ]


def test_the_data_quality_of_several_networks_is_shown_network_by_network(hand_built):
    network_a, network_b = hand_built
    both = Network.objects.filter(pk__in=[network_a.pk, network_b.pk])
    table = quality.table(reports.figures(both, START, END, suppressed=False))
    shown = dict(rows(table))
    assert shown["Netzwerk B: Land, in dem der Abschluss erworben wurde"] == ["2", "0", "100,0 %"]
    assert shown["Netzwerk B: Referenzberuf"] == ["1", "1", "50,0 %"]
    assert shown["Netzwerk A: Referenzberuf"] == ["2", "2", "50,0 %"]
    assert len(table.rows) == 10


def test_the_figures_page_and_the_xlsx_show_the_data_quality_with_readable_sheet_names(
    client, counsellor_a, hand_built
):
    client.force_login(counsellor_a)
    period = {"start": START.isoformat(), "end": END.isoformat()}
    page = client.get(reverse("counselling:figures"), period).content.decode()
    assert 'id="table-data_quality"' in page
    response = client.get(reverse("counselling:export", args=["all", "xlsx"]), period)
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:3] == ["Überblick", "Datenqualität", "Netzwerke"]
    assert all(len(name) <= 31 and "_" not in name for name in workbook.sheetnames)
    sheet = workbook["Datenqualität"]
    assert [cell.value for cell in sheet[6]] == ["Staatsangehörigkeit", 3, 1, 75.0]
    csv_file = client.get(reverse("counselling:export", args=["data_quality", "csv"]), period)
    assert csv_file.status_code == 200


def test_the_monitoring_export_has_one_row_per_consultation_in_the_documented_layout(
    client, counsellor_a, hand_built
):
    client.force_login(counsellor_a)
    period = {"start": START.isoformat(), "end": END.isoformat()}
    response = client.get(reverse("counselling:monitoring", args=["csv"]), period)
    assert response.status_code == 200
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = table[0], table[1:]
    assert header == [column.name for column in monitoring_export.COLUMNS]
    assert len(body) == 4
    by_name = [dict(zip(header, row, strict=True)) for row in body]
    late = next(row for row in by_name if row["nationality"] == "UA")
    assert (late["kind"], late["recognition_outcome_at_end"]) == ("first", "")
    first = by_name[0]
    assert (first["kind"], first["nationality"], first["reference_occupation"]) == (
        "first", "SY", "doctor",
    )  # fmt: skip
    assert first["recognition_outcome_at_end"] == "not_applied"
    xlsx = client.get(reverse("counselling:monitoring", args=["xlsx"]), period)
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["Beratungen", "Datenlexikon"]
    assert workbook["Beratungen"].max_row == 5


def test_the_programme_role_gets_no_rows_of_the_monitoring_export(client, programme_user):
    client.force_login(programme_user)
    response = client.get(reverse("counselling:monitoring", args=["csv"]))
    assert response.status_code == 403


def test_a_cell_that_would_run_as_a_formula_is_exported_as_text(client, network_a):
    centre = make_centre(network_a, "=HYPERLINK(1)")
    counsellor = make_counsellor(centre)
    make_consultation(make_client(network_a), IN, centre=centre)
    client.force_login(counsellor)
    period = {"start": START.isoformat(), "end": END.isoformat()}
    response = client.get(reverse("counselling:monitoring", args=["csv"]), period)
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def test_the_documented_data_dictionary_is_the_one_in_the_code():
    docs = (settings.BASE_DIR / "docs" / "monitoring-export.md").read_text(encoding="utf-8")
    assert monitoring_export.markdown_table() in docs


def test_the_dictionary_names_every_column_with_a_german_label(client, counsellor_a):
    client.force_login(counsellor_a)
    response = client.get(reverse("counselling:monitoring_dictionary", args=["csv"]))
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == ["field", "label_de", "meaning", "allowed_values"]
    assert [row[0] for row in table[1:]] == [c.name for c in monitoring_export.COLUMNS]
    assert all(row[1] and row[3] for row in table[1:])
