"""The planning form's answers as JSON, and the engine profile they describe."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

# Answers that are asked only for a worker with a qualification (see forms.hiring).
QUALIFICATION_ONLY = ("recognition", "regulated", "occupation")


def new_plan_id() -> str:
    """The id a draft keeps when it is saved: the calendar's event UIDs derive from it."""
    return uuid.uuid4().hex


def inputs_from(cleaned: Mapping[str, Any], plan_id: str | None = None) -> dict[str, Any]:
    """The planning form's cleaned data as JSON (session, saved plans, the fixture)."""
    qualified = cleaned["qualification"] != "none"
    return {
        "plan_id": plan_id or new_plan_id(),
        "nationality": cleaned["nationality"],
        "age": cleaned.get("age"),
        "qualification": cleaned["qualification"],
        # Without a qualification there is nothing to recognise: not asked, not planned.
        "recognition": cleaned.get("recognition") if qualified else "none",
        "regulated": (cleaned.get("regulated") or "unknown") if qualified else "no",
        "occupation": (cleaned.get("occupation") or "unknown") if qualified else "unknown",
        "german_level": cleaned["german_level"],
        "salary": str(cleaned["salary"]),
        "land": cleaned["land"],
        "start": cleaned["start"].isoformat(),
        "accelerated": cleaned["accelerated"],
    }


def profile_for(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The engine profile of a candidate abroad with a qualified job offer from the employer.

    "Weiß nicht" answers stay out of the profile, so the rules treat them as open points.
    """
    profile: dict[str, Any] = {
        "nationality": inputs["nationality"],
        "residence": "abroad",
        "residence_country": inputs["nationality"],
        "qualification": inputs["qualification"],
        "german_level": inputs["german_level"],
        "job_offer": "qualified",
        "annual_salary_eur": float(Decimal(inputs["salary"])),
        "temp_agency_work": False,
        # Whether § 81a could be used, whatever the employer chose: both are shown side by side.
        "employer_uses_accelerated_procedure": True,
    }
    recognition = inputs.get("recognition")
    if recognition and recognition != "unknown":
        profile["recognition"] = recognition
    regulated = inputs.get("regulated", "no")
    if regulated != "unknown":
        profile["regulated_profession"] = regulated != "no"
    occupation = inputs.get("occupation", "unknown")
    if occupation and occupation != "unknown":
        profile["occupation_isco"] = occupation
    if inputs.get("age") is not None:
        profile["age"] = inputs["age"]
    return profile
