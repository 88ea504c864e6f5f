"""Which golden-corpus verdicts flipped between two rule versions, per pathway and per cause.

    python scripts/golden_flips.py dump CORPUS.json OUT.json   # verdicts and checks, this engine
    python scripts/golden_flips.py compare OLD.json NEW.json   # two dumps of the same corpus

``dump`` evaluates the profiles of a corpus file with the rules importable from the current
directory, so running it once in a checkout of the old rules and once in the new one gives two
dumps of the same profiles. ``compare`` counts the flips per pathway (old -> new) and names the
check rules whose status changed, grouped by the review finding they belong to.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

# Check rule suffix (or full rule) -> the cause it stands for, first match wins.
CAUSES = (
    ("regulated_profession", "1 licence for the offered job (§ 18 Abs. 2 Nr. 3)"),
    ("age_45", "2 age 45: slight shortfall open / 44 at the application"),
    ("opportunity_card.residence", "3 Chancenkarte in Germany by title (§ 20a Abs. 4 S. 2)"),
    ("blue_card.excluded", "4 Blue Card exclusions (§ 19f)"),
    ("blue_card.tolerated_stay", "4 Blue Card exclusions (§ 19f)"),
    ("blue_card.qualification", "5 § 18g Abs. 2 for non-comparable degrees"),
    ("blue_card.recognition", "5 § 18g Abs. 2 for non-comparable degrees"),
    ("blue_card.salary", "5 § 18g Abs. 2 for non-comparable degrees"),
    ("westbalkan.quota", "6 Westbalkan quota used up"),
    ("westbalkan.apply_from_region", "7 Westbalkan change of employer in Germany"),
    ("skilled_worker.qualification", "8 § 18 Abs. 3 Nr. 1 equivalence after a short course"),
    (
        "opportunity_card.skilled_worker_route",
        "8 § 18 Abs. 3 Nr. 1 equivalence after a short course",
    ),
    ("recognition_measures.tolerated_stay", "§ 10 Abs. 1, Abs. 3 S. 1 for § 16d Abs. 1"),
    ("minimum_wage", "minimum wage (§ 1 Abs. 2 MiLoG)"),
    ("discretion", "discretion shown alike (§ 16f, § 20a)"),
    ("accelerated_procedure.", "§ 81a follows the routes it carries"),
)


def _cause(rule: str) -> str:
    for marker, cause in CAUSES:
        if marker in rule:
            return cause
    return f"other ({rule})"


# Checks of the Chancenkarte's points route, shown or not depending on which route is chosen.
POINTS_ROUTE = (
    "opportunity_card.qualification",
    "opportunity_card.language",
    "opportunity_card.points",
)


def _moving(was: dict[str, str], now: dict[str, str]) -> set[str]:
    """Rules whose change can move a verdict: a check added or dropped as "met" cannot."""
    changed = {
        rule
        for rule in set(was) | set(now)
        if was.get(rule) != now.get(rule)
        and {"not_met", "unknown"} & {was.get(rule), now.get(rule)}
    }
    if (
        "opportunity_card.skilled_worker_route" in changed
        or "opportunity_card.residence" in changed
    ):
        changed -= set(POINTS_ROUTE)
    return changed


def dump(corpus_path: Path, out_path: Path) -> None:
    sys.path.insert(0, os.getcwd())
    from pathways.rules.engine import evaluate
    from pathways.rules.texts import ProfileError

    corpus = json.loads(corpus_path.read_text("utf-8"))
    day = date.fromisoformat(corpus["on"])
    result: dict[str, Any] = {}
    for entry in corpus["entries"]:
        try:
            evaluation = evaluate(entry["profile"], on=day)
        except ProfileError as error:
            result[entry["id"]] = {"refused": error.field}
            continue
        result[entry["id"]] = {
            key: {
                "verdict": pathway.verdict,
                "checks": {check.rule: check.status for check in pathway.checks},
            }
            for key, pathway in evaluation.pathways.items()
        }
    out_path.write_text(json.dumps(result, sort_keys=True), "utf-8")


def compare(old_path: Path, new_path: Path) -> None:
    old = json.loads(old_path.read_text("utf-8"))
    new = json.loads(new_path.read_text("utf-8"))
    flips: dict[str, Counter[str]] = defaultdict(Counter)
    causes: Counter[str] = Counter()
    profiles_flipped = set()
    profiles_by_cause: dict[str, set[str]] = defaultdict(set)
    refused = Counter(entry["refused"] for entry in new.values() if "refused" in entry)
    for key, before in old.items():
        after = new.get(key, {})
        if "refused" in after or "refused" in before:
            continue
        for pathway, was in before.items():
            now = after[pathway]
            if was["verdict"] == now["verdict"]:
                continue
            profiles_flipped.add(key)
            flips[pathway][f"{was['verdict']} -> {now['verdict']}"] += 1
            changed = _moving(was["checks"], now["checks"])
            named = {_cause(rule) for rule in changed} or {"other"}
            for cause in named:
                causes[cause] += 1
                profiles_by_cause[cause].add(key)
    print(f"profiles: {len(old)}; with a flipped verdict: {len(profiles_flipped)}")
    print(f"refused as contradictory by the new rules: {sum(refused.values())} {dict(refused)}")
    print("\nflips per pathway:")
    for pathway in sorted(flips):
        total = sum(flips[pathway].values())
        detail = ", ".join(f"{change}: {count}" for change, count in flips[pathway].most_common())
        print(f"  {pathway}: {total} ({detail})")
    print("\nflipped pathway verdicts per cause (profiles in brackets; one flip can have several):")
    for cause, count in causes.most_common():
        print(f"  {cause}: {count} ({len(profiles_by_cause[cause])})")


def main() -> None:
    if len(sys.argv) != 4 or sys.argv[1] not in ("dump", "compare"):
        raise SystemExit(__doc__)
    command, first, second = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    (dump if command == "dump" else compare)(first, second)


if __name__ == "__main__":
    main()
