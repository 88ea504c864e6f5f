"""Figures per network and period, as in "IQ Netzwerk Berlin in Zahlen": Erstberatungen,
Folgeberatungen, people counselled, top nationalities and occupations, topics and
Beratungsanlässe, channels, recognition outcomes and a comparison of networks.

Every figure is a ``Table`` of ``Cell``s so that the page, the SVG chart, CSV and XLSX show the
same numbers. Queries read from the reports database (a replica when configured).

Disclosure control (programme-wide role): every count is perturbed by the ONS cell-key method
(``counselling.disclosure``), the same way for the same people in every period, so that
neither two periods nor a row and its total can be differenced; each count therefore carries
the sum of the record keys of what it counts (``Cell.key``, a ``Sum("record_key")`` next to
each ``Count``; for people over distinct clients). Shares are taken of the perturbed counts.
Recognition outcomes are dated (``RecognitionOutcomeChange``), so a period's figures do not
move when an outcome changes later. Two tables: the outcomes reached in the period (people whose
outcome was recorded or changed to it on a day in the period; someone whose outcome changed twice
counts under both), and the people counselled in the period by their outcome as it stood on its
last day (the latest change dated on or before it; a person with none by then counts as "not
applied for", the default), taken in the people query itself, so it costs no extra query.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connections
from django.db.models import BooleanField, Count, ExpressionWrapper, OuterRef, Q, Subquery, Sum
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from counselling import disclosure, reference, rollups
from counselling.models import (
    Channel,
    Client,
    Consultation,
    ConsultationFormat,
    Network,
    Occupation,
    RecognitionOutcome,
    RecognitionOutcomeChange,
    ResidenceStatus,
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
    # Hidden: the page says so and the chart draws no bar (never a zero).
    suppressed: bool = False
    # Sum of the record keys of the records counted (the cell-key method's input).
    key: int | None = None
    # A share's whole: the cell of the total it is a share of (the part is the cell before it).
    whole: Cell | None = None

    @property
    def display(self) -> str:
        if self.suppressed:
            return NOT_SHOWN if self.share else SUPPRESSED
        if self.value is None:
            return NOT_SHOWN
        return _number(self.value, self.share, get_language())

    @property
    def export_value(self):
        if self.suppressed:
            return "" if self.share else SUPPRESSED
        return self.value


@lru_cache(maxsize=4096, typed=True)
def _number(value: int | float, share: bool, language: str) -> str:
    """A count or share as written in ``language`` (the active one): a figures page writes
    hundreds of them, mostly the same small numbers, and Django's formatting is slow."""
    if share:
        return formats.number_format(value, 1) + " %"
    return formats.number_format(value, 0, force_grouping=True)


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
    # The whole years whose people the roll-ups hold (counselling.rollups), else None.
    years: tuple[int, int] | None = None
    # Else the people of the period in groups from the raw rows (``people_rows``).
    people_rows: list[dict] | None = None

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# The kinds of consultation a topic or channel table counts in its columns, in order.
KINDS = ("first", "follow", "groups", "employers")


KIND_CONDITIONS = {
    "first": {"is_first": True},
    "follow": {"is_first": False},
    "groups": {"format": ConsultationFormat.GROUP},
    "employers": {"format": ConsultationFormat.EMPLOYER},
}


def key_of(name: str) -> str:
    """The name of the record-key sum beside the count ``name``."""
    return f"{name}_key"


def _kinds(prefix: str = "", counted: str = "pk") -> dict:
    """Counts of each kind of consultation, each with the sum of their record keys."""
    aggregates = {}
    for kind, condition in KIND_CONDITIONS.items():
        where = Q(**{prefix + key: value for key, value in condition.items()})
        aggregates[kind] = Count(counted, filter=where)
        aggregates[key_of(kind)] = Sum(prefix + "record_key", filter=where)
    return aggregates


def _keyed(fields) -> tuple:
    """``fields`` and the record-key sums beside them."""
    return (*fields, *(key_of(name) for name in fields))


def _kind_columns(kinds=KINDS) -> list[str]:
    labels = {
        "first": _("First consultations"),
        "follow": _("Follow-up consultations"),
        "groups": _("Group sessions"),
        "employers": _("Employer consultations"),
    }
    return [labels[kind] for kind in kinds]


def _add_up(rows: list[dict], key: str | None, fields) -> dict:
    """Sums ``fields`` of ``rows`` per value of ``key`` (or in total for ``key`` None)."""
    sums: dict = defaultdict(lambda: dict.fromkeys(fields, 0))
    for row in rows:
        target = sums[row[key] if key else None]
        for name in fields:
            target[name] += row[name] or 0
    return sums


# Four scans of the consultations and one of the outcome changes make all tables, each grouping
# by every key that some table needs; the tables are added up from their rows in Python (a few
# hundred rows at most). A client belongs to one network and their consultations are in it, so
# people add up across networks.


def _consultation_counts(base) -> list[dict]:
    """Consultations by network and channel and kind, with the participants of group sessions."""
    return list(
        base.values("network", "channel")
        .annotate(
            **_kinds(),
            participants=Sum("participants", filter=Q(format=ConsultationFormat.GROUP)),
            participants_key=Sum("record_key", filter=Q(format=ConsultationFormat.GROUP)),
        )
        .order_by()
    )


# A person's data-quality gaps but the recognition outcome (``quality.FIELDS``).
CLIENT_GAPS = {
    "nationality": Q(nationality=""),
    "qualification_country": Q(qualification_country=""),
    "reference_occupation": Q(reference_occupation__isnull=True),
    "residence_status": Q(residence_status=ResidenceStatus.UNKNOWN),
}


def people_rows(networks, start: datetime.date, end: datetime.date, db: str) -> list[dict]:
    """The people counselled individually in ``networks`` between ``start`` and ``end``, in
    groups as the roll-ups hold them (``PeopleYears``): by network, recognition outcome as it
    stood on ``end`` (``then``: None if none was recorded by then), flight background and each
    gap of ``CLIENT_GAPS``, with their number ``n`` and sum of record keys ``key``. The people
    counts and the data quality of a period are both added up from these rows.

    A period that is not whole years has no roll-up of its people (distinct people do not add
    up over months), so this touches every person of the period: for one network on PostgreSQL
    in one pass over three indexes (``_PEOPLE_SQL``), else with the ORM (``_people_rows_orm``,
    the same rows; a test holds them equal). At 1,000,000 consultations, 14 Feb 2024 to
    3 Apr 2025: one network's 9,555 people 68-86 ms with the ORM, 19-35 ms in SQL; all networks
    299 ms with the ORM (hash joins), 657 ms in SQL (sorting 700,000 outcome changes)."""
    ids = [network.pk for network in networks]
    if connections[db].vendor != "postgresql" or len(ids) != 1:
        return _people_rows_orm(ids, start, end, db)
    with connections[db].cursor() as cursor:
        cursor.execute(_PEOPLE_SQL, {"networks": ids, "start": start, "end": end})
        names = ["network", "then", "flight_background", *(f"gap_{n}" for n in CLIENT_GAPS)]
        return [
            {**dict(zip(names, row[:-2], strict=True)), "n": row[-2], "key": row[-1]}
            for row in cursor.fetchall()
        ]


# For one network the ORM query looks up each person's client row and outcome (PostgreSQL
# expects a few hundred people); here all three are read from the indexes
# ``consultation_people``, ``client_people`` and ``outcome_network_latest_first`` and joined.
# The clients are taken by their network as well: a client is of the network of their
# consultations (``services.record_consultation``).
_PEOPLE_SQL = f"""
WITH counselled AS (
    SELECT DISTINCT client_id FROM {Consultation._meta.db_table}
    WHERE network_id = ANY(%(networks)s::bigint[]) AND format = '{ConsultationFormat.INDIVIDUAL}'
      AND date >= %(start)s AND date <= %(end)s
), outcome_then AS (
    SELECT DISTINCT ON (client_id) client_id, outcome FROM {RecognitionOutcomeChange._meta.db_table}
    WHERE network_id = ANY(%(networks)s::bigint[]) AND date <= %(end)s
    ORDER BY client_id, date DESC, created_at DESC, id DESC
)
SELECT client.network_id, outcome_then.outcome, client.flight_background,
       client.nationality = '', client.qualification_country = '',
       client.reference_occupation_id IS NULL,
       client.residence_status = '{ResidenceStatus.UNKNOWN}',
       COUNT(*), SUM(client.record_key)
FROM counselled
JOIN {Client._meta.db_table} client
  ON client.id = counselled.client_id AND client.network_id = ANY(%(networks)s::bigint[])
LEFT JOIN outcome_then ON outcome_then.client_id = counselled.client_id
GROUP BY 1, 2, 3, 4, 5, 6, 7
"""


def _people_rows_orm(ids: list[int], start, end, db: str) -> list[dict]:
    """``people_rows`` with the ORM: the outcome as it stood on ``end`` is a correlated
    subquery per person."""
    base = Consultation.objects.using(db).filter(network__in=ids).in_period(start, end)
    changes = RecognitionOutcomeChange.objects.using(db).filter(client=OuterRef("pk"))
    then = changes.as_of(end).latest_first().values("outcome")[:1]
    gaps = {f"gap_{name}": ExpressionWrapper(gap, BooleanField()) for name, gap in
            CLIENT_GAPS.items()}  # fmt: skip
    people = Client.objects.using(db).filter(pk__in=base.individual().values("client"))
    return list(
        people.annotate(then=Subquery(then), **gaps)
        .values("network", "then", "flight_background", *gaps)
        .annotate(n=Count("pk"), key=Sum("record_key"))
        .order_by()
    )


def _people_counts(rows: list[dict]) -> list[dict]:
    """People counselled in the period by network and by their recognition outcome as it stood
    on its last day, with refugees (from ``people_rows``)."""
    counts: dict[tuple, dict] = {}
    for row in rows:
        outcome = row["then"] or RecognitionOutcome.NOT_APPLIED
        group = counts.setdefault(
            (row["network"], outcome),
            {"network": row["network"], "outcome": outcome, "n": 0, "refugees": 0,
             "n_key": 0, "refugees_key": None},
        )  # fmt: skip
        group["n"] += row["n"]
        group["n_key"] += row["key"]
        if row["flight_background"]:
            group["refugees"] += row["n"]
            group["refugees_key"] = (group["refugees_key"] or 0) + row["key"]
    return list(counts.values())


def outcomes_reached(networks, start, end, db) -> dict[str, tuple[int, int]]:
    """People whose recognition outcome was recorded or changed in the period, by outcome,
    with the sum of their record keys (over distinct people): on PostgreSQL added up in SQL
    from the indexes ``outcome_period`` and ``client_people`` (at 1,000,000 consultations, one
    network over 14 months: 10-22 ms, against 50-61 ms for ``_outcomes_reached_orm``), elsewhere
    with the ORM (the same figures; a test holds them equal)."""
    ids = [network.pk for network in networks]
    if connections[db].vendor != "postgresql":
        return _outcomes_reached_orm(ids, start, end, db)
    with connections[db].cursor() as cursor:
        cursor.execute(_REACHED_SQL, {"networks": ids, "start": start, "end": end})
        return {outcome: (n, key) for outcome, n, key in cursor.fetchall()}


_REACHED_SQL = f"""
SELECT reached.outcome, COUNT(*), SUM(client.record_key)
FROM (
    SELECT DISTINCT outcome, client_id FROM {RecognitionOutcomeChange._meta.db_table}
    WHERE network_id = ANY(%(networks)s::bigint[]) AND date >= %(start)s AND date <= %(end)s
) reached
JOIN {Client._meta.db_table} client
  ON client.id = reached.client_id AND client.network_id = ANY(%(networks)s::bigint[])
GROUP BY 1
"""


def _outcomes_reached_orm(ids: list[int], start, end, db) -> dict[str, tuple[int, int]]:
    changes = RecognitionOutcomeChange.objects.using(db).for_networks(ids).in_period(start, end)
    people = Client.objects.using(db).filter(pk=OuterRef("client"))
    distinct = changes.values("outcome", "client").distinct().order_by()
    rows = distinct.annotate(record_key=Subquery(people.values("record_key")[:1]))
    reached: dict[str, tuple[int, int]] = {}
    for row in rows:
        n, key = reached.get(row["outcome"], (0, 0))
        reached[row["outcome"]] = (n + 1, key + (row["record_key"] or 0))
    return reached


def _origin_counts(base) -> list[tuple[str, int | None, int, int]]:
    """First consultations by the client's nationality and reference occupation, with the sum
    of their record keys."""
    return list(
        base.first_consultations()
        .values_list("client__nationality", "client__reference_occupation")
        .annotate(n=Count("pk"), key=Sum("record_key"))
        .order_by()
    )


def _topic_counts(networks, spans, db) -> dict[int, dict]:
    """Topic links by topic and kind of consultation (one join, no subquery), over the day
    ranges ``spans``."""
    through = Consultation.topics.through.objects.using(db).filter(
        _in_spans(spans, "consultation__date"), consultation__network__in=networks
    )
    # Counting consultation ids, not the links' own ids, lets PostgreSQL answer from indexes.
    rows = through.values("topic").annotate(**_kinds("consultation__", "consultation")).order_by()
    return {row["topic"]: row for row in rows}


def _in_spans(spans, field: str = "date") -> Q:
    """Dates within any of the day ranges ``spans`` ((first, last) inclusive)."""
    found = Q()
    for first, last in spans:
        found |= Q(**{f"{field}__gte": first, f"{field}__lte": last})
    return found


def _summary(consultations: list[dict], people: list[dict]) -> tuple[Table, dict]:
    totals = _add_up(consultations, None, _keyed((*KINDS, "participants")))[None]
    totals.update(_add_up(people, None, _keyed(("n", "refugees")))[None])
    rows = [
        (_("First consultations (Erstberatungen)"), "first"),
        (_("Follow-up consultations (Folgeberatungen)"), "follow"),
        (_("People counselled"), "n"),
        (_("of whom with flight background"), "refugees"),
        (_("Group sessions"), "groups"),
        (_("Participants in group sessions"), "participants"),
        (_("Employer consultations (skilled immigration)"), "employers"),
    ]
    table = Table("summary", _("Overview"), _("Figure"), [_("Number")], chart=False)
    table.rows = [
        (label, [Cell(totals[name], key=totals[key_of(name)])]) for label, name in rows
    ]
    return table, totals


def _first_total(summary: Table) -> Cell:
    """The cell of all first consultations, the whole of the origin tables' shares."""
    return summary.rows[0][1][0]


def _top(counts: Counter, limit: int) -> list[tuple]:
    """The ``limit`` biggest counts, ties in order of their key."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def _nationalities(origins, first: Cell) -> Table:
    counts, keys = Counter(), Counter()
    for nationality, _occupation, n, key in origins:
        if nationality:
            counts[nationality] += n
            keys[nationality] += key or 0
    table = Table(
        "nationalities",
        _("Top 5 nationalities (first consultations)"),
        _("Nationality"),
        [_("Number"), _("Share of first consultations")],
    )
    table.rows = [
        (reference.country_name(code),
         [Cell(n, key=keys[code]), Cell(_share(n, first.value), share=True, whole=first)])
        for code, n in _top(counts, TOP_NATIONALITIES)
    ]  # fmt: skip
    return table


def _occupations(origins, first: Cell, db: str) -> Table:
    counts, keys = Counter(), Counter()
    for _nationality, occupation, n, key in origins:
        if occupation is not None:
            counts[occupation] += n
            keys[occupation] += key or 0
    top = _top(counts, TOP_OCCUPATIONS)
    names = Occupation.objects.using(db).in_bulk([pk for pk, _n in top])
    table = Table(
        "occupations",
        _("Top reference occupations (first consultations)"),
        _("Reference occupation"),
        [_("Number"), _("Share of first consultations")],
    )
    table.rows = [
        (names[pk].name,
         [Cell(n, key=keys[pk]), Cell(_share(n, first.value), share=True, whole=first)])
        for pk, n in top
    ]  # fmt: skip
    return table


def _topics(counts, topics, key: str, title: str, lines, label_header: str, kinds) -> Table:
    table = Table(
        key,
        title,
        label_header,
        _kind_columns(kinds),
        note=_("Several topics per consultation are possible."),
    )
    for topic in topics:
        if topic.service_line not in lines:
            continue
        row = counts.get(topic.pk, {})
        cells = [Cell(row.get(kind, 0), key=row.get(key_of(kind))) for kind in kinds]
        if topic.active or any(cell.value for cell in cells):
            table.rows.append((topic.name, cells))
    return table


def _channels(consultations: list[dict]) -> Table:
    counts = _add_up(consultations, "channel", _keyed(KINDS))
    table = Table("channels", _("Channels"), _("Channel"), _kind_columns())
    for channel, label in Channel.choices:
        row = counts.get(channel, dict.fromkeys(_keyed(KINDS), 0))
        table.rows.append(
            (str(label), [Cell(row[kind], key=row[key_of(kind)]) for kind in KINDS])
        )
    return table


def _outcomes(people: list[dict]) -> Table:
    counts = _add_up(people, "outcome", ("n", "n_key"))
    table = Table(
        "outcomes",
        _("Recognition of the people counselled, at the end of the period"),
        _("Recognition"),
        [_("People")],
        note=_(
            "Each person counselled in the period, by their recognition outcome as recorded on "
            "the last day of the period."
        ),
    )
    table.rows = [
        (str(label), [Cell(counts[value]["n"], key=counts[value]["n_key"]) if value in counts
                      else Cell(0)])
        for value, label in RecognitionOutcome.choices
    ]  # fmt: skip
    return table


def _outcomes_reached_table(reached: dict[str, tuple[int, int]]) -> Table:
    table = Table(
        "outcomes_reached",
        _("Recognition outcomes reached in the period"),
        _("Recognition"),
        [_("People")],
        note=_(
            "People whose recognition outcome was recorded in the period, at their first "
            "consultation or when it changed later. Someone whose outcome changed twice in the "
            "period is counted under both outcomes."
        ),
    )
    for value, label in RecognitionOutcome.choices:
        n, key = reached.get(value, (0, 0))
        table.rows.append((str(label), [Cell(n, key=key)]))
    return table


def _comparison(consultations, people, networks: list[Network]) -> Table:
    counts = _add_up(consultations, "network", _keyed(("first", "follow")))
    persons = _add_up(people, "network", ("n", "n_key"))
    table = Table(
        "networks",
        _("Comparison of networks"),
        _("Network"),
        [_("First consultations"), _("Follow-up consultations"), _("People counselled")],
    )
    for network in networks:
        if network.pk in counts or network.pk in persons or len(networks) == 1:
            row = counts.get(network.pk, dict.fromkeys(_keyed(("first", "follow")), 0))
            person = persons.get(network.pk, {"n": 0, "n_key": 0})
            cells = [Cell(row["first"], key=row["first_key"]),
                     Cell(row["follow"], key=row["follow_key"]),
                     Cell(person["n"], key=person["n_key"])]  # fmt: skip
            table.rows.append((network.short_name, cells))
    return table


def _counts(
    networks, start, end, db, ready: bool
) -> tuple[list[dict], list[tuple], dict[int, dict]]:
    """Consultations, origins and topics of the period: its whole months from the roll-ups
    (``counselling.rollups``), the days of a month it cuts from the raw rows."""
    raw, months = rollups.split(start, end) if ready else ([(start, end)], None)
    consultations, origins, topics = [], [], []
    if months:
        consultations += rollups.consultation_counts(networks, months, db)
        origins += rollups.origin_counts(networks, months, db)
        topics.append(rollups.topic_counts(networks, months, db))
    if raw:
        # The days of the cut months at both ends in one query of each kind.
        base = Consultation.objects.using(db).for_networks(networks).filter(_in_spans(raw))
        consultations += _consultation_counts(base)
        origins += _origin_counts(base)
        topics.append(_topic_counts(networks, raw, db))
    return consultations, origins, _merge(topics)


def _merge(parts: list[dict[int, dict]]) -> dict[int, dict]:
    if len(parts) == 1:
        return parts[0]
    merged: dict[int, dict] = {}
    for part in parts:
        for topic, row in part.items():
            target = merged.setdefault(topic, {})
            for name, value in row.items():
                if name != "topic":
                    target[name] = (target.get(name) or 0) + (value or 0)
    return merged


def figures(networks, start: datetime.date, end: datetime.date, *, suppressed: bool) -> Figures:
    """All tables for ``networks`` (a queryset) between ``start`` and ``end`` inclusive."""
    db = reports_db()
    # The roll-ups' state (counselling.rollups) comes with the networks: no query of its own.
    networks = list(rollups.with_state(networks.using(db)).order_by("short_name"))
    current = rollups.state_of(networks)
    consultations, origins, topic_counts = _counts(networks, start, end, db, current is not None)
    years = rollups.whole_years(start, end, current)
    if years:
        people = rollups.people_counts(networks, years, db)
        reached = rollups.outcomes_reached(networks, years, db)
    else:
        raw_people = people_rows(networks, start, end, db)
        people = _people_counts(raw_people)
        reached = outcomes_reached(networks, start, end, db)
    topics = list(Topic.objects.using(db).all())
    summary, _totals = _summary(consultations, people)
    tables = [
        summary,
        _comparison(consultations, people, networks),
        _nationalities(origins, _first_total(summary)),
        _occupations(origins, _first_total(summary), db),
        _topics(
            topic_counts,
            topics,
            "topics",
            _("Topics of recognition and employer counselling"),
            [ServiceLine.RECOGNITION, ServiceLine.EMPLOYERS],
            _("Topic"),
            KINDS,
        ),
        _topics(
            topic_counts,
            topics,
            "reasons",
            _("Reasons for Fair Integration counselling (Beratungsanlässe)"),
            [ServiceLine.FAIR_INTEGRATION],
            _("Reason"),
            ("first", "follow", "groups"),
        ),
        _channels(consultations),
        _outcomes_reached_table(reached),
        _outcomes(people),
    ]
    if suppressed:
        disclosure.perturb_tables(tables)
    return Figures(
        networks, start, end, suppressed, tables, years, None if years else raw_people
    )
