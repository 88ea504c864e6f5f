"""The export for the programme's monitoring: every consultation of a network in a period, one
row each, in one documented layout (``COLUMNS``), so that a network hands its data on without
retyping. The layout is stable across releases: columns are only ever added at the end, never
renamed or removed; their names are the CSV header and ``docs/monitoring-export.md`` (checked
by a test) is the data dictionary, also downloadable as CSV or XLSX.

Values are codes, not labels, so that a file reads the same in German and English: countries
ISO 3166-1 alpha-2 (XK for Kosovo), languages ISO 639-1, dates ISO 8601, lists separated by
";", unknowns empty. Client codes are the portal's pseudonyms; no names are stored anywhere.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from counselling.models import (
    Channel,
    Consultation,
    ConsultationFormat,
    Gender,
    RecognitionOutcome,
    RecognitionOutcomeChange,
    Referral,
    ResidenceStatus,
    ServiceLine,
)
from counselling.spreadsheet import csv_text, safe_cell, safe_row
from iqportal.db_routers import reports_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = "first | follow_up | group | employer"
YES_NO = "yes | no | (empty: not known)"


def _choices(choices) -> str:
    return " | ".join(choices.values)


@dataclass(frozen=True)
class Column:
    name: str
    label_de: str
    meaning: str
    allowed: str
    value: Callable[[Consultation], object]


def _kind(c: Consultation) -> str:
    if c.format != ConsultationFormat.INDIVIDUAL:
        return c.format
    return "first" if c.is_first else "follow_up"


def _client(attribute: str, convert=lambda value: value):
    def value(c: Consultation):
        if c.client is None:
            return ""
        found = getattr(c.client, attribute)
        return "" if found is None else convert(found)

    return value


def _yes_no(value) -> str:
    return "yes" if value else "no"


def _joined(values: Iterable) -> str:
    return ";".join(str(value) for value in values)


def _recorded_outcome(c: Consultation) -> str:
    changes = list(c.outcome_changes.all())
    return changes[-1].outcome if changes else ""


COLUMNS = (
    Column("network", "Netzwerk", "Network (its slug in the portal)", "slug",
           lambda c: c.network.slug),
    Column("centre", "Beratungsstelle", "Counselling centre", "name", lambda c: c.centre.name),
    Column("consultation_id", "Beratungs-Nr.", "Number of the consultation in the portal",
           "integer", lambda c: c.pk),
    Column("date", "Datum", "Day of the consultation", "YYYY-MM-DD", lambda c: c.date.isoformat()),
    Column("kind", "Art", "Erstberatung, Folgeberatung, group session or employer consultation",
           KINDS, _kind),
    Column("service_line", "Beratungsbereich", "Service line", _choices(ServiceLine),
           lambda c: c.service_line),
    Column("channel", "Kanal", "How the consultation took place", _choices(Channel),
           lambda c: c.channel),
    Column("language", "Beratungssprache", "Language of the consultation", "ISO 639-1",
           lambda c: c.language),
    Column("duration_minutes", "Dauer (Minuten)", "Duration in minutes", "5-600",
           lambda c: c.duration_minutes),
    Column("participants", "Teilnehmende", "People taking part (group sessions; else 1)",
           "integer >= 1", lambda c: c.participants),
    Column("topics", "Themen", "Topics and Beratungsanlässe (codes of the admin's topics)",
           "topic codes, ';'-separated", lambda c: _joined(t.code for t in c.topics.all())),
    Column("referrals", "Verweise", "Referred to", _choices(Referral) + ", ';'-separated",
           lambda c: _joined(c.referrals or [])),
    Column("client_code", "Personen-Code", "Pseudonymous code of the person (individual only)",
           "K + 7 characters", _client("code")),
    Column("birth_year", "Geburtsjahr", "Year of birth", "YYYY", _client("birth_year")),
    Column("gender", "Geschlecht", "Gender", _choices(Gender), _client("gender")),
    Column("nationality", "Staatsangehörigkeit", "Nationality", "ISO 3166-1 alpha-2",
           _client("nationality")),
    Column("qualification_country", "Land des Abschlusses",
           "Country where the qualification was acquired", "ISO 3166-1 alpha-2",
           _client("qualification_country")),
    Column("residence_status", "Aufenthaltsstatus", "Residence status",
           _choices(ResidenceStatus), _client("residence_status")),
    Column("entry_year", "Einreisejahr", "Year of entry to Germany", "YYYY",
           _client("entry_year")),
    Column("flight_background", "Fluchthintergrund", "Flight background", YES_NO,
           _client("flight_background", _yes_no)),
    Column("languages", "Sprachen", "Languages the person speaks", "ISO 639-1, ';'-separated",
           _client("languages", _joined)),
    Column("reference_occupation", "Referenzberuf", "Reference occupation (code)",
           "occupation codes of the admin", _client("reference_occupation", lambda o: o.code)),
    Column("reference_occupation_isco", "Referenzberuf ISCO-08", "ISCO-08 code of it",
           "ISCO-08", _client("reference_occupation", lambda o: o.isco)),
    Column("occupation_regulated", "Reglementierter Beruf", "Occupation regulated in Germany",
           YES_NO, _client("occupation_regulated", _yes_no)),
    Column("recognition_outcome_recorded", "Anerkennung erfasst",
           "Recognition outcome recorded at this consultation (empty: unchanged)",
           _choices(RecognitionOutcome), _recorded_outcome),
    Column("recognition_outcome_at_end", "Anerkennung am Ende des Zeitraums",
           "Recognition outcome as it stood on the last day of the period (empty: none recorded)",
           _choices(RecognitionOutcome), lambda c: c.outcome_at_end or ""),
)  # fmt: skip

DICTIONARY_HEADER = ("field", "label_de", "meaning", "allowed_values")
def consultations(networks, start: datetime.date, end: datetime.date):
    db = reports_db()
    at_end = (
        RecognitionOutcomeChange.objects.using(db)
        .filter(client=OuterRef("client"))
        .as_of(end)
        .latest_first()
        .values("outcome")[:1]
    )
    return (
        Consultation.objects.using(db)
        .for_networks(networks)
        .in_period(start, end)
        .select_related("network", "centre", "client", "client__reference_occupation")
        .prefetch_related("topics", "outcome_changes")
        .annotate(outcome_at_end=Subquery(at_end))
        .order_by("date", "pk")
    )


def rows(networks, start: datetime.date, end: datetime.date):
    yield [column.name for column in COLUMNS]
    for consultation in consultations(networks, start, end).iterator(chunk_size=2000):
        yield [safe_cell(column.value(consultation)) for column in COLUMNS]


def dictionary_rows():
    yield list(DICTIONARY_HEADER)
    for column in COLUMNS:
        yield safe_row([column.name, column.label_de, column.meaning, column.allowed])


def _download(content, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _xlsx(sheets: list[tuple[str, Iterable]]) -> bytes:
    workbook = Workbook()
    for index, (title, table) in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = title
        for row in table:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filename(networks, start, end, extension: str) -> str:
    slugs = list(networks.values_list("slug", flat=True)[:2])
    scope = slugs[0] if len(slugs) == 1 else "all-networks"
    return f"iq-monitoring-{scope}-{start:%Y%m%d}-{end:%Y%m%d}.{extension}"


def response(networks, start, end, extension: str, separator: str = ";") -> HttpResponse:
    """CSV in German Excel's dialect by default (``counselling.spreadsheet``), or XLSX."""
    name = filename(networks, start, end, extension)
    if extension == "csv":
        body = csv_text(rows(networks, start, end), separator)
        return _download(body, "text/csv; charset=utf-8", name)
    sheets = [(str(_("Consultations")), rows(networks, start, end)),
              (str(_("Data dictionary")), dictionary_rows())]  # fmt: skip
    return _download(_xlsx(sheets), XLSX, name)


def dictionary_response(extension: str, separator: str = ";") -> HttpResponse:
    name = f"iq-monitoring-dictionary.{extension}"
    if extension == "csv":
        body = csv_text(dictionary_rows(), separator)
        return _download(body, "text/csv; charset=utf-8", name)
    return _download(_xlsx([(str(_("Data dictionary")), dictionary_rows())]), XLSX, name)


def markdown_table() -> str:
    """The dictionary as the Markdown table of ``docs/monitoring-export.md``."""
    lines = ["| field | German label | meaning | allowed values |", "|---|---|---|---|"]
    for column in COLUMNS:
        cells = (f"`{column.name}`", column.label_de, column.meaning, column.allowed)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)
