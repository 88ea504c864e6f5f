"""Importing a migrant's questionnaire (``pathways.SavedAnswers``) by the code they show.

The consultation keeps a copy of the answers and of the result with its rules version, so the
record stays as it was when the code expires or the rules change. Client fields that follow
from the answers are offered as defaults; the counsellor checks them before saving.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from counselling.models import Occupation, RecognitionOutcome, ResidenceStatus, normalise_code
from pathways.models import SavedAnswers

RESIDENCE = {
    "abroad": ResidenceStatus.ABROAD,
    "germany_residence_permit": ResidenceStatus.RESIDENCE_PERMIT,
    "germany_visa_free": ResidenceStatus.VISA,
}
RECOGNITION = {
    "none": RecognitionOutcome.NOT_APPLIED,
    "pending": RecognitionOutcome.OPEN,
    "partial": RecognitionOutcome.PARTIAL,
    "full": RecognitionOutcome.FULL,
}


@dataclass(frozen=True)
class Imported:
    code: str
    answers: dict[str, Any]
    result: dict[str, Any]
    rules_version: str

    @property
    def pathways(self) -> list[dict[str, Any]]:
        """The result's pathways as a list of dicts with ``key``, ``title`` and ``verdict``."""
        found = self.result.get("pathways") or []
        if isinstance(found, dict):
            found = [{"key": key, **value} for key, value in found.items()]
        return [
            {"key": p.get("key", ""), "title": p.get("title") or p.get("key", ""),
             "verdict": p.get("verdict", "")}
            for p in found
            if isinstance(p, dict)
        ]  # fmt: skip


def find(raw_code: str) -> Imported | None:
    """The active saved answers behind a code as typed, or None."""
    code = normalise_code(raw_code or "")
    if not code:
        return None
    saved = SavedAnswers.objects.active().filter(code=code).first()
    if saved is None:
        return None
    result = saved.result or {}
    return Imported(
        code=saved.code,
        answers=dict(saved.answers or {}),
        result=result,
        rules_version=saved.rules_version or str(result.get("rules_version", "")),
    )


def client_defaults(answers: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    """Client fields that follow from questionnaire answers (only those that do)."""
    defaults: dict[str, Any] = {}
    if isinstance(answers.get("nationality"), str):
        defaults["nationality"] = answers["nationality"].upper()
    age = answers.get("age")
    if isinstance(age, int) and not isinstance(age, bool) and 0 < age < 120:
        defaults["birth_year"] = today.year - age
    if answers.get("residence") in RESIDENCE:
        defaults["residence_status"] = RESIDENCE[answers["residence"]]
    if answers.get("recognition") in RECOGNITION:
        defaults["recognition_outcome"] = RECOGNITION[answers["recognition"]]
    if isinstance(answers.get("regulated_profession"), bool):
        defaults["occupation_regulated"] = answers["regulated_profession"]
    isco = answers.get("occupation_isco")
    occupation = Occupation.objects.filter(isco=isco).first() if isco else None
    if occupation:
        defaults["reference_occupation"] = occupation
    return defaults
