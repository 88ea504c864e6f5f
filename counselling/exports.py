"""CSV and XLSX downloads of the figures' tables, with the same cells as the page.

A CSV file holds the table only (header and rows), for programs; an XLSX sheet adds the title,
the period and networks above it and the table's note (what is counted, e.g. as of which day
the recognition outcomes stand) below it, for people."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from counselling.reports import Figures, Table
from counselling.spreadsheet import csv_text, safe_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Sheet names people read in the tab bar: at most 31 characters, none of []:*?/\.
SHEET_NAMES = {
    "summary": gettext_lazy("Overview"),
    "data_quality": gettext_lazy("Data quality"),
    "networks": gettext_lazy("Networks"),
    "nationalities": gettext_lazy("Nationalities"),
    "occupations": gettext_lazy("Reference occupations"),
    "topics": gettext_lazy("Topics"),
    "reasons": gettext_lazy("Reasons (Fair Integration)"),
    "channels": gettext_lazy("Channels"),
    "outcomes_reached": gettext_lazy("Outcomes reached"),
    "outcomes": gettext_lazy("Recognition at the end"),
}
UNSAFE_IN_SHEET_NAMES = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def sheet_name(table: Table) -> str:
    return str(SHEET_NAMES.get(table.key, table.title)).translate(UNSAFE_IN_SHEET_NAMES)[:31]


def filename(figures: Figures, key: str, extension: str) -> str:
    scope = figures.networks[0].slug if len(figures.networks) == 1 else "all-networks"
    return f"iq-{key}-{scope}-{figures.start:%Y%m%d}-{figures.end:%Y%m%d}.{extension}"


def _rows(table: Table):
    """Header and rows, every text cell safe from running as a formula."""
    yield safe_row([table.label_header, *table.columns])
    for label, cells in table.rows:
        yield safe_row([label, *(cell.export_value for cell in cells)])


def _download(content, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def csv_response(figures: Figures, table: Table, separator: str = ";") -> HttpResponse:
    """German Excel's dialect by default (``counselling.spreadsheet``)."""
    return _download(
        csv_text(_rows(table), separator),
        "text/csv; charset=utf-8",
        filename(figures, table.key, "csv"),
    )


def _sheet(workbook: Workbook, figures: Figures, table: Table, first: bool):
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = sheet_name(table)
    sheet.append(safe_row([table.title]))
    sheet["A1"].font = Font(bold=True)
    networks = ", ".join(network.short_name for network in figures.networks)
    sheet.append([_("Period"), f"{figures.start:%d.%m.%Y} \N{EN DASH} {figures.end:%d.%m.%Y}"])
    sheet.append(safe_row([_("Networks"), networks]))
    sheet.append([])
    for row in _rows(table):
        sheet.append(row)
    for cell in sheet[5]:
        cell.font = Font(bold=True)
    if table.note:
        # Below the table, so that the header stays on row 5 in every sheet.
        sheet.append([])
        sheet.append(safe_row([table.note]))
    sheet.column_dimensions["A"].width = 48


def xlsx_response(figures: Figures, tables: list[Table], key: str) -> HttpResponse:
    workbook = Workbook()
    for index, table in enumerate(tables):
        _sheet(workbook, figures, table, first=index == 0)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _download(buffer.getvalue(), XLSX, filename(figures, key, "xlsx"))
