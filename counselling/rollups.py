"""Roll-ups of the figures (issue 16): the figures pages read these instead of the raw rows, so
that they take about the same time at a thousand and at a million consultations.

Two kinds of table (``counselling.models``, migration 0007):

- Monthly, per network x month x category: ``ConsultationMonth`` (channel, format, first or
  not), ``OriginMonth`` (first consultations by the client's nationality, and apart from that
  by reference occupation: no figure needs the pair, and the pairs made the table about as long
  as the first consultations themselves), ``TopicMonth`` (topic links by format, first or
  not). Counts add up across months, so a period's counts are sums over its whole months; the
  days of a month cut by the period's start or end are counted from the raw rows (at most two
  months per page).
- People per network x range of whole years (``PeopleYears``, ``ReachedYears``): people do not
  add up across months (one person counselled in March and May counts once), so every range
  of calendar years ``first_year``..``last_year`` within ``RollupState`` has its own rows: the
  people counselled in it by their recognition outcome at its last day, flight background and
  the data-quality gaps, and the people whose outcome was recorded in it, by outcome. A
  period that is not whole years, or outside the range, is counted from the raw rows.

Disclosure control (``counselling.disclosure``) needs per cell the sum of the record keys of
what it counts; every roll-up row carries it (``key``), so the perturbed figures stay the same.

Kept current in the same transaction as each write: the model signals (``connect``) and the
services that write with ``QuerySet.update`` call ``refresh_consultation``/``refresh_client``;
they recount the touched network-months from the raw rows and apply a client's change to the
year ranges as a difference of what the client contributed before (``ClientContribution``) and
now. ``rebuild`` (``manage.py rebuild_rollups``) recounts everything. Each of them raises the
figures versions of the networks it touches (``counselling.figures_cache``), in the same
transaction, so that no rendered figures page outlives its data.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, connections, transaction
from django.db.models import Count, F, Q, Subquery, Sum
from django.db.models.functions import ExtractYear, TruncMonth, TruncYear
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from counselling import figures_cache
from counselling.models import (
    Client,
    ClientContribution,
    Consultation,
    ConsultationFormat,
    ConsultationMonth,
    Network,
    OriginMonth,
    PeopleYears,
    ReachedYears,
    RecognitionOutcome,
    RecognitionOutcomeChange,
    ResidenceStatus,
    RollupState,
    TopicMonth,
)

# The data-quality fields of the people counted (``counselling.quality.FIELDS``).
MISSING = ("nationality", "qualification_country", "reference_occupation", "residence_status",
           "recognition_outcome")  # fmt: skip


def month_of(day: datetime.date | str) -> datetime.date:
    """The first of ``day``'s month (a model's date may still be the string it was given)."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    return _date(day).replace(day=1)


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def split(start: datetime.date, end: datetime.date):
    """The period as (raw day ranges, (first month, last month) of whole months or None)."""
    first = start if start.day == 1 else _next_month(start)
    after = _next_month(end)
    last_whole = after if end == after - datetime.timedelta(days=1) else month_of(end)
    # Whole months are those from ``first`` up to, not including, ``last_whole``.
    if first >= last_whole:
        return [(start, end)], None
    raw = []
    if start < first:
        raw.append((start, first - datetime.timedelta(days=1)))
    if last_whole <= end:
        raw.append((last_whole, end))
    last_month = month_of(last_whole - datetime.timedelta(days=1))
    return raw, (first, last_month)


def state(db: str = "default") -> RollupState | None:
    """The roll-ups' state; None until ``rebuild`` first ran (then the figures count raw rows)."""
    return RollupState.objects.using(db).filter(pk=1).first()


def with_state(networks):
    """``networks`` (a queryset) annotated with the years of the roll-ups' state."""
    state_row = RollupState.objects.using(networks.db).filter(pk=1)
    return networks.annotate(
        rollup_first_year=Subquery(state_row.values("first_year")),
        rollup_last_year=Subquery(state_row.values("last_year")),
    )


def state_of(networks: list) -> RollupState | None:
    """The state read by ``with_state`` (None for no networks or before the first rebuild)."""
    if not networks or networks[0].rollup_first_year is None:
        return None
    first = networks[0]
    return RollupState(pk=1, first_year=first.rollup_first_year, last_year=first.rollup_last_year)


def whole_years(
    start: datetime.date, end: datetime.date, current: RollupState | None
) -> tuple[int, int] | None:
    """The range of years if the period is whole calendar years covered by ``PeopleYears``."""
    if current is None or (start.month, start.day, end.month, end.day) != (1, 1, 12, 31):
        return None
    if start.year < current.first_year or end.year > current.last_year:
        return None
    return start.year, end.year


# --- monthly tables ------------------------------------------------------------------------


def _month_rows(consultations) -> tuple[list, list, list]:
    """Roll-up rows (unsaved) of ``consultations`` (a queryset)."""
    months = consultations.annotate(m=TruncMonth("date")).order_by()
    counts = months.values("network", "m", "channel", "format", "is_first").annotate(
        n=Count("pk"), k=Sum("record_key"), p=Sum("participants")
    )
    firsts = months.filter(is_first=True)
    nationalities = (
        firsts.filter(client__nationality__gt="")
        .values("network", "m", "client__nationality")
        .annotate(n=Count("pk"), k=Sum("record_key"))
    )
    occupations = (
        firsts.filter(client__reference_occupation__isnull=False)
        .values("network", "m", "client__reference_occupation")
        .annotate(n=Count("pk"), k=Sum("record_key"))
    )
    links = Consultation.topics.through.objects.filter(consultation__in=consultations)
    topics = (
        links.annotate(m=TruncMonth("consultation__date"))
        .values("consultation__network", "m", "topic", "consultation__format",
                "consultation__is_first")
        .annotate(n=Count("consultation"), k=Sum("consultation__record_key"))
        .order_by()
    )  # fmt: skip
    return (
        [ConsultationMonth(network_id=r["network"], month=_date(r["m"]), channel=r["channel"],
                           format=r["format"], is_first=r["is_first"], n=r["n"], key=r["k"] or 0,
                           participants=r["p"] or 0) for r in counts],
        [OriginMonth(network_id=r["network"], month=_date(r["m"]),
                     nationality=r["client__nationality"], n=r["n"], key=r["k"] or 0)
         for r in nationalities]
        + [OriginMonth(network_id=r["network"], month=_date(r["m"]),
                       occupation_id=r["client__reference_occupation"], n=r["n"],
                       key=r["k"] or 0) for r in occupations],
        [TopicMonth(network_id=r["consultation__network"], month=_date(r["m"]),
                    topic_id=r["topic"], format=r["consultation__format"],
                    is_first=r["consultation__is_first"], n=r["n"], key=r["k"] or 0)
         for r in topics],
    )  # fmt: skip


def _date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def refresh_months(buckets: Iterable[tuple[int, datetime.date]]) -> None:
    """Recounts the monthly roll-ups of the (network id, month) ``buckets`` from the raw rows,
    and the year rows of their years from the month rows."""
    buckets = {(network, month_of(day)) for network, day in buckets if network and day}
    if not buckets:
        return
    where = Q()
    for network, month in buckets:
        where |= Q(network_id=network, month=month)
    raw = Q()
    for network, month in buckets:
        raw |= Q(network_id=network, date__gte=month, date__lt=_next_month(month))
    years = Q()
    for network, year in {(network, month.year) for network, month in buckets}:
        years |= Q(network_id=network, month__year=year)
    with transaction.atomic():
        # One recount of a network at a time: two writes recounting the same month at once
        # would each delete the old rows and insert their own count, and the second delete
        # does not see the first one's new rows (both counts stayed). The row lock on the
        # network makes the second wait and then see them; always taken in the order of ids.
        _lock_and_bump({network for network, _month in buckets})
        for model in MONTHLY:
            model.objects.filter(where, months=1).delete()
        for model, rows in zip(MONTHLY, _month_rows(Consultation.objects.filter(raw)), strict=True):
            model.objects.bulk_create(rows)
        for model in MONTHLY:
            model.objects.filter(years, months=12).delete()
            model.objects.bulk_create(_year_rows(model, years))


# The monthly tables: the categories of a row and the sums it holds.
MONTHLY = {
    ConsultationMonth: (("channel", "format", "is_first"), ("n", "key", "participants")),
    OriginMonth: (("nationality", "occupation_id"), ("n", "key")),
    TopicMonth: (("topic_id", "format", "is_first"), ("n", "key")),
}


def _year_rows(model, where: Q) -> list:
    """Year rows (unsaved) of ``model``: its month rows matching ``where`` added up per
    network, calendar year and category."""
    categories, sums = MONTHLY[model]
    rows = (
        model.objects.filter(where, months=1)
        .annotate(year=TruncYear("month"))
        .values("network_id", "year", *categories)
        .annotate(**{f"total_{name}": Sum(name) for name in sums})
        .order_by()
    )
    return [
        model(network_id=row["network_id"], month=_date(row["year"]), months=12,
              **{name: row[name] for name in categories},
              **{name: row[f"total_{name}"] for name in sums})
        for row in rows
    ]  # fmt: skip


def spans(first: datetime.date, last: datetime.date) -> Q:
    """The roll-up rows that add up to the whole months ``first``..``last`` (first days): the
    calendar years wholly inside from their year rows, the months around them from month rows."""
    first_year = first.year if first.month == 1 else first.year + 1
    last_year = last.year if last.month == 12 else last.year - 1
    if first_year > last_year:
        return Q(months=1, month__gte=first, month__lte=last)
    years_from, after_years = datetime.date(first_year, 1, 1), datetime.date(last_year + 1, 1, 1)
    where = Q(months=12, month__gte=years_from, month__lt=after_years)
    if first < years_from:
        where |= Q(months=1, month__gte=first, month__lt=years_from)
    if last >= after_years:
        where |= Q(months=1, month__gte=after_years, month__lte=last)
    return where


# --- people per range of years -------------------------------------------------------------


def _inputs(client: Client | None, years, changes) -> dict:
    """What a client contributes, in a form that can be stored and compared."""
    if client is None or not years:
        return {}
    return {
        "network": client.network_id,
        "key": client.record_key,
        "refugee": bool(client.flight_background),
        "missing": [client.nationality == "", client.qualification_country == "",
                    client.reference_occupation_id is None,
                    client.residence_status == ResidenceStatus.UNKNOWN],
        "years": sorted(set(years)),
        # (date, outcome) in the order of ``latest_first`` reversed.
        "changes": [[day.isoformat(), outcome] for day, outcome in changes],
    }  # fmt: skip


def _entries(inputs: dict, first_year: int, last_year: int) -> tuple[dict, dict]:
    """The client's people and reached entries: {key: (n, key sum)} over the year ranges."""
    people: dict = {}
    reached: dict = {}
    if not inputs:
        return people, reached
    network, key, years = inputs["network"], inputs["key"], inputs["years"]
    changes = [(datetime.date.fromisoformat(day), outcome) for day, outcome in inputs["changes"]]
    for y2 in range(max(years[0], first_year), last_year + 1):
        latest = max(y for y in years if y <= y2)
        if latest < first_year:
            continue
        end = datetime.date(y2, 12, 31)
        dated = [outcome for day, outcome in changes if day <= end]
        outcome = dated[-1] if dated else RecognitionOutcome.NOT_APPLIED
        missing = (*inputs["missing"], not dated)
        for y1 in range(first_year, latest + 1):
            people[(network, y1, y2, outcome, inputs["refugee"], missing)] = (1, key)
    reached_in: dict[str, set[int]] = defaultdict(set)
    for day, outcome in changes:
        reached_in[outcome].add(day.year)
    for outcome, outcome_years in reached_in.items():
        for y1, y2 in _ranges(sorted(outcome_years), first_year, last_year):
            reached[(network, y1, y2, outcome)] = (1, key)
    return people, reached


def _ranges(years: list[int], first_year: int, last_year: int):
    """The ranges of years (y1, y2) within first_year..last_year that hold one of ``years``."""
    for y2 in range(max(years[0], first_year), last_year + 1):
        latest = max(y for y in years if y <= y2)
        for y1 in range(first_year, latest + 1):
            yield y1, y2


def _client_inputs(client_id: int) -> dict:
    client = Client.objects.filter(pk=client_id).first()
    if client is None:
        return {}
    years = (
        Consultation.objects.filter(client_id=client_id, format=ConsultationFormat.INDIVIDUAL)
        .annotate(y=ExtractYear("date"))
        .values_list("y", flat=True)
        .distinct()
        .order_by()
    )
    changes = (
        RecognitionOutcomeChange.objects.filter(client_id=client_id)
        .order_by("date", "created_at", "pk")
        .values_list("date", "outcome")
    )
    return _inputs(client, list(years), list(changes))


def _apply(model, fields, delta: dict) -> None:
    for values, (dn, dk) in delta.items():
        if not dn and not dk:
            continue
        where = dict(zip(fields, values, strict=True))
        if not model.objects.filter(**where).update(n=F("n") + dn, key=F("key") + dk):
            model.objects.create(**where, n=dn, key=dk)


PEOPLE_FIELDS = ("network_id", "first_year", "last_year", "outcome", "refugee", "missing")
REACHED_FIELDS = ("network_id", "first_year", "last_year", "outcome")


def _people_values(entry):
    network, y1, y2, outcome, refugee, missing = entry
    return (network, y1, y2, outcome, refugee, _mask(missing))


def _mask(missing) -> int:
    return sum(1 << i for i, gap in enumerate(missing) if gap)


def _lock_and_bump(networks: set[int]) -> None:
    """Waits for the other recounts of ``networks`` (a row lock on each, taken in the order of
    ids), then raises their figures versions (``counselling.figures_cache``). Every recount
    takes its locks in one order: networks, figures versions, then the roll-up rows."""
    list(
        Network.objects.select_for_update()
        .filter(pk__in=networks)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    figures_cache.bump(networks)


def refresh_people(client_id: int) -> None:
    """Applies the change of what ``client_id`` contributes to the year ranges."""
    current = state()
    # The client's network now and as last counted (a client may have moved).
    networks = set(Client.objects.filter(pk=client_id).values_list("network", flat=True))
    counted = ClientContribution.objects.filter(client_id=client_id).values_list("inputs")
    networks.update(inputs["network"] for (inputs,) in counted if inputs.get("network"))
    with transaction.atomic():
        _lock_and_bump(networks)
        if current is None:
            return  # no roll-ups yet: the figures count the raw rows
        stored = ClientContribution.objects.select_for_update().filter(client_id=client_id).first()
        before = stored.inputs if stored else {}
        after = _client_inputs(client_id)
        if before == after:
            return
        old_people, old_reached = _entries(before, current.first_year, current.last_year)
        new_people, new_reached = _entries(after, current.first_year, current.last_year)
        for model, fields, old, new, values in (
            (PeopleYears, PEOPLE_FIELDS, old_people, new_people, _people_values),
            (ReachedYears, REACHED_FIELDS, old_reached, new_reached, lambda entry: entry),
        ):
            delta: dict = defaultdict(lambda: (0, 0))
            for entry, (n, k) in new.items():
                dn, dk = delta[values(entry)]
                delta[values(entry)] = (dn + n, dk + k)
            for entry, (n, k) in old.items():
                dn, dk = delta[values(entry)]
                delta[values(entry)] = (dn - n, dk - k)
            _apply(model, fields, delta)
        if after:
            ClientContribution.objects.update_or_create(
                client_id=client_id, defaults={"inputs": after}
            )
        elif stored:
            stored.delete()


# --- entry points --------------------------------------------------------------------------


def refresh_client(client_id: int | None, *, months: bool = True) -> None:
    """After any write to a client, their consultations or outcome changes."""
    if not client_id:
        return
    with transaction.atomic():
        if months:
            days = Consultation.objects.filter(client_id=client_id).values_list("network", "date")
            refresh_months({(network, month_of(day)) for network, day in days})
        refresh_people(client_id)


def refresh_consultation(consultation: Consultation, before=None) -> None:
    buckets = {(consultation.network_id, consultation.date)}
    clients = {consultation.client_id}
    if before:
        buckets.add((before[0], before[1]))
        clients.add(before[2])
    with transaction.atomic():
        refresh_months(buckets)
        for client in clients:
            refresh_client(client, months=False)


def rebuild(*, first_year: int | None = None, last_year: int | None = None) -> dict:
    """Recounts every roll-up from the raw rows; returns the numbers of rows written."""
    consultations = Consultation.objects.all()
    years = consultations.annotate(y=ExtractYear("date")).values_list("y", flat=True)
    low = years.order_by("y").first()
    high = years.order_by("-y").first()
    today = timezone.localdate()
    first_year = first_year or low or today.year
    last_year = last_year or max(high or today.year, today.year)
    with transaction.atomic():
        for model in (ConsultationMonth, OriginMonth, TopicMonth, PeopleYears, ReachedYears,
                      ClientContribution, RollupState):  # fmt: skip
            model.objects.all().delete()
        if connection.vendor == "postgresql":
            written = _rebuild_months_in_sql()
        else:
            written = {}
            for model, rows in zip(MONTHLY, _month_rows(consultations), strict=True):
                model.objects.bulk_create(rows, batch_size=5000)
                written[model.__name__] = len(rows)
        for model in MONTHLY:
            year_rows = model.objects.bulk_create(_year_rows(model, Q()), batch_size=5000)
            written[model.__name__] += len(year_rows)
        RollupState.objects.create(pk=1, first_year=first_year, last_year=last_year)
        written.update(_rebuild_people(first_year, last_year))
        figures_cache.bump_all()
    return written


def _rebuild_months_in_sql() -> dict:
    """The monthly tables in one ``INSERT … SELECT … GROUP BY`` each (PostgreSQL): seconds at a
    million consultations, where building the rows in Python took minutes. The same groups
    and sums as ``_month_rows`` (the roll-up test compares both with the raw figures)."""
    t = {model: model._meta.db_table for model in
         (ConsultationMonth, OriginMonth, TopicMonth, Consultation, Client)}  # fmt: skip
    links = Consultation.topics.through._meta.db_table
    month = "date_trunc('month', c.date)::date"
    statements = {
        "ConsultationMonth": f"""
            INSERT INTO {t[ConsultationMonth]}
                (network_id, month, months, channel, format, is_first, n, key, participants)
            SELECT c.network_id, {month}, 1, c.channel, c.format, c.is_first, COUNT(*),
                   COALESCE(SUM(c.record_key), 0), COALESCE(SUM(c.participants), 0)
            FROM {t[Consultation]} c GROUP BY 1, 2, 4, 5, 6""",
        "OriginMonth": f"""
            INSERT INTO {t[OriginMonth]}
                (network_id, month, months, nationality, occupation_id, n, key)
            SELECT c.network_id, {month}, 1, p.nationality, NULL, COUNT(*),
                   COALESCE(SUM(c.record_key), 0)
            FROM {t[Consultation]} c JOIN {t[Client]} p ON p.id = c.client_id
            WHERE c.is_first AND p.nationality <> '' GROUP BY 1, 2, 4
            UNION ALL
            SELECT c.network_id, {month}, 1, '', p.reference_occupation_id, COUNT(*),
                   COALESCE(SUM(c.record_key), 0)
            FROM {t[Consultation]} c JOIN {t[Client]} p ON p.id = c.client_id
            WHERE c.is_first AND p.reference_occupation_id IS NOT NULL GROUP BY 1, 2, 5""",
        "TopicMonth": f"""
            INSERT INTO {t[TopicMonth]}
                (network_id, month, months, topic_id, format, is_first, n, key)
            SELECT c.network_id, {month}, 1, l.topic_id, c.format, c.is_first, COUNT(*),
                   COALESCE(SUM(c.record_key), 0)
            FROM {links} l JOIN {t[Consultation]} c ON c.id = l.consultation_id
            GROUP BY 1, 2, 4, 5, 6""",
    }
    written = {}
    with connection.cursor() as cursor:
        for name, sql in statements.items():
            cursor.execute(sql)
            written[name] = cursor.rowcount
    return written


def _rebuild_people(first_year: int, last_year: int) -> dict:
    years: dict[int, list[int]] = defaultdict(list)
    rows = (
        Consultation.objects.filter(format=ConsultationFormat.INDIVIDUAL)
        .annotate(y=ExtractYear("date"))
        .values_list("client", "y")
        .distinct()
        .order_by()
    )
    for client, year in rows.iterator(chunk_size=20000):
        years[client].append(year)
    changes: dict[int, list] = defaultdict(list)
    ordered = RecognitionOutcomeChange.objects.order_by("client", "date", "created_at", "pk")
    for client, day, outcome in ordered.values_list("client", "date", "outcome").iterator(
        chunk_size=20000
    ):
        changes[client].append((day, outcome))
    people: dict = defaultdict(lambda: [0, 0])
    reached: dict = defaultdict(lambda: [0, 0])
    contributions = []
    clients = Client.objects.filter(pk__in=list(years)) if len(years) < 50000 else Client.objects
    for client in clients.only(
        "pk", "network", "record_key", "flight_background", "nationality",
        "qualification_country", "reference_occupation", "residence_status",
    ).iterator(chunk_size=20000):  # fmt: skip
        if client.pk not in years:
            continue
        inputs = _inputs(client, years[client.pk], changes.get(client.pk, []))
        contributions.append(ClientContribution(client_id=client.pk, inputs=inputs))
        mine_people, mine_reached = _entries(inputs, first_year, last_year)
        for entry, (n, k) in mine_people.items():
            target = people[_people_values(entry)]
            target[0] += n
            target[1] += k
        for entry, (n, k) in mine_reached.items():
            target = reached[entry]
            target[0] += n
            target[1] += k
    ClientContribution.objects.bulk_create(contributions, batch_size=5000)
    PeopleYears.objects.bulk_create(
        [PeopleYears(**dict(zip(PEOPLE_FIELDS, values, strict=True)), n=n, key=k)
         for values, (n, k) in people.items()], batch_size=5000,
    )  # fmt: skip
    ReachedYears.objects.bulk_create(
        [ReachedYears(**dict(zip(REACHED_FIELDS, values, strict=True)), n=n, key=k)
         for values, (n, k) in reached.items()], batch_size=5000,
    )  # fmt: skip
    return {"ClientContribution": len(contributions), "PeopleYears": len(people),
            "ReachedYears": len(reached)}  # fmt: skip


# --- signals -------------------------------------------------------------------------------


def _before_consultation(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._rollup_before = None
        return
    instance._rollup_before = (
        Consultation.objects.filter(pk=instance.pk).values_list("network", "date", "client").first()
    )


def _after_consultation(sender, instance, raw=False, **kwargs):
    if raw:
        return
    refresh_consultation(instance, getattr(instance, "_rollup_before", None))


def _deleted_consultation(sender, instance, **kwargs):
    refresh_consultation(instance)


def _topics_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:
        for consultation in Consultation.objects.filter(pk__in=pk_set or ()):
            refresh_months({(consultation.network_id, consultation.date)})
    elif isinstance(instance, Consultation):
        refresh_months({(instance.network_id, instance.date)})


def _client_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_client(instance.pk)


def _outcome_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_client(instance.client_id, months=False)


def connect() -> None:
    uid = "counselling_rollups_"
    pre_save.connect(_before_consultation, Consultation, dispatch_uid=uid + "pre")
    post_save.connect(_after_consultation, Consultation, dispatch_uid=uid + "save")
    post_delete.connect(_deleted_consultation, Consultation, dispatch_uid=uid + "delete")
    m2m_changed.connect(_topics_changed, Consultation.topics.through, dispatch_uid=uid + "m2m")
    post_save.connect(_client_changed, Client, dispatch_uid=uid + "client")
    post_delete.connect(_client_changed, Client, dispatch_uid=uid + "client_delete")
    post_save.connect(_outcome_changed, RecognitionOutcomeChange, dispatch_uid=uid + "outcome")
    post_delete.connect(
        _outcome_changed, RecognitionOutcomeChange, dispatch_uid=uid + "outcome_delete"
    )


# --- reading -------------------------------------------------------------------------------


# Each figure in one SQL statement over the roll-ups on PostgreSQL (sums of bigint columns are
# numeric there: cast back, as the ORM's do): building and compiling the
# ORM query of a figure cost 1.3-2 ms, reading it 0.3-0.6 ms (100,000 consultations, one
# network-year), so a computed figures page spent most of its time in the ORM. Elsewhere (the
# SQLite demo) the ORM queries below answer; a test holds both equal
# (tests/counselling/test_rollups.py).


def _sql(db: str) -> bool:
    return connections[db].vendor == "postgresql"


def _rows(db: str, sql: str, params: dict) -> list[tuple]:
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _ids(networks) -> list[int]:
    return [network if isinstance(network, int) else network.pk for network in networks]


def _spans_sql(first: datetime.date, last: datetime.date) -> tuple[str, dict]:
    """``spans`` as an SQL condition and its parameters."""
    first_year = first.year if first.month == 1 else first.year + 1
    last_year = last.year if last.month == 12 else last.year - 1
    if first_year > last_year:
        return "(months = 1 AND month >= %(first)s AND month <= %(last)s)", {
            "first": first, "last": last}  # fmt: skip
    years_from, after_years = datetime.date(first_year, 1, 1), datetime.date(last_year + 1, 1, 1)
    parts = ["(months = 12 AND month >= %(years_from)s AND month < %(after_years)s)"]
    if first < years_from:
        parts.append("(months = 1 AND month >= %(first)s AND month < %(years_from)s)")
    if last >= after_years:
        parts.append("(months = 1 AND month >= %(after_years)s AND month <= %(last)s)")
    params = {"first": first, "last": last, "years_from": years_from, "after_years": after_years}
    return "(" + " OR ".join(parts) + ")", params


def _kind_columns() -> tuple[list[str], str]:
    """The names and SQL of ``_kind_sums``: per kind its count (0 when none) and key sum."""
    from counselling.reports import key_of

    conditions = {
        "first": "is_first",
        "follow": "NOT is_first",
        "groups": f"format = '{ConsultationFormat.GROUP}'",
        "employers": f"format = '{ConsultationFormat.EMPLOYER}'",
    }
    names, columns = [], []
    for kind, where in conditions.items():
        names += [kind, key_of(kind)]
        columns += [f"COALESCE(SUM(n) FILTER (WHERE {where}), 0)",
                    f"SUM(key) FILTER (WHERE {where})::bigint"]  # fmt: skip
    return names, ", ".join(columns)


def _kind_sums(counted: str = "n", key: str = "key") -> dict:
    from counselling.reports import KIND_CONDITIONS, key_of

    sums = {}
    for kind, condition in KIND_CONDITIONS.items():
        where = Q(**condition)
        sums[kind] = Sum(counted, filter=where, default=0)
        sums[key_of(kind)] = Sum(key, filter=where)
    return sums


def consultation_counts(networks, months, db) -> list[dict]:
    """As ``reports._consultation_counts`` for the whole months ``months`` (first, last)."""
    if _sql(db):
        kinds, columns = _kind_columns()
        where, params = _spans_sql(*months)
        names = ["network", "channel", *kinds, "participants", "participants_key"]
        group = f"format = '{ConsultationFormat.GROUP}'"
        sql = f"""SELECT network_id, channel, {columns},
                         SUM(participants) FILTER (WHERE {group})::bigint,
                         SUM(key) FILTER (WHERE {group})::bigint
                  FROM {ConsultationMonth._meta.db_table}
                  WHERE network_id = ANY(%(networks)s::bigint[]) AND {where}
                  GROUP BY 1, 2"""  # fmt: skip
        found = _rows(db, sql, {**params, "networks": _ids(networks)})
        return [dict(zip(names, row, strict=True)) for row in found]
    rows = ConsultationMonth.objects.using(db).filter(spans(*months), network__in=networks)
    group = Q(format=ConsultationFormat.GROUP)
    return list(
        rows.values("network", "channel")
        .annotate(
            **_kind_sums(),
            participants=Sum("participants", filter=group),
            participants_key=Sum("key", filter=group),
        )
        .order_by()
    )


def origin_counts(networks, months, db) -> list[tuple]:
    if _sql(db):
        where, params = _spans_sql(*months)
        sql = f"""SELECT nationality, occupation_id, SUM(n), SUM(key)::bigint
                  FROM {OriginMonth._meta.db_table}
                  WHERE network_id = ANY(%(networks)s::bigint[]) AND {where}
                  GROUP BY 1, 2"""  # fmt: skip
        found = _rows(db, sql, {**params, "networks": _ids(networks)})
    else:
        rows = OriginMonth.objects.using(db).filter(spans(*months), network__in=networks)
        found = list(
            rows.values_list("nationality", "occupation_id")
            .annotate(total=Sum("n"), keys=Sum("key"))
            .order_by()
        )
    return [(nationality or None, occupation, n, key) for nationality, occupation, n, key in found]


def topic_counts(networks, months, db) -> dict[int, dict]:
    if _sql(db):
        kinds, columns = _kind_columns()
        where, params = _spans_sql(*months)
        sql = f"""SELECT topic_id, {columns} FROM {TopicMonth._meta.db_table}
                  WHERE network_id = ANY(%(networks)s::bigint[]) AND {where}
                  GROUP BY 1"""  # fmt: skip
        found = _rows(db, sql, {**params, "networks": _ids(networks)})
        return {row[0]: dict(zip(kinds, row[1:], strict=True)) for row in found}
    rows = TopicMonth.objects.using(db).filter(spans(*months), network__in=networks)
    found = rows.values("topic_id").annotate(**_kind_sums()).order_by()
    return {row.pop("topic_id"): row for row in found}


# The rows of a range of whole years (``PeopleYears``, ``ReachedYears``) with people in them.
_YEARS_WHERE = """network_id = ANY(%(networks)s::bigint[]) AND first_year = %(first_year)s
                  AND last_year = %(last_year)s AND n > 0"""


def _years_params(networks, years) -> dict:
    return {"networks": _ids(networks), "first_year": years[0], "last_year": years[1]}


def people_counts(networks, years, db) -> list[dict]:
    """As ``reports._people_counts`` for the whole years ``years`` (first, last)."""
    if _sql(db):
        sql = f"""SELECT network_id, outcome, COALESCE(SUM(n) FILTER (WHERE refugee), 0),
                         SUM(key)::bigint, SUM(key) FILTER (WHERE refugee)::bigint, SUM(n)
                  FROM {PeopleYears._meta.db_table} WHERE {_YEARS_WHERE}
                  GROUP BY 1, 2"""  # fmt: skip
        names = ["network", "outcome", "refugees", "n_key", "refugees_key", "n"]
        found = _rows(db, sql, _years_params(networks, years))
        return [dict(zip(names, row, strict=True)) for row in found]
    rows = PeopleYears.objects.using(db).filter(
        network__in=networks, first_year=years[0], last_year=years[1], n__gt=0
    )
    found = (
        rows.values("network", "outcome")
        .annotate(
            people=Sum("n"),
            refugees=Sum("n", filter=Q(refugee=True), default=0),
            n_key=Sum("key"),
            refugees_key=Sum("key", filter=Q(refugee=True)),
        )
        .order_by()
    )
    counts = list(found)
    for row in counts:
        row["n"] = row.pop("people")
    return counts


def outcomes_reached(networks, years, db) -> dict[str, tuple[int, int]]:
    if _sql(db):
        sql = f"""SELECT outcome, SUM(n), SUM(key)::bigint FROM {ReachedYears._meta.db_table}
                  WHERE {_YEARS_WHERE} GROUP BY 1"""  # fmt: skip
        found = _rows(db, sql, _years_params(networks, years))
    else:
        rows = ReachedYears.objects.using(db).filter(
            network__in=networks, first_year=years[0], last_year=years[1], n__gt=0
        )
        found = list(rows.values_list("outcome").annotate(Sum("n"), Sum("key")).order_by())
    return {outcome: (n, key) for outcome, n, key in found}


def completeness_rows(networks, years, db) -> list[dict]:
    """As the rows of ``quality.completeness`` for the whole years ``years``."""
    if _sql(db):
        names, columns = ["network", "total", "total_key"], []
        for bit, name in enumerate(MISSING):
            names += [f"missing_{name}", f"missing_key_{name}"]
            columns += [f"COALESCE(SUM(n) FILTER (WHERE missing & {1 << bit} > 0), 0)",
                        f"SUM(key) FILTER (WHERE missing & {1 << bit} > 0)::bigint"]  # fmt: skip
        sql = f"""SELECT network_id, SUM(n), SUM(key)::bigint, {", ".join(columns)}
                  FROM {PeopleYears._meta.db_table} WHERE {_YEARS_WHERE}
                  GROUP BY 1"""  # fmt: skip
        found = _rows(db, sql, _years_params(networks, years))
        return [dict(zip(names, row, strict=True)) for row in found]
    rows = PeopleYears.objects.using(db).filter(
        network__in=networks, first_year=years[0], last_year=years[1], n__gt=0
    )
    gaps = {}
    for bit, name in enumerate(MISSING):
        # Bit ``bit`` of the mask: the masks that have it, listed (at most 32 values).
        masks = [mask for mask in range(1 << len(MISSING)) if mask & (1 << bit)]
        gaps[f"missing_{name}"] = Sum("n", filter=Q(missing__in=masks), default=0)
        gaps[f"missing_key_{name}"] = Sum("key", filter=Q(missing__in=masks))
    return list(
        rows.values("network").annotate(total=Sum("n"), total_key=Sum("key"), **gaps).order_by()
    )
