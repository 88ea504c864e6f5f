"""Reading a person's answers (JSON-like mapping) into a typed, validated ``Profile``.

Legal basis: none (input handling). Last checked: 2026-12-02.

Decisions:
- Every key is optional; a missing key and ``None`` both mean "unknown", except
  ``asylum_benefits_months_ago``, where ``None`` means "never received" and only a missing key
  is unknown (the contract's meaning).
- Keys that are not profile keys are ignored, so answers saved under an older questionnaire and
  extra fields sent by other tools still evaluate. Wrong types or choices raise ``ProfileError``
  naming the key.
- ``occupation_isco`` takes any ISCO-08 code of 1 to 4 digits, or "other"; the questionnaire
  offers only the groups that matter.
- ``residence`` still takes the old combined "germany_duldung_or_gestattung" (saved answers, API).
- Answers that contradict each other are refused with ``ProfileError`` naming the later key
  (``_contradiction``), so the questionnaire and ``POST /api/evaluate`` refuse them alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .parameters import WESTBALKAN_STATES
from .questions import COUNTRY_CODES, LEVEL_RANK, QUESTIONS, Question, prune
from .records import record
from .texts import ProfileError, Text

__all__ = ["NEVER", "Profile", "ProfileError", "check_combined", "parse_profile"]

NEVER = "never"
_ISCO = re.compile(r"^\d{1,4}$")


@record
class Profile:
    nationality: str | None = None
    age: int | None = None
    residence: str | None = None
    # Only with a residence title in Germany: "education" (Abschnitt 3), "employment"
    # (Abschnitt 4), "family" (Abschnitt 6), "humanitarian" (Abschnitt 5), "temporary_protection"
    # (§ 24), "other".
    residence_title_kind: str | None = None
    # Already working in Germany with a title under § 26 Abs. 2 BeschV.
    westbalkan_employed_in_germany: bool | None = None
    residence_country: str | None = None
    # Months since the last AsylbLG payment, NEVER, or None for unknown.
    asylum_benefits_months_ago: int | str | None = None
    qualification: str | None = None
    qualification_state_recognised: bool | None = None
    recognition: str | None = None
    regulated_profession: bool | None = None
    occupation_isco: str | None = None
    degree_years_ago: int | None = None
    german_level: str | None = None
    english_level: str | None = None
    experience_years_last5: int | None = None
    experience_years_last7: int | None = None
    it_experience_years_last7: int | None = None
    stay_germany_6_months_last5: bool | None = None
    partner_applies_too: bool | None = None
    means_secured: bool | None = None
    job_offer: str | None = None
    annual_salary_eur: Decimal | None = None
    # Whether the OFFERED job needs a Berufsausübungserlaubnis (§ 18 Abs. 2 Nr. 3 AufenthG).
    job_needs_licence: bool | None = None
    temp_agency_work: bool | None = None
    employer_collective_agreement: bool | None = None
    employer_suitable_for_training: bool | None = None
    recognition_partnership_agreement: bool | None = None
    pension_provision: bool | None = None
    employer_uses_accelerated_procedure: bool | None = None

    @property
    def german_rank(self) -> int | None:
        return None if self.german_level is None else LEVEL_RANK[self.german_level]

    @property
    def english_rank(self) -> int | None:
        return None if self.english_level is None else LEVEL_RANK[self.english_level]


def _invalid(key: str, de: str, en: str) -> ProfileError:
    return ProfileError(key, Text(de, en))


def _number(question: Question, value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _invalid(question.id, "Bitte geben Sie eine Zahl an.", "Must be a number.")
    number = Decimal(str(value))
    if not number.is_finite():
        raise _invalid(question.id, "Bitte geben Sie eine Zahl an.", "Must be a number.")
    if (question.min is not None and number < question.min) or (
        question.max is not None and number > question.max
    ):
        raise ProfileError(
            question.id,
            question.range_error
            or Text.format(
                "Der Wert muss zwischen {min} und {max} liegen.",
                "Must be between {min} and {max}.",
                min=question.min,
                max=question.max,
            ),
        )
    return number


def _value(question: Question, value: Any) -> Any:
    key = question.id
    if question.kind == "bool":
        if not isinstance(value, bool):
            raise _invalid(
                key, "Bitte antworten Sie mit Ja oder Nein (true/false).", "Must be true or false."
            )
        return value
    if question.kind == "int":
        number = _number(question, value)
        if number != number.to_integral_value():
            raise _invalid(key, "Bitte geben Sie eine ganze Zahl an.", "Must be a whole number.")
        return int(number)
    if question.kind == "decimal":
        return _number(question, value)
    if not isinstance(value, str):
        raise _invalid(key, "Bitte geben Sie einen Text an.", "Must be a string.")
    if question.kind == "country":
        code = value.upper()
        if code not in COUNTRY_CODES:
            raise _invalid(
                key,
                "Unbekannter Ländercode (ISO 3166-1 Alpha-2, Kosovo: XK).",
                "Unknown country code (ISO 3166-1 alpha-2, Kosovo: XK).",
            )
        return code
    if key == "occupation_isco" and (_ISCO.match(value) or value == "other"):
        return value
    if value not in _ACCEPTED[key]:
        allowed = ", ".join(question.choice_values)
        raise _invalid(key, f"Erlaubt sind: {allowed}.", f"Must be one of: {allowed}.")
    return value


def parse_profile(data: Any) -> Profile:
    """A validated ``Profile`` from a mapping of answers; ``ProfileError`` names a bad key.

    Only the given answers are looked at, in the questionnaire's order (so that the first bad
    answer is the one named). Answers are JSON scalars: the same answers (value and type, as
    ``True`` must not pass for ``1``) give the same profile, so parsed profiles are cached.
    """
    if isinstance(data, Profile):
        return data
    if not isinstance(data, Mapping):
        raise _invalid(
            "profile", "Das Profil muss ein JSON-Objekt sein.", "The profile must be a JSON object."
        )
    given = [(key, raw) for key, raw in data.items() if key in _QUESTION_INDEX]
    try:
        answers = tuple(sorted((_QUESTION_INDEX[key], raw.__class__, raw) for key, raw in given))
        hash(answers)
    except TypeError:  # an unhashable answer (a list, a dict) is parsed without the cache
        return _parse(tuple(sorted(given, key=lambda item: _QUESTION_INDEX[item[0]])))
    return _parse_cached(answers)


@lru_cache(maxsize=4096)
def _parse_cached(answers: tuple[tuple[int, type, Any], ...]) -> Profile:
    return _parse(tuple((QUESTIONS[index].id, raw) for index, _kind, raw in answers), _answer)


@lru_cache(maxsize=8192)
def _answer(key: str, kind: type, raw: Any) -> Any:
    """One checked answer. The same answer (value and type: ``True`` is not ``1``) always
    checks the same, and many people give it, so it is checked once."""
    return _value(_QUESTION_BY_ID[key], raw)


def _unhashed(key: str, kind: type, raw: Any) -> Any:
    return _value(_QUESTION_BY_ID[key], raw)


def _parse(
    answers: tuple[tuple[str, Any], ...], check: Callable[[str, type, Any], Any] = _unhashed
) -> Profile:
    values: dict[str, Any] = {}
    for key, raw in answers:
        if raw is None:
            if _QUESTION_BY_ID[key].null_choice is not None:
                values[key] = NEVER
            continue
        values[key] = check(key, raw.__class__, raw)
    _contradiction(values)
    return Profile(**values)


# The questionnaire's order, looked up once at import time.
_QUESTION_INDEX: dict[str, int] = {question.id: index for index, question in enumerate(QUESTIONS)}
_QUESTION_BY_ID: dict[str, Question] = {question.id: question for question in QUESTIONS}
# Each question's accepted choices (current and legacy values), built once.
_ACCEPTED: dict[str, frozenset[str]] = {
    question.id: frozenset(question.accepted_values) for question in QUESTIONS
}


def check_combined(answers: Mapping[str, Any], key: str, value: Any) -> None:
    """``ProfileError`` if ``value`` for ``key`` contradicts the other answers.

    For the questionnaire: the error is about the pair, so it is shown at the question being
    answered even when it names the other key. Parsing turns the questionnaire's None for
    "never" (AsylbLG) into NEVER, as for a saved profile.
    """
    others = {name: answer for name, answer in answers.items() if name != key}
    try:
        parse_profile(others)
    except ProfileError:
        # Earlier answers that no longer parse are the questionnaire's business, not this one's.
        return
    # Answers that the new one makes irrelevant go first, as the questionnaire drops them.
    parse_profile(prune({**others, key: value}))


def _contradiction(v: dict[str, Any]) -> None:
    """``ProfileError`` on the first pair of answers that cannot both be true."""
    last5, last7 = v.get("experience_years_last5"), v.get("experience_years_last7")
    if last5 is not None and last7 is not None:
        if last7 < last5:
            raise ProfileError(
                "experience_years_last7",
                Text.format(
                    "In den letzten 7 Jahren können es nicht weniger Jahre sein als in den "
                    "letzten 5 ({last5}).",
                    "The last 7 years cannot hold fewer years than the last 5 ({last5}).",
                    last5=last5,
                ),
            )
        if last7 > last5 + 2:
            raise ProfileError(
                "experience_years_last7",
                Text.format(
                    "In den letzten 7 Jahren können es höchstens 2 Jahre mehr sein als in den "
                    "letzten 5, also höchstens {most}.",
                    "The last 7 years can hold at most 2 years more than the last 5, so at most "
                    "{most}.",
                    most=last5 + 2,
                ),
            )
    age = v.get("age")
    for key, label in (
        ("degree_years_ago", Text("Ihr Abschluss", "your degree")),
        ("experience_years_last5", Text("Ihre Berufserfahrung", "your experience")),
    ):
        years = v.get(key)
        if age is not None and years is not None and age - years < 14:
            raise ProfileError(
                key,
                Text.format(
                    "Mit {age} Jahren kann {label} nicht {years} Jahre zurückreichen.",
                    "At {age}, {label} cannot go back {years} years.",
                    age=age,
                    label=label,
                    years=years,
                ),
            )
    residence = v.get("residence")
    if v.get("residence_title_kind") is not None and residence not in (
        None,
        "germany_residence_permit",
    ):
        raise _invalid(
            "residence_title_kind",
            "Die Art des Aufenthaltstitels passt nur zu einem Aufenthaltstitel in Deutschland.",
            "The kind of residence title fits only a residence title in Germany.",
        )
    if v.get("westbalkan_employed_in_germany"):
        if residence not in (None, "germany_residence_permit") or v.get(
            "residence_title_kind"
        ) not in (None, "employment"):
            raise _invalid(
                "westbalkan_employed_in_germany",
                "Wer nach der Westbalkanregelung in Deutschland arbeitet, hat einen "
                "Aufenthaltstitel zur Arbeit in Deutschland.",
                "Someone working in Germany under the Western Balkans regulation holds a "
                "residence title for work in Germany.",
            )
        if v.get("nationality") not in (None, *WESTBALKAN_STATES):
            raise _invalid(
                "westbalkan_employed_in_germany",
                "Die Westbalkanregelung gilt nur für Staatsangehörige der sechs Westbalkanstaaten.",
                "The Western Balkans regulation applies only to nationals of the six states.",
            )
    if residence == "abroad" and v.get("residence_country") == "DE":
        raise _invalid(
            "residence_country",
            "Sie haben angegeben, im Ausland zu leben; Deutschland passt dazu nicht.",
            "You said you live abroad; Germany does not fit that.",
        )
    if v.get("qualification") == "none" and v.get("recognition") in ("pending", "partial", "full"):
        raise _invalid(
            "recognition",
            "Ohne Berufsabschluss gibt es keine Anerkennung.",
            "Without a qualification there is no recognition.",
        )
