"""Generate synthetic consultations (demo data, benchmarks): `manage.py generate_consultations
--count 1000000`. Networks are those valid in the period unless named by slug."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

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

    def handle(self, *args, count, start, end, network, seed, batch, **options):
        if start > end:
            raise CommandError("--start must not be after --end.")
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
            count, batch=batch, progress=self._progress if count > batch else None
        )
        seconds = time.perf_counter() - began
        self.stdout.write(
            f"{written} consultations in {len(networks)} networks, {start} to {end}, "
            f"in {seconds:.1f} s ({written / max(seconds, 1e-9):,.0f}/s)."
        )

    def _progress(self, written):
        self.stdout.write(f"  {written:,} …")
