"""The engine's caches (parsed answers, results, per-day figures, summaries) never mix dates."""

import json
from datetime import date

from pathways.rules.engine import evaluate
from tests.pathways.profiles import DELIC

# 49,000 € reaches the Blue Card threshold of 2025 (48,300 €) but not that of 2026 (50,700 €).
ANSWERS = DELIC | {
    "annual_salary_eur": 49000,
    "qualification": "academic",
    "recognition": "full",
    "occupation_isco": "other",
}
IN_2025, IN_2026 = date(2025, 6, 1), date(2026, 6, 1)


def _blue_card_salary(on: date) -> tuple[str, str]:
    result = evaluate(dict(ANSWERS), on=on).pathways["blue_card"]
    salary = next(check for check in result.checks if check.rule == "blue_card.salary")
    return salary.status, salary.text.en


def test_the_same_answers_on_two_dates_with_other_figures_give_other_results():
    # Each date twice and interleaved: a cache keyed without the day would repeat the first.
    first_2025 = _blue_card_salary(IN_2025)
    first_2026 = _blue_card_salary(IN_2026)
    assert first_2025 == _blue_card_salary(IN_2025)
    assert first_2026 == _blue_card_salary(IN_2026)
    assert first_2025[0] == "met"
    # Below 2026's 50,700 €, above the lower threshold: open (shortage occupation not known).
    assert first_2026[0] == "unknown"
    assert "48,300" in first_2025[1]
    assert "50,700" in first_2026[1]


def test_the_steps_and_fees_follow_the_date_of_each_evaluation():
    early = evaluate(dict(ANSWERS), on=date(2024, 3, 1))
    late = evaluate(dict(ANSWERS), on=IN_2026)
    again = evaluate(dict(ANSWERS), on=date(2024, 3, 1))
    assert early.to_dict("en") == again.to_dict("en")
    assert early.on == again.on == date(2024, 3, 1)
    assert late.on == IN_2026
    assert early.to_dict("en") != late.to_dict("en")


def test_the_next_question_kept_per_answers_is_the_one_worked_out_anew():
    # ``next_question`` is kept per (answers, day, more): interleaved calls with and without
    # "Weitere Wege prüfen", on two days and with the answers in another order, each give
    # what the uncached function works out for them.
    from pathways.rules import golden, relevance

    corpus = json.loads(golden.DEFAULT_PATH.read_text("utf-8"))["entries"][:12]
    differs = 0
    for entry in corpus:
        walked = relevance.replay(entry["profile"], IN_2026)
        items = list(walked.items())
        for end in range(len(items) + 1):
            prefix = dict(items[:end])
            for day in (IN_2025, IN_2026):
                found = {}
                for more in (False, True, False):
                    expected = relevance._next_question.__wrapped__(
                        tuple(sorted(prefix.items())), day, more
                    )
                    assert relevance.next_question(prefix, day, more) == expected
                    assert relevance.next_question(dict(reversed(items[:end])), day, more) == (
                        expected
                    )
                    found[more] = expected
                differs += found[False] != found[True]
    assert differs, "some answers are asked on only with 'Weitere Wege prüfen'"
