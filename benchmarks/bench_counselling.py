"""Benchmark: generate synthetic consultations at scale, then time the figures' queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5433/iq_bench \\
        .venv/bin/python benchmarks/bench_counselling.py --count 1000000

Uses the database in DATABASE_URL as it is (run `manage.py migrate` first); it adds the
reference data with setup_demo and generates ``--count`` more consultations over 2015-2025 in
batches. Prints rows per second and, for one network and for the programme-wide view, how long
each set of figures takes and the key numbers (with the recognition outcomes reached in the
period and as they stood at its end).
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iqportal.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

import datetime  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from counselling import reports  # noqa: E402
from counselling.models import Consultation, Network  # noqa: E402


def timed(label, function, repeat=3):
    best, result = None, None
    for _ in range(repeat):
        began = time.perf_counter()
        result = function()
        took = time.perf_counter() - began
        best = took if best is None else min(best, took)
    print(f"  {label:<52} {best * 1000:8.0f} ms (best of {repeat})")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--skip-generate", action="store_true")
    args = parser.parse_args()

    call_command("setup_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    if not args.skip_generate:
        began = time.perf_counter()
        call_command(
            "generate_consultations", count=args.count, batch=args.batch,
            start=datetime.date(2015, 1, 1), end=datetime.date(2025, 12, 31), seed=1,
        )  # fmt: skip
        took = time.perf_counter() - began
        print(f"generated {args.count:,} consultations in {took:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"{Consultation.objects.count():,} consultations in the database ({connection.vendor})")

    year = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    busiest = Consultation.objects.in_period(*year).values("network").annotate(n=Count("pk"))
    busiest = busiest.order_by("-n").first() or {"network": 0}
    one = Network.objects.filter(pk=busiest["network"])
    round_ = (datetime.date(2015, 1, 1), datetime.date(2022, 12, 31))
    cases = [
        (f"one network ({one.first()}), one year", one, year, False),
        ("all networks, one year, suppressed", Network.objects.all(), year, True),
        ("all networks, 2015-2022, suppressed", Network.objects.all(), round_, True),
    ]
    for label, networks, (start, end), suppressed in cases:
        figures = timed(
            label,
            lambda n=networks, s=start, e=end, x=suppressed: reports.figures(n, s, e, suppressed=x),
        )
        summary = {lbl: cells[0].display for lbl, cells in figures.table("summary").rows}
        print("    " + "; ".join(f"{k}: {v}" for k, v in summary.items()))
        top = [f"{lbl} {cells[0].display}" for lbl, cells in figures.table("nationalities").rows]
        print("    top nationalities: " + ", ".join(top))
        for key in ("outcomes_reached", "outcomes"):
            cells = [f"{lbl} {cells[0].display}" for lbl, cells in figures.table(key).rows]
            print(f"    {key}: " + ", ".join(cells))


if __name__ == "__main__":
    main()
