"""Realistic synthetic consultations for demos and benchmarks, from the distributions in
``fixtures/counselling_distributions.json`` (derived from the programme's published figures).

Written in batches with ``bulk_create`` so that a million consultations fit in memory and time:
clients first, then their consultations (the first one marked Erstberatung, the later ones
Folgeberatungen, as ``services.derive_first_consultation`` would), then the topic links.
Group sessions and employers' consultations (Fachkräfteeinwanderung: the client is a firm, so
there is no client record) are written beside them, without a client.

Recognition outcomes change over a client's consultations as they do in counselling: the
current outcome is drawn from the published distribution, and a client with follow-ups often
starts earlier on the way to it (not applied for, then applied, then the decision), each step
dated at a later consultation (``RecognitionOutcomeChange``, as ``services`` records them).
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

from counselling.models import (
    Centre,
    Client,
    Consultation,
    ConsultationFormat,
    Network,
    Occupation,
    RecognitionOutcome,
    RecognitionOutcomeChange,
    ServiceLine,
    Topic,
    new_client_code,
)

DISTRIBUTIONS = settings.BASE_DIR / "fixtures" / "counselling_distributions.json"
MAX_FOLLOW_UPS = 12
DECIDED = {RecognitionOutcome.FULL, RecognitionOutcome.PARTIAL, RecognitionOutcome.REJECTED}
# Of the clients decided by now who had follow-ups, the share who came with the decision already
# (for example a partial equivalence, to look for an adaptation course).
CAME_DECIDED = 0.3


def load_distributions() -> dict:
    with open(DISTRIBUTIONS, encoding="utf-8") as file:
        return json.load(file)


class Weighted:
    def __init__(self, pairs):
        pairs = list(pairs)
        self.values = [value for value, _weight in pairs]
        self.cumulative = list(itertools.accumulate(weight for _value, weight in pairs))

    def pick(self, rng: random.Random):
        # Cumulative weights computed once: random.choices would redo them on every call.
        return self.values[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def sample(self, rng: random.Random, k: int) -> list:
        picked = []
        while len(picked) < min(k, len(self.values)):
            value = self.pick(rng)
            if value not in picked:
                picked.append(value)
        return picked


@dataclass
class Plan:
    """Where and when the synthetic consultations fall."""

    networks: list[Network]
    start: datetime.date
    end: datetime.date

    def window(self, network: Network) -> tuple[datetime.date, datetime.date]:
        return (
            max(self.start, network.valid_from or self.start),
            min(self.end, network.valid_until or self.end),
        )


class Generator:
    def __init__(self, plan: Plan, seed: int = 0):
        self.plan = plan
        self.rng = random.Random(seed)
        self.d = load_distributions()

    @cached_property
    def pickers(self) -> dict[str, Weighted]:
        d = self.d
        occupations = dict(Occupation.objects.values_list("code", "pk"))
        topics = dict(Topic.objects.values_list("code", "pk"))

        def by_pk(pks, key):
            return Weighted((pks.get(code), w) for code, w in d[key]["weights"] if code in pks)

        lines = d["service_lines_percent"]["weights"]
        return {
            "nationality": Weighted(d["nationalities_percent"]["weights"]),
            "occupation": Weighted(
                (occupations.get(code), w) for code, w in d["occupations_percent"]["weights"]
            ),
            "line": Weighted((line, w) for line, w in lines if line != ServiceLine.EMPLOYERS),
            "recognition_topics": by_pk(topics, "recognition_topics"),
            "fair_integration_topics": by_pk(topics, "fair_integration_reasons"),
            "employers_topics": by_pk(topics, "employer_topics"),
            "channel": Weighted(d["channels_percent"]["weights"]),
            "outcome": Weighted(d["recognition_outcomes_percent"]["weights"]),
            "gender": Weighted(d["gender_percent"]["weights"]),
            "network": Weighted(self._network_weights()),
        }  # fmt: skip

    def _network_weights(self):
        state_weights = dict(self.d["state_network_people_2015_2022"]["weights"])
        usual = sorted(state_weights.values())[len(state_weights) // 2]
        for network in self.plan.networks:
            start, end = self.plan.window(network)
            states = [s.strip() for s in network.states.split(",") if s.strip()] or [""]
            weight = sum(state_weights.get(state, usual) for state in states) / len(states)
            sharing = sum(1 for other in self.plan.networks if other.states == network.states)
            yield network, weight / sharing * max((end - start).days + 1, 0)

    @cached_property
    def centres(self) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        for network in self.plan.networks:
            pks = list(network.centres.values_list("pk", flat=True))
            if not pks:
                city = network.states.split(",")[0].strip() or network.short_name
                pks = [Centre.objects.create(network=network, name=f"IQ Beratung {city}").pk]
            found[network.pk] = pks
        return found

    def _day(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, (end - start).days))

    def _client(self, network: Network, first_day: datetime.date) -> Client:
        rng, p = self.rng, self.pickers
        nationality = p["nationality"].pick(rng)
        refugee = nationality in {"SY", "AF", "IQ", "ER", "IR", "SO", "UA"} and rng.random() < 0.6
        refugee = refugee or rng.random() < self.d["flight_background_share"]["value"] / 4
        occupation = p["occupation"].pick(rng)
        return Client(
            code=new_client_code(),
            network=network,
            birth_year=first_day.year - rng.randint(20, 58),
            gender=p["gender"].pick(rng),
            nationality=nationality,
            qualification_country=nationality if nationality != "DE" else "",
            residence_status=rng.choice(
                ["residence_permit", "settlement_permit", "abroad", "eu", "temporary_protection"]
            ),
            entry_year=first_day.year - rng.randint(0, 8),
            flight_background=refugee,
            languages=rng.sample(["de", "en", "ar", "uk", "ru", "tr", "fa"], rng.randint(1, 2)),
            reference_occupation_id=occupation,
            recognition_outcome=p["outcome"].pick(rng),
        )

    def _consultations(self, client: Client, first_day: datetime.date, end: datetime.date):
        rng, p = self.rng, self.pickers
        line = p["line"].pick(rng)
        mean = self.d["follow_ups_per_first"][line]
        follow_ups = 0
        while follow_ups < MAX_FOLLOW_UPS and rng.random() < mean / (1 + mean):
            follow_ups += 1
        day = first_day
        for n in range(follow_ups + 1):
            if n:
                day = min(end, day + datetime.timedelta(days=rng.randint(3, 90)))
            yield self._consultation(client.network, day, line, is_first=n == 0), line

    @cached_property
    def shares_without_client(self) -> tuple[float, float]:
        """The shares of group sessions and of employer consultations among all."""
        lines = dict(self.d["service_lines_percent"]["weights"])
        employers = lines[ServiceLine.EMPLOYERS] / sum(lines.values())
        return self.d["group_sessions"]["share"], employers

    def _without_client(self, network, day) -> tuple[Consultation, str]:
        """A group session or, in the employers' share of the lines, an employer consultation."""
        groups, employers = self.shares_without_client
        if self.rng.random() < groups / (groups + employers):
            line = ServiceLine.FAIR_INTEGRATION
            return self._consultation(network, day, line, is_first=None, group=True), line
        consultation = self._consultation(network, day, ServiceLine.EMPLOYERS, is_first=None)
        consultation.format = ConsultationFormat.EMPLOYER
        return consultation, ServiceLine.EMPLOYERS

    def _consultation(self, network, day, line, *, is_first, group=False) -> Consultation:
        rng = self.rng
        return Consultation(
            network=network,
            centre_id=rng.choice(self.centres[network.pk]),
            date=day,
            is_first=None if group else is_first,
            service_line=line,
            format=ConsultationFormat.GROUP if group else ConsultationFormat.INDIVIDUAL,
            participants=rng.randint(*self.d["group_sessions"]["participants"]) if group else 1,
            channel="in_person" if group else self.pickers["channel"].pick(rng),
            language=rng.choice(["de", "de", "de", "en", "ar", "uk", "ru", "fa"]),
            duration_minutes=rng.choice([30, 45, 45, 60, 60, 90, 120] if group else [30, 45, 60]),
            created_at=timezone.now(),
        )

    def _topics(self, line: str) -> list[int]:
        picker = self.pickers[f"{line}_topics"]
        return picker.sample(self.rng, self.rng.randint(1, 3 if line == "recognition" else 2))

    def _outcome_steps(self, outcome: str, visits: int) -> list[tuple[int, str]]:
        """Which of a client's ``visits`` consultations (by index, in date order) record which
        outcome on the way to the current ``outcome``; the first always records one."""
        rng = self.rng
        if visits == 1 or outcome == RecognitionOutcome.NOT_APPLIED:
            return [(0, outcome)]
        if outcome in DECIDED:
            if rng.random() < CAME_DECIDED:
                return [(0, outcome)]
            before = [RecognitionOutcome.NOT_APPLIED] if rng.random() < 0.5 else []
            stages = [*before, RecognitionOutcome.OPEN, outcome]
        else:
            stages = [RecognitionOutcome.NOT_APPLIED, outcome] if rng.random() < 0.6 else [outcome]
        stages = stages[-visits:]
        later = sorted(rng.sample(range(1, visits), len(stages) - 1))
        return list(zip([0, *later], stages, strict=True))

    def _outcome_changes(self, clients: list[Client], planned) -> list[RecognitionOutcomeChange]:
        visits: dict[int, list[Consultation]] = {}
        for client, consultation, _line in planned:
            visits.setdefault(id(client), []).append(consultation)
        changes = []
        for client in clients:
            mine = visits[id(client)]
            for index, outcome in self._outcome_steps(client.recognition_outcome, len(mine)):
                changes.append(
                    RecognitionOutcomeChange(
                        client_id=client.pk,
                        network_id=client.network_id,
                        outcome=outcome,
                        date=mine[index].date,
                        consultation_id=mine[index].pk,
                    )
                )
        return changes

    def _unique_codes(self, clients: list[Client], seen: set[str]) -> None:
        taken = set(
            Client.objects.filter(code__in=[c.code for c in clients]).values_list("code", flat=True)
        )
        for client in clients:
            while client.code in seen or client.code in taken:
                client.code = new_client_code()
            seen.add(client.code)

    def run(
        self,
        count: int,
        batch: int = 5000,
        progress: Callable[[int], None] | None = None,
        *,
        copy: bool = False,
    ) -> int:
        """Writes about ``count`` consultations; returns how many were written. With ``copy``
        (PostgreSQL) the rows go in by ``COPY`` instead of multi-row inserts."""

        def write(model, objects, size=batch):
            if copy:
                copy_rows(model, objects)
            else:
                model.objects.bulk_create(objects, batch_size=size)

        written, seen = 0, set()
        without_client_share = sum(self.shares_without_client)
        while written < count:
            clients, planned, groups = [], [], []
            while written + len(planned) + len(groups) < count and len(planned) < batch:
                network = self.pickers["network"].pick(self.rng)
                start, end = self.plan.window(network)
                day = self._day(start, end)
                if self.rng.random() < without_client_share:
                    groups.append(self._without_client(network, day))
                    continue
                client = self._client(network, day)
                clients.append(client)
                planned.extend(
                    (client, c, line) for c, line in self._consultations(client, day, end)
                )
            planned = planned[: max(count - written - len(groups), 0)]
            kept = {id(client) for client, _c, _line in planned}
            clients = [client for client in clients if id(client) in kept]
            with transaction.atomic():
                self._unique_codes(clients, seen)
                write(Client, clients)
                for client, consultation, _line in planned:
                    consultation.client = client
                rows = [c for _client, c, _line in planned] + [g for g, _line in groups]
                write(Consultation, rows)
                links = [
                    Consultation.topics.through(consultation_id=c.pk, topic_id=topic)
                    for _client, c, line in planned
                    for topic in self._topics(line)
                ] + [
                    Consultation.topics.through(consultation_id=g.pk, topic_id=topic)
                    for g, line in groups
                    for topic in self._topics(line)
                ]
                write(Consultation.topics.through, links, batch * 2)
                write(RecognitionOutcomeChange, self._outcome_changes(clients, planned))
            written += len(rows)
            if progress:
                progress(written)
        return written


def copy_rows(model, objects: list) -> None:
    """Writes ``objects`` (unsaved instances of ``model``) with PostgreSQL's ``COPY``, about
    five times as fast as multi-row inserts; their ids are drawn from the table's sequence
    first, so that rows referring to them can follow. No signals are sent (like
    ``bulk_create``)."""
    if not objects:
        return
    meta = model._meta
    # The real connection, not the ``django.db.connection`` proxy: each attribute read through
    # the proxy costs a lookup, and this loop reads ``connection.ops`` per field and row.
    db = connections[connection.alias] if hasattr(connection, "alias") else connection
    quote = db.ops.quote_name
    fields = meta.concrete_fields
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
        columns = ", ".join(quote(field.column) for field in fields)
        sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for obj in objects:
                copy.write_row(
                    [field.get_db_prep_save(field.pre_save(obj, True), db)
                     for field in fields]
                )  # fmt: skip
