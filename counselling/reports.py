"""Figures per network and period, as in "IQ Netzwerk Berlin in Zahlen": Erstberatungen,
Folgeberatungen, people counselled, top nationalities and occupations, topics and
Beratungsanlässe, channels, recognition outcomes and a comparison of networks.

Every figure is a ``Table`` of ``Cell``s so that the page, the SVG chart, CSV and XLSX show the
same numbers. Queries read from the reports database (a replica when configured).

Small-cell suppression (programme-wide role): counts of 1 to 4 are shown as "< 5"; where the
rows of a column add up to a total shown elsewhere, one more cell is suppressed whenever a
single one is, so that no suppressed value follows from the total by subtraction. Shares of
suppressed counts are not shown.
Outcomes are the clients' current recognition outcome, counted once per person.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import formats
from django.utils.translation import gettext as _

from counselling import reference
from counselling.models import (
    SMALL_CELL,
    Channel,
    Client,
    Consultation,
    ConsultationFormat,
    Network,
    Occupation,
    RecognitionOutcome,
    ServiceLine,
    Topic,
)
from iqportal.db_routers import reports_db

SUPPRESSED = "< 5"
NOT_SHOWN = "\N{EN DASH}"
TOP_NATIONALITIES = 5
TOP_OCCUPATIONS = 10


@dataclass
class Cell:
    value: int | float | None
    share: bool = False
    suppressed: bool = False

    @property
    def display(self) -> str:
        if self.suppressed:
            return NOT_SHOWN if self.share else SUPPRESSED
        if self.value is None:
            return NOT_SHOWN
        if self.share:
            return formats.number_format(self.value, 1) + " %"
        return formats.number_format(self.value, 0, force_grouping=True)

    @property
    def export_value(self):
        if self.suppressed:
            return "" if self.share else SUPPRESSED
        return self.value


@dataclass
class Table:
    key: str
    title: str
    label_header: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]] = field(default_factory=list)
    chart: bool = True
    note: str = ""

    @property
    def count_columns(self) -> list[int]:
        """Indexes of the columns that hold counts (the ones a chart draws)."""
        if not self.rows:
            return [i for i, _ in enumerate(self.columns)]
        return [i for i, cell in enumerate(self.rows[0][1]) if not cell.share]

    @property
    def is_empty(self) -> bool:
        return not self.rows


@dataclass
class Figures:
    networks: list[Network]
    start: datetime.date
    end: datetime.date
    suppressed: bool
    tables: list[Table]

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def suppress(tables: list[Table]) -> None:
    """Primary suppression: every count of 1 to 4 people."""
    for table in tables:
        for _label, cells in table.rows:
            for cell in cells:
                if not cell.share and isinstance(cell.value, int) and 0 < cell.value < SMALL_CELL:
                    cell.suppressed = True


def protect_columns(table: Table, columns: list[int]) -> None:
    """Secondary suppression: a column adding up to a shown total never hides a single cell."""
    for column in columns:
        cells = [cells[column] for _label, cells in table.rows]
        if sum(1 for cell in cells if cell.suppressed) != 1:
            continue
        visible = sorted(
            (cell for cell in cells if not cell.suppressed and cell.value),
            key=lambda cell: cell.value,
        )
        if visible:
            visible[0].suppressed = True


def hide_shares_of_suppressed(table: Table) -> None:
    for _label, cells in table.rows:
        for count, share in itertools.pairwise(cells):
            if share.share and count.suppressed:
                share.suppressed = True


def _first_follow():
    return {
        "first": Count("pk", filter=Q(is_first=True)),
        "follow": Count("pk", filter=Q(is_first=False)),
    }


def _summary(base) -> tuple[Table, dict]:
    totals = base.aggregate(
        **_first_follow(),
        people=Count("client", distinct=True, filter=Q(format=ConsultationFormat.INDIVIDUAL)),
        refugees=Count("client", distinct=True, filter=Q(client__flight_background=True)),
        groups=Count("pk", filter=Q(format=ConsultationFormat.GROUP)),
        participants=Sum("participants", filter=Q(format=ConsultationFormat.GROUP)),
    )
    totals["participants"] = totals["participants"] or 0
    rows = [
        (_("First consultations (Erstberatungen)"), totals["first"]),
        (_("Follow-up consultations (Folgeberatungen)"), totals["follow"]),
        (_("People counselled"), totals["people"]),
        (_("of whom with flight background"), totals["refugees"]),
        (_("Group sessions"), totals["groups"]),
        (_("Participants in group sessions"), totals["participants"]),
    ]
    table = Table("summary", _("Overview"), _("Figure"), [_("Number")], chart=False)
    table.rows = [(label, [Cell(value)]) for label, value in rows]
    return table, totals


def _nationalities(base, first_total: int) -> Table:
    counts = (
        base.first_consultations()
        .exclude(client__nationality="")
        .values_list("client__nationality")
        .annotate(n=Count("pk"))
        .order_by("-n", "client__nationality")[:TOP_NATIONALITIES]
    )
    table = Table(
        "nationalities",
        _("Top 5 nationalities (first consultations)"),
        _("Nationality"),
        [_("Number"), _("Share of first consultations")],
    )
    table.rows = [
        (reference.country_name(code), [Cell(n), Cell(_share(n, first_total), share=True)])
        for code, n in counts
    ]
    return table


def _occupations(base, first_total: int) -> Table:
    counts = list(
        base.first_consultations()
        .exclude(client__reference_occupation=None)
        .values_list("client__reference_occupation")
        .annotate(n=Count("pk"))
        .order_by("-n", "client__reference_occupation")[:TOP_OCCUPATIONS]
    )
    names = Occupation.objects.using(base.db).in_bulk([pk for pk, _n in counts])
    table = Table(
        "occupations",
        _("Top reference occupations (first consultations)"),
        _("Reference occupation"),
        [_("Number"), _("Share of first consultations")],
    )
    table.rows = [
        (names[pk].name, [Cell(n), Cell(_share(n, first_total), share=True)]) for pk, n in counts
    ]
    return table


def _topics(base, key: str, title: str, lines: list[str], label_header: str) -> Table:
    through = Consultation.topics.through.objects.using(base.db)
    counts = {
        row["topic"]: row
        for row in through.filter(consultation__in=base.values("pk"))
        .values("topic")
        .annotate(
            first=Count("pk", filter=Q(consultation__is_first=True)),
            follow=Count("pk", filter=Q(consultation__is_first=False)),
        )
    }
    topics = Topic.objects.using(base.db).filter(service_line__in=lines)
    table = Table(
        key,
        title,
        label_header,
        [_("First consultations"), _("Follow-up consultations")],
        note=_("Several topics per consultation are possible."),
    )
    for topic in topics:
        row = counts.get(topic.pk, {"first": 0, "follow": 0})
        if topic.active or row["first"] or row["follow"]:
            table.rows.append((topic.name, [Cell(row["first"]), Cell(row["follow"])]))
    return table


def _channels(base) -> Table:
    counts = {
        row["channel"]: row
        for row in base.individual().values("channel").annotate(**_first_follow())
    }
    table = Table(
        "channels",
        _("Channels"),
        _("Channel"),
        [_("First consultations"), _("Follow-up consultations")],
    )
    for channel, label in Channel.choices:
        row = counts.get(channel, {"first": 0, "follow": 0})
        table.rows.append((str(label), [Cell(row["first"]), Cell(row["follow"])]))
    return table


def _outcomes(base) -> Table:
    people = Client.objects.using(base.db).filter(pk__in=base.individual().values("client"))
    counts = dict(people.values_list("recognition_outcome").annotate(n=Count("pk")).order_by())
    table = Table(
        "outcomes",
        _("Recognition of the people counselled"),
        _("Recognition"),
        [_("People")],
        note=_("The current state of each person counselled in the period."),
    )
    table.rows = [
        (str(label), [Cell(counts.get(value, 0))]) for value, label in RecognitionOutcome.choices
    ]
    return table


def _comparison(base, networks: list[Network]) -> Table:
    counts = {
        row["network"]: row
        for row in base.values("network").annotate(
            **_first_follow(),
            people=Count("client", distinct=True, filter=Q(format=ConsultationFormat.INDIVIDUAL)),
        )
    }
    table = Table(
        "networks",
        _("Comparison of networks"),
        _("Network"),
        [_("First consultations"), _("Follow-up consultations"), _("People counselled")],
    )
    for network in networks:
        row = counts.get(network.pk)
        if row or len(networks) == 1:
            row = row or {"first": 0, "follow": 0, "people": 0}
            values = [Cell(row["first"]), Cell(row["follow"]), Cell(row["people"])]
            table.rows.append((network.short_name, values))
    return table


def figures(networks, start: datetime.date, end: datetime.date, *, suppressed: bool) -> Figures:
    """All tables for ``networks`` (a queryset) between ``start`` and ``end`` inclusive."""
    db = reports_db()
    networks = list(networks.using(db).order_by("short_name"))
    base = Consultation.objects.using(db).for_networks(networks).in_period(start, end)
    summary, totals = _summary(base)
    tables = [
        summary,
        _comparison(base, networks),
        _nationalities(base, totals["first"]),
        _occupations(base, totals["first"]),
        _topics(
            base,
            "topics",
            _("Topics of recognition and employer counselling"),
            [ServiceLine.RECOGNITION, ServiceLine.EMPLOYERS],
            _("Topic"),
        ),
        _topics(
            base,
            "reasons",
            _("Reasons for Fair Integration counselling (Beratungsanlässe)"),
            [ServiceLine.FAIR_INTEGRATION],
            _("Reason"),
        ),
        _channels(base),
        _outcomes(base),
    ]
    if suppressed:
        suppress(tables)
        by_key = {table.key: table for table in tables}
        protect_columns(by_key["networks"], [0, 1, 2])
        protect_columns(by_key["channels"], [0, 1])
        protect_columns(by_key["outcomes"], [0])
        for table in tables:
            hide_shares_of_suppressed(table)
    return Figures(networks, start, end, suppressed, tables)
