"""Engine speed on one core: full evaluations of all nine pathways per second. Not a test.

Run: python benchmarks/bench_engine.py [PASSES]   (or import it and call ``measure()``)

"Full evaluation" = ``engine.evaluate(answers, on)``: parse and validate the answers, every
pathway's checks, verdict, summary and step sequence, the § 81a route and the § 52a AufenthV
fee note, and the notices of unpublished figures. Not included: ``to_dict`` (reported on its
own), ranking, relevance and changes (the question and result pages call those on top).

The headline is the UNCACHED rate on distinct profiles: the 1,000 golden-corpus profiles, with
the parse and result caches emptied before every pass, so no call is a cache hit (the per-day
caches of figures and step sequences stay warm: they are shared by every person). The cached
rate (the same answers again, as the questionnaire re-evaluates them) is printed separately.
Caches of one answer or one sentence (a checked answer, a formatted text, a shared check on the
one or two answers it reads) stay warm as well: they are keyed by what many people share, not by
a person.
Times are process CPU time, best of several passes, so other load on the machine counts less.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pathways.rules import engine, golden, profile

ON = date(2026, 1, 15)


def _profiles() -> list[dict[str, object]]:
    corpus = json.loads(golden.DEFAULT_PATH.read_text("utf-8"))
    return [entry["profile"] for entry in corpus["entries"]]


def _clear() -> None:
    engine._evaluate_cached.cache_clear()
    profile._parse_cached.cache_clear()


def _best(run: Callable[[], None], passes: int) -> float:
    best = float("inf")
    for _ in range(passes):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def measure(passes: int = 7) -> dict[str, float]:
    """Microseconds per evaluation: uncached, cached, and ``to_dict`` alone."""
    profiles = _profiles()
    count = len(profiles)

    def uncached() -> None:
        _clear()
        for answers in profiles:
            engine.evaluate(answers, on=ON)

    def cached() -> None:
        for answers in profiles:
            engine.evaluate(answers, on=ON)

    uncached()  # warm the per-day caches (figures, step sequences)
    evaluations = [engine.evaluate(answers, on=ON) for answers in profiles]

    def to_dict() -> None:
        for evaluation in evaluations:
            evaluation.to_dict("de")

    return {
        "profiles": count,
        "uncached_us": _best(uncached, passes) / count * 1e6,
        "cached_us": _best(cached, passes) / count * 1e6,
        "to_dict_us": _best(to_dict, max(passes // 2, 1)) / count * 1e6,
    }


def main() -> None:
    passes = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    figures = measure(passes)
    new, hit, as_dict = figures["uncached_us"], figures["cached_us"], figures["to_dict_us"]
    print(f"profiles: {figures['profiles']:.0f} distinct (golden corpus), on {ON.isoformat()}")
    print(f"engine, new answers (uncached): {1e6 / new:,.0f} evaluations/s ({new:,.1f} µs)")
    print(f"to_dict('de') alone:            {1e6 / as_dict:,.0f} /s ({as_dict:,.1f} µs)")
    both = new + as_dict
    print(f"evaluate + to_dict:             {1e6 / both:,.0f} /s ({both:,.1f} µs)")
    print(f"engine, repeated answers (CACHE HIT): {1e6 / hit:,.0f}/s ({hit:,.1f} µs)")
    print(f"engine: {1e6 / new:.0f} evaluations/s ({new:.1f} µs)")


if __name__ == "__main__":
    main()
