"""Generate synthetic consultations (demo data, benchmarks): `manage.py generate_consultations
--count 1000000 --copy` (``COPY`` on PostgreSQL instead of inserts). The figures' roll-ups
are rebuilt afterwards (``counselling.rollups``; ``--no-rollups`` leaves them).
Networks are those valid in the period unless named by slug."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from counselling import rollups
from counselling.models import Network
from counselling.synthetic import Generator, Plan


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text!r}") from None


class Command(BaseCommand):
    help = "Generate realistic synthetic consultations for all networks (batched)."

    def add_arguments(self, parser):
        today = timezone.localdate()
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--start", type=_date, default=today.replace(year=today.year - 1))
        parser.add_argument("--end", type=_date, default=today)
        parser.add_argument("--network", action="append", default=[], help="slug; repeatable")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--copy", action="store_true", help="PostgreSQL COPY, not inserts")
        parser.add_argument("--no-rollups", action="store_true", help="do not rebuild roll-ups")

    def handle(self, *args, count, start, end, network, seed, batch, copy, no_rollups, **options):
        if start > end:
            raise CommandError("--start must not be after --end.")
        if copy and connection.vendor != "postgresql":
            raise CommandError("--copy needs PostgreSQL.")
        networks = Network.objects.counselling().filter(
            Q(valid_from__lte=end) | Q(valid_from=None),
            Q(valid_until__gte=start) | Q(valid_until=None),
        )
        if network:
            networks = networks.filter(slug__in=network)
        networks = list(networks)
        if not networks:
            raise CommandError(
                "No network is valid in that period (load fixtures/iq_networks.json)."
            )
        began = time.perf_counter()
        generator = Generator(Plan(networks, start, end), seed=seed)
        written = generator.run(
            count, batch=batch, progress=self._progress if count > batch else None, copy=copy
        )
        seconds = time.perf_counter() - began
        self.stdout.write(
            f"{written} consultations in {len(networks)} networks, {start} to {end}, "
            f"in {seconds:.1f} s ({written / max(seconds, 1e-9):,.0f}/s)."
        )
        if not no_rollups:
            began = time.perf_counter()
            rows = rollups.rebuild()
            self.stdout.write(
                f"Roll-ups rebuilt in {time.perf_counter() - began:.1f} s "
                f"({sum(rows.values()):,} rows)."
            )

    def _progress(self, written):
        self.stdout.write(f"  {written:,} …")
