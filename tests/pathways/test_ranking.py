"""The order of a person's ways (pathways.rules.ranking): one table of synthetic facts per
criterion, the two legal exceptions, and the order for the example profiles."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pathways.rules.engine import PATHWAY_KEYS, evaluate
from pathways.rules.ranking import (
    CONTRACT_ORDER,
    PURPOSE,
    Facts,
    best,
    facts_from_dict,
    facts_of,
    order,
    rank,
    rank_dicts,
)

from .profiles import CK_BASE, DELIC, INDIAN_IT, ON, SERBIAN_HELPER, VIETNAMESE_COOK, make_profile

E, P, N = "eligible", "possible", "not_eligible"


def fact(key: str, verdict: str = E, **changes: object) -> Facts:
    base = Facts(
        key=key,
        verdict=verdict,
        open_points=0 if verdict == E else 1,
        failed=1 if verdict == N else 0,
        preconditions=1,
        days=100,
        fees_eur=(100, 100),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# Each row: the facts in the contract's order, and the order the rule gives. The first
# difference in the rule's list decides; every row differs in one criterion only.
ROWS = [
    pytest.param(
        [fact("westbalkan", N), fact("experience_route", P)],
        ["experience_route", "westbalkan"],
        id="an-open-way-before-a-closed-one",
    ),
    pytest.param(
        [fact("westbalkan", P), fact("experience_route", E)],
        ["experience_route", "westbalkan"],
        id="eligible-before-possible",
    ),
    pytest.param(
        [fact("opportunity_card", E, preconditions=0, days=10), fact("experience_route", E)],
        ["experience_route", "opportunity_card"],
        id="a-title-for-work-before-looking-for-work",
    ),
    pytest.param(
        [fact("recognition_measures", P, open_points=3), fact("language_course", P)],
        ["recognition_measures", "language_course"],
        id="qualifying-before-a-language-course",
    ),
    pytest.param(
        [fact("opportunity_card", P, open_points=2), fact("language_course", E)],
        ["opportunity_card", "language_course"],
        id="a-possible-way-before-a-certain-language-course",
    ),
    pytest.param(
        [fact("westbalkan", P, open_points=2), fact("experience_route", P, open_points=1)],
        ["experience_route", "westbalkan"],
        id="fewer-open-points-first",
    ),
    pytest.param(
        [fact("westbalkan", E, preconditions=2), fact("experience_route", E, preconditions=1)],
        ["experience_route", "westbalkan"],
        id="fewer-preconditions-first",
    ),
    pytest.param(
        [fact("westbalkan", E, days=230), fact("experience_route", E, days=203)],
        ["experience_route", "westbalkan"],
        id="faster-first",
    ),
    pytest.param(
        [fact("westbalkan", E, fees_eur=(736, 736)), fact("experience_route", E)],
        ["experience_route", "westbalkan"],
        id="cheaper-first",
    ),
    pytest.param(
        [fact("westbalkan", E), fact("experience_route", E)],
        ["westbalkan", "experience_route"],
        id="all-equal-keeps-the-contract-order",
    ),
    pytest.param(
        [fact("westbalkan", N, failed=3), fact("blue_card", N, failed=1)],
        ["blue_card", "westbalkan"],
        id="closed-ways-the-nearest-first",
    ),
    pytest.param(
        [fact("skilled_worker", E, days=90), fact("blue_card", E, days=200, preconditions=2)],
        ["blue_card", "skilled_worker"],
        id="blue-card-before-18b-when-both-eligible",
    ),
    pytest.param(
        [
            fact("skilled_worker", P, days=90),
            fact("experience_route", P, days=50),
            fact("blue_card", P, open_points=2),
        ],
        ["experience_route", "blue_card", "skilled_worker"],
        id="blue-card-moves-only-in-front-of-18b",
    ),
    pytest.param(
        [fact("skilled_worker", E), fact("blue_card", P)],
        ["skilled_worker", "blue_card"],
        id="certainty-beats-the-blue-card-preference",
    ),
    pytest.param(
        [fact("skilled_worker", E), fact("blue_card", N)],
        ["skilled_worker", "blue_card"],
        id="a-closed-blue-card-stays-closed",
    ),
    pytest.param(
        [
            fact("skilled_worker", P, open_points=2),
            fact("accelerated_procedure", P, via="skilled_worker", open_points=1, days=10),
            fact("experience_route", P, open_points=1),
        ],
        ["experience_route", "skilled_worker", "accelerated_procedure"],
        id="81a-follows-its-via-route",
    ),
    pytest.param(
        [
            fact("skilled_worker", E),
            fact("blue_card", E, days=50),
            fact("accelerated_procedure", P, via="blue_card"),
            fact("opportunity_card", E),
        ],
        ["blue_card", "accelerated_procedure", "skilled_worker", "opportunity_card"],
        id="81a-on-the-blue-card-follows-it-even-as-possible",
    ),
    pytest.param(
        [fact("skilled_worker", N, failed=2), fact("accelerated_procedure", N, failed=2)],
        ["skilled_worker", "accelerated_procedure"],
        id="closed-81a-among-the-closed",
    ),
]


@pytest.mark.parametrize(("facts", "expected"), ROWS)
def test_the_order_follows_the_documented_rule(facts: list[Facts], expected: list[str]) -> None:
    assert order(facts) == expected
    # The order does not depend on the order the pathways come in.
    assert order(list(reversed(facts))) == expected


def test_the_contract_order_and_the_purposes_cover_every_pathway() -> None:
    assert CONTRACT_ORDER == PATHWAY_KEYS
    assert set(PURPOSE) == set(PATHWAY_KEYS)


# The example profiles: which way comes first, and where the others go.
PERSONS = [
    pytest.param(INDIAN_IT, "blue_card", id="indian-engineer-blue-card"),
    pytest.param(SERBIAN_HELPER, "westbalkan", id="serbian-helper-westbalkan"),
    pytest.param(VIETNAMESE_COOK, "recognition_partnership", id="vietnamese-cook-partnership"),
    pytest.param(DELIC, "westbalkan", id="delic-westbalkan-is-certain"),
    pytest.param(CK_BASE, "language_course", id="ck-base-only-the-course"),
]


@pytest.mark.parametrize(("profile", "first"), PERSONS)
def test_the_best_way_of_the_example_profiles(profile: dict[str, object], first: str) -> None:
    evaluation = evaluate(profile, on=ON)
    ranked = rank(evaluation)
    assert ranked[0].key == first
    assert best(evaluation) is ranked[0]
    assert sorted(result.key for result in ranked) == sorted(PATHWAY_KEYS)
    open_count = sum(result.is_open for result in ranked)
    assert all(result.is_open for result in ranked[:open_count])
    assert not any(result.is_open for result in ranked[open_count:])


def test_the_accelerated_procedure_follows_the_route_it_carries() -> None:
    evaluation = evaluate(INDIAN_IT, on=ON)
    keys = [result.key for result in rank(evaluation)]
    via = evaluation.pathways["accelerated_procedure"].via
    assert via == "blue_card"
    assert keys.index("accelerated_procedure") == keys.index(via) + 1


def test_nobody_open_means_no_best_way() -> None:
    # EU citizens need no title: every way is closed.
    evaluation = evaluate(make_profile(INDIAN_IT, nationality="FR"), on=ON)
    assert best(evaluation) is None
    assert len(rank(evaluation)) == len(PATHWAY_KEYS)


@pytest.mark.parametrize(
    "profile", [DELIC, INDIAN_IT, VIETNAMESE_COOK, SERBIAN_HELPER, CK_BASE], ids=str
)
def test_a_saved_result_in_json_is_ordered_like_the_evaluation(profile: dict[str, object]) -> None:
    evaluation = evaluate(profile, on=ON)
    data = evaluation.to_dict("de")["pathways"]
    for key, result in evaluation.pathways.items():
        assert facts_from_dict(key, data[key]) == facts_of(result)
    # A JSON column sorts the keys: the order must not depend on them.
    shuffled = dict(sorted(data.items()))
    assert rank_dicts(shuffled) == [result.key for result in rank(evaluation)]


def test_a_broken_saved_result_still_orders_without_an_error() -> None:
    keys = rank_dicts({"blue_card": {"verdict": "eligible", "steps": [{"duration": "x"}]}, "x": {}})
    assert keys == ["blue_card", "x"]
