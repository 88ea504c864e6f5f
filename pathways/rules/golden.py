"""The golden corpus: representative profiles from the questions' answer space, with verdicts.

Legal basis: none (test data). Last checked: 2026-12-02.

Profiles come from walking the questionnaire as a person would: each relevant question gets one
of a few representative answers (thresholds and their neighbours, every choice, "don't know"),
drawn by a seeded random generator, so the corpus is the same on every machine. A rule change
shows up as a list of the profiles whose verdict flipped.

Regenerate with ``python manage.py build_golden_corpus`` (or ``python -m pathways.rules.golden``).
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from datetime import date
from pathlib import Path
from typing import Any

from .engine import evaluate
from .parameters import RULES_VERSION
from .profile import ProfileError, check_combined
from .questions import Question, next_question

CORPUS_DATE = date(2026, 1, 15)
SIZE = 1000
SEED = 20260115
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "tests" / "pathways" / "golden_corpus.json"

REPRESENTATIVE: dict[str, tuple[Any, ...]] = {
    "nationality": ("RS", "XK", "BA", "AL", "MK", "ME", "IN", "BR", "VN", "TR", "US", "HR"),
    # Repeated values are drawn more often: most people asking live abroad and have an offer.
    "residence": (
        "abroad",
        "abroad",
        "abroad",
        "germany_residence_permit",
        "germany_duldung",
        "germany_gestattung",
        "germany_visa_free",
    ),
    "residence_country": ("RS", "XK", "BA", "RS", "AT", "TR", None),
    "job_offer": ("qualified", "qualified", "unqualified", "none", None),
    "temp_agency_work": (False, False, True, None),
    # None means "never received" here, so it is listed like an answer.
    "asylum_benefits_months_ago": ("never", "never", 0, 12, 23, 24, 25, 60),
    "age": (22, 30, 35, 36, 40, 41, 44, 45, 50, None),
    "occupation_isco": ("21", "2512", "133", "222", "23", "other", None),
    "degree_years_ago": (1, 3, 4, 12, None),
    "annual_salary_eur": (
        28000,
        43470,
        45630,
        45934.19,
        45934.2,
        48300,
        50699.99,
        50700,
        55770,
        65000,
        None,
    ),
    "experience_years_last5": (0, 1, 2, 3, 4, 5, None),
    "experience_years_last7": (3, 4, 5, 7, None),
    "it_experience_years_last7": (2, 3, 6, None),
}


def _answers_for(question: Question) -> tuple[Any, ...]:
    if question.id in REPRESENTATIVE:
        return REPRESENTATIVE[question.id]
    if question.kind == "bool":
        return (True, False, None)
    values: tuple[Any, ...] = question.choice_values
    return (*values, None) if question.allow_unknown else values


def _walk(rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    question = next_question(answers)
    while question is not None:
        values = _answers_for(question)
        known = tuple(value for value in values if value is not None)
        # "Don't know" one time in ten keeps the corpus from being mostly open verdicts.
        if known and rng.random() < 0.9:
            values = known
        answer = rng.choice(values)
        value = None if answer == "never" else answer
        try:
            # Answers that contradict earlier ones are refused, as in the questionnaire.
            check_combined(answers, question.id, value)
        except ProfileError:
            value = None
        answers[question.id] = value
        question = next_question(answers)
    return answers


def _key(profile: dict[str, Any]) -> str:
    canonical = json.dumps(profile, sort_keys=True, separators=(",", ":"))
    return hashlib.sha1(canonical.encode()).hexdigest()[:12]


def profiles(size: int = SIZE, seed: int = SEED) -> list[dict[str, Any]]:
    """``size`` distinct profiles (fewer if the answer space is smaller), always the same."""
    rng = random.Random(seed)
    found: dict[str, dict[str, Any]] = {}
    for _ in range(size * 20):
        if len(found) >= size:
            break
        profile = _walk(rng)
        found.setdefault(_key(profile), profile)
    return list(found.values())


def build(size: int = SIZE) -> dict[str, Any]:
    entries = []
    for profile in profiles(size):
        verdicts = evaluate(profile, on=CORPUS_DATE).verdicts()
        entries.append({"id": _key(profile), "profile": profile, "verdicts": verdicts})
    return {"on": CORPUS_DATE.isoformat(), "rules_version": RULES_VERSION, "entries": entries}


def dumps(corpus: dict[str, Any]) -> str:
    """JSON with one entry per line, so that a flipped verdict is a one-line diff in git."""
    lines = [json.dumps(entry, sort_keys=True, ensure_ascii=False) for entry in corpus["entries"]]
    head = json.dumps({"on": corpus["on"], "rules_version": corpus["rules_version"]})
    return head[:-1] + ', "entries": [\n' + ",\n".join(lines) + "\n]}\n"


def diff(recorded: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Readable lines for every profile whose verdicts changed, appeared or disappeared."""
    old = {entry["id"]: entry for entry in recorded["entries"]}
    new = {entry["id"]: entry for entry in current["entries"]}
    lines: list[str] = []
    for key, entry in new.items():
        before = old.get(key)
        if before is None:
            lines.append(f"+ new profile {key}: {json.dumps(entry['profile'], sort_keys=True)}")
            continue
        changes = [
            f"    {pathway}: {before['verdicts'].get(pathway)} -> {verdict}"
            for pathway, verdict in entry["verdicts"].items()
            if before["verdicts"].get(pathway) != verdict
        ]
        if changes:
            lines.append(f"~ profile {key}: {json.dumps(entry['profile'], sort_keys=True)}")
            lines.extend(changes)
    lines.extend(f"- profile {key} is no longer generated" for key in old.keys() - new.keys())
    return lines


def write(path: Path = DEFAULT_PATH, size: int = SIZE) -> dict[str, Any]:
    corpus = build(size)
    path.write_text(dumps(corpus), "utf-8")
    return corpus


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH
    corpus = write(target)
    print(f"wrote {len(corpus['entries'])} profiles to {target}")


if __name__ == "__main__":
    main()
