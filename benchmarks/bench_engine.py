"""Engine speed: evaluations per second on one core. Not a test.

Run: python benchmarks/bench_engine.py [NUMBER]

Prints two rates and says which is which:
- "repeated answers": the same answers again (the questionnaire re-evaluates the answers so far
  several times per page); parsed profiles and results are cached, so this is a cache hit.
- "new answers": every call with the caches cleared first, i.e. a full evaluation from scratch
  (parse, every pathway's checks, steps from their per-day cache).
"""

import sys
import timeit
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pathways.rules import engine, profile
from pathways.rules.engine import evaluate
from tests.pathways.profiles import DELIC

PROFILE = DELIC | {"annual_salary_eur": 48000}
ON = date(2026, 1, 15)


def _cold() -> None:
    engine._evaluate_cached.cache_clear()
    profile._parse_cached.cache_clear()
    evaluate(PROFILE, on=ON)


def _rate(function: object, number: int) -> float:
    best = min(timeit.repeat(function, number=number, repeat=5))  # type: ignore[arg-type]
    return number / best


def main() -> None:
    number = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    evaluate(PROFILE, on=ON)
    hot = _rate(lambda: evaluate(PROFILE, on=ON), number)
    cold = _rate(_cold, max(number // 20, 100))
    print(f"engine, repeated answers: {hot:,.0f} evaluations/s ({1e6 / hot:,.1f} µs)")
    print(f"engine, new answers:      {cold:,.0f} evaluations/s ({1e6 / cold:,.1f} µs)")


if __name__ == "__main__":
    main()
