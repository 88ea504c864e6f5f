"""Advice a person can act on: the result of the questionnaire, ordered and personalised.

The engine gives every pathway's verdict with the law's steps (the contract JSON). ``enrich``
adds what follows from the person's answers: the order (``rules.ranking``), their steps
(``rules.steps.personalise``: done, left out, their recognition body, warnings before a step
abroad), the section for people already in Germany (``rules.in_germany``) and the Chancenkarte
arithmetic (``rules.points_gap``). The enriched result is what is shown, saved behind a code
and printed, so a reopened result shows what the person saw. ``advice`` arranges an enriched
(or an older, plain) result for the templates: the best way and its first steps, the other open
ways, the closed ones.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from pathways.rules import changes, in_germany, points_gap
from pathways.rules.engine import PATHWAY_KEYS, Evaluation
from pathways.rules.opportunity_card import SKILLED_WORKER_RULE
from pathways.rules.profile import Profile
from pathways.rules.ranking import rank, rank_dicts
from pathways.rules.steps import Facets, personalise

FIRST_STEPS = 3


def enrich(evaluation: Evaluation, profile: Profile, lang: str) -> dict[str, Any]:
    """The evaluation as JSON, with the person's order, steps, situation and points."""
    data = evaluation.to_dict(lang, steps=False)  # the person's own plan replaces the steps
    facets = Facets.of(profile)
    for key, result in evaluation.pathways.items():
        plan = personalise(tuple(result.steps), facets)
        data["pathways"][key]["steps"] = [item.to_dict(lang) for item in plan]
    data["order"] = [result.key for result in rank(evaluation, profile)]
    # "Das würde es ändern": the smallest change of the answers that opens each closed way.
    for key, change in changes.changes_for(changes.answers_of(profile), evaluation).items():
        data["pathways"][key]["change"] = (
            dict(changes.NOTHING) if change is None else change.to_dict(lang)
        )
    situation = in_germany.situation(profile, evaluation.on)
    data["situation"] = None if situation is None else situation.to_dict(lang)
    arithmetic = points_gap.gap(profile, evaluation.on)
    data["points_gap"] = None if arithmetic is None else arithmetic.to_dict(lang)
    return data


def _items(result: dict[str, Any]) -> list[dict[str, Any]]:
    found = result.get("pathways") or {}
    order = result.get("order")
    if not isinstance(order, list) or set(order) != set(found):
        order = rank_dicts(found)
    items = [{"key": key, **found[key]} for key in order]
    for item in items:
        via = found.get(item.get("via") or "")
        item["via_title"] = via.get("title") if via else None
        steps = item.get("steps") or []
        for step in steps:
            step.setdefault("status", "todo")
        item["todo"] = [step for step in steps if step["status"] == "todo"]
        item["settled"] = [step for step in steps if step["status"] != "todo"]
        item["warned"] = any(step.get("warning") for step in item["todo"])
        checks = item.get("checks") or []
        item["met"] = [check for check in checks if check.get("status") == "met"]
        item["open_points"] = [check for check in checks if check.get("status") == "unknown"]
        item["failing"] = [check for check in checks if check.get("status") == "not_met"]
        # A Fachkraft's Chancenkarte needs no points (§ 20a Abs. 3 Nr. 1 AufenthG): its points
        # are not shown beside the check that says so (results saved earlier hold them).
        item["no_points_needed"] = any(
            check.get("rule") == SKILLED_WORKER_RULE and check.get("status") == "met"
            for check in item["met"]
        )
    return items


def advice(result: dict[str, Any]) -> dict[str, Any]:
    """The result arranged for the page: best way first, then open, then closed ways."""
    items = _items(result)
    open_ways = [item for item in items if item.get("verdict") in ("eligible", "possible")]
    closed = [item for item in items if item not in open_ways]
    best = open_ways[0] if open_ways else None
    accelerated = next(
        (
            item
            for item in open_ways[1:]
            if item["key"] == "accelerated_procedure" and best and item.get("via") == best["key"]
        ),
        None,
    )
    situation = result.get("situation")
    no_points_needed = any(item["no_points_needed"] for item in items)
    return {
        "best": best,
        "first_steps": best["todo"][:FIRST_STEPS] if best else [],
        "accelerated": accelerated,
        "open": open_ways,
        "others": open_ways[1:],
        "closed": closed,
        "situation": situation,
        "leaving": situation.get("leaving") if situation else None,
        "points_gap": None if no_points_needed else result.get("points_gap"),
        "pathways": items,
    }


def rules_day(result: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(result.get("on")))
    except ValueError:
        return None


# --- page contexts (the result page, a reopened result, their PDF) ----------------------------


def answer_rows(answers: dict[str, Any]) -> list[tuple[str, str]]:
    """(question, answer) in the person's words, in the order they were asked."""
    from pathways.questionnaire import display, language
    from pathways.rules import questions as Q

    lang = language()
    return [
        (question.label.get(lang), display(question, value))
        for key, value in answers.items()
        if (question := Q.QUESTIONS_BY_ID.get(key)) is not None
    ]


def result_context(flow: Any, lang: str) -> dict[str, Any]:
    """The context of the result page and its PDF, for the answers in the session."""
    result = flow.evaluate(lang)
    return {
        "advice": advice(result),
        "flow": flow,
        "rows": answer_rows(flow.answers),
        "code": flow.code,
        "rules_date": rules_day(result),
        "rules_version": result["rules_version"],
        # Figures used past the date up to which they are published (e.g. 2027 thresholds).
        "notices": result.get("notices", []),
        "pdf_url": reverse("questionnaire:result_pdf"),
    }


def saved_context(saved: Any) -> dict[str, Any]:
    """The context of a reopened result and its PDF: the result as it was saved."""
    result = saved.result or None
    return {
        "saved": saved,
        "result": result,
        "advice": advice(result) if result else None,
        "answered": len(saved.answers or {}),
        "rows": answer_rows(saved.answers or {}),
        "code": saved.code,
        "rules_date": saved.evaluated_on,
        "rules_version": saved.rules_version,
        "notices": (result or {}).get("notices", []),
        "pdf_url": reverse("questionnaire:saved_pdf", args=[saved.code]),
    }


__all__ = [
    "FIRST_STEPS",
    "PATHWAY_KEYS",
    "advice",
    "answer_rows",
    "enrich",
    "result_context",
    "rules_day",
    "saved_context",
]
