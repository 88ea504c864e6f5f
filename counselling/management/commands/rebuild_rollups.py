"""Recount the figures' roll-ups from the raw rows: `manage.py rebuild_rollups`. Run it once
after the migration that adds them, after loading data past the signals (fixtures, COPY), and
each January so that the year ranges reach the new year (``counselling.rollups``)."""

import time

from django.core.management.base import BaseCommand

from counselling import rollups


class Command(BaseCommand):
    help = "Recount the roll-up tables of the figures from the consultations."

    def add_arguments(self, parser):
        parser.add_argument("--first-year", type=int, default=None)
        parser.add_argument("--last-year", type=int, default=None)

    def handle(self, *args, first_year, last_year, **options):
        began = time.perf_counter()
        written = rollups.rebuild(first_year=first_year, last_year=last_year)
        rows = ", ".join(f"{name} {n:,}" for name, n in written.items())
        self.stdout.write(f"Roll-ups rebuilt in {time.perf_counter() - began:.1f} s: {rows}.")
