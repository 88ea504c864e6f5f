"""Evaluations per second of all pathways for one profile (Herr Delić). Not a test.

Run: python benchmarks/bench_evaluate.py [NUMBER]
"""

import sys
import timeit
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pathways.rules.engine import evaluate
from tests.pathways.profiles import DELIC

# Herr Delić as in the rules tests, with a salary so that every threshold rule runs.
PROFILE = DELIC | {"annual_salary_eur": 48000}


def main() -> None:
    number = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    on = date(2026, 1, 15)
    evaluate(PROFILE, on=on)
    best = min(timeit.repeat(lambda: evaluate(PROFILE, on=on), number=number, repeat=3))
    per_call = best / number
    print(f"{number} evaluations of all pathways, best of 3 runs")
    print(f"{1 / per_call:,.0f} evaluations per second")
    print(f"{per_call * 1e6:,.1f} µs per evaluation")
    with_json = min(
        timeit.repeat(lambda: evaluate(PROFILE, on=on).to_dict("de"), number=number // 10, repeat=3)
    ) / (number // 10)
    print(f"{with_json * 1e6:,.1f} µs per evaluation including to_dict()")


if __name__ == "__main__":
    main()
