"""Importing a migrant's questionnaire (``pathways.SavedAnswers``) by the code they show.

The consultation keeps a copy of the answers and of the result with its rules version, so the
record stays as it was when the code expires or the rules change. Client fields that follow
from the answers are offered as defaults; the counsellor checks them before saving.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from counselling import reference
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
    language: str = ""

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
        language=saved.language or "",
    )


# A certificate at one of these levels says the person speaks the language.
SPOKEN_LEVELS = {"A1", "A2", "B1", "B2", "C1", "C2"}


def languages(answers: dict[str, Any], questionnaire_language: str = "") -> list[str]:
    """Languages the person speaks as far as the answers show: the language they answered the
    questionnaire in, and German and English where they named a certified level."""
    found = [questionnaire_language] if questionnaire_language else []
    for code, key in (("de", "german_level"), ("en", "english_level")):
        if answers.get(key) in SPOKEN_LEVELS and code not in found:
            found.append(code)
    return [code for code in found if code in reference.languages()]


def birth_year_from_age(answers: dict[str, Any], today: datetime.date) -> tuple[int, int] | None:
    """(age, year of birth) when the answers give an age; the questionnaire asks the age at the
    application, so the year can be one off."""
    age = answers.get("age")
    if isinstance(age, int) and not isinstance(age, bool) and 0 < age < 120:
        return age, today.year - age
    return None


def client_defaults(
    answers: dict[str, Any], today: datetime.date, questionnaire_language: str = ""
) -> dict[str, Any]:
    """Client fields that follow from questionnaire answers (only those that do)."""
    defaults: dict[str, Any] = {}
    if isinstance(answers.get("nationality"), str):
        defaults["nationality"] = answers["nationality"].upper()
    derived = birth_year_from_age(answers, today)
    if derived:
        defaults["birth_year"] = derived[1]
    spoken = languages(answers, questionnaire_language)
    if spoken:
        defaults["languages"] = spoken
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
