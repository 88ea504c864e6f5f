"""How many questions the questionnaire asks over the golden corpus, and what a page costs.

Prints the distribution of the questions asked until the result (median, 90th percentile,
maximum, of all questions), with "Weitere Wege prüfen" too, the personas' counts, and the
time of the analysis per question page. Not a test.

Run: python benchmarks/bench_questions.py [EVERY_NTH_PROFILE]
"""

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pathways.rules import golden
from pathways.rules.questions import QUESTIONS, QUESTIONS_BY_ID, expand, parse_answer, picked
from pathways.rules.relevance import _outcome, next_question


def walk(profile, on, more=False):
    answers, pages = {}, 0
    while (found := next_question(answers, on, more)) is not None:
        key = found[0].id
        answers.update(expand(key, picked(key, profile, answers), answers))
        pages += 1
    return answers, pages


def distribution(counts):
    counts = sorted(counts)
    return (
        f"median {statistics.median(counts):g}, p90 {counts[int(0.9 * len(counts))]}, "
        f"max {counts[-1]} of {len(QUESTIONS)} questions"
        f" (median {100 * statistics.median(counts) / len(QUESTIONS):.0f} %)"
    )


def form_values(person):
    values = {}
    for key, raw in person.items():
        values[key] = None if isinstance(raw, tuple) else parse_answer(QUESTIONS_BY_ID[key], raw)
    return values


def main() -> None:
    every = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    corpus = json.loads(golden.DEFAULT_PATH.read_text("utf-8"))
    entries = corpus["entries"][::every]
    on = golden.CORPUS_DATE
    start = time.perf_counter()
    counts, pages = [], 0
    for entry in entries:
        _, walked = walk(entry["profile"], on)
        counts.append(walked)
        pages += walked
    elapsed = time.perf_counter() - start
    print(f"{len(entries)} golden profiles, until the result: {distribution(counts)}")
    print(f"  analysis per question page: {1000 * elapsed / max(pages, 1):.1f} ms (shared cache)")
    _outcome.cache_clear()
    more = [walk(entry["profile"], on, more=True)[1] for entry in entries]
    print(f"  with 'Weitere Wege prüfen': {distribution(more)}")

    from tests.browser.personas import PERSONAS
    from tests.questionnaire.walks import DELIC, SERBIAN

    people = {"herr_delic": DELIC, "serbian_no_qualification": SERBIAN, **PERSONAS}
    for name, person in people.items():
        _outcome.cache_clear()
        start = time.perf_counter()
        _, walked = walk(form_values(person), on)
        per_page = 1000 * (time.perf_counter() - start) / max(walked, 1)
        print(f"  {name}: {walked} question pages, {per_page:.0f} ms a page without cache")


if __name__ == "__main__":
    main()
