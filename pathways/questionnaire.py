"""The questionnaire flow "Welcher Weg passt zu mir?": answers in the session, replayed.

Questions are data (``pathways.rules.questions``), and which one comes next is computed from
the rules (``pathways.rules.relevance``: only what can still change the result, the most
informative first, stopping once the best way is certain). This module keeps the answers in the
server-side session (never in the URL: residence status and benefits are sensitive), in the
order they were asked, rebuilds the state from them on every request, and saves them behind a
short code. After an earlier answer changes, the walk is replayed: what became irrelevant goes,
what became relevant is asked next.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext

from pathways.models import CODE_ALPHABET, SavedAnswers
from pathways.rules import questions as Q
from pathways.rules import relevance as R
from pathways.rules.profile import parse_profile
from pathways.rules.texts import ProfileError

SESSION_KEY = "questionnaire"
# Codes this session may read: typed at "Continue with a code" (or saved here). A result page's
# URL alone (/check/r/<code>/) shows nothing of the answers.
UNLOCKED_KEY = "questionnaire_unlocked"
UNLOCKED_MAX = 5
# Answers in the session go after an hour without activity (a shared library computer); saved
# answers behind a code after 30 days. The privacy note on the start page states both.
ANSWERS_KEPT = timedelta(hours=1)
CODE_KEPT = timedelta(days=30)
KEPT = {"answers_minutes": int(ANSWERS_KEPT.total_seconds() // 60), "code_days": CODE_KEPT.days}

VERDICT_RANK = {"eligible": 0, "possible": 1, "not_eligible": 2}

# What the start and home pages promise: the questions asked over the golden corpus
# (benchmarks/bench_questions.py prints them; tests/questionnaire/test_relevance.py holds the
# figures to them). Half a minute a question.
PROMISE = {"median": 11, "p90": 17, "minutes": 5}

# The ways by name, for "Warum fragen wir das?".
TITLES = R.TITLES


def language() -> str:
    return (get_language() or "de")[:2]


@dataclass(frozen=True)
class Row:
    """One line of the check page "Ihre Angaben prüfen"."""

    question: Q.Question
    value: str


class Flow:
    """A person's walk through the questionnaire, rebuilt from the answers in the session."""

    def __init__(self, request, on: date | None = None):
        self.session = request.session
        self.anonymous = not request.user.is_authenticated
        self.on = on or timezone.localdate()
        state = self.session.get(SESSION_KEY) or {}
        if time.time() - state.get("touched", 0) > ANSWERS_KEPT.total_seconds():
            state = {}
        self.answers: dict[str, Any] = Q.prune(state.get("answers") or {})
        self.code: str | None = state.get("code")
        # "Weitere Wege prüfen": also the questions that only the other ways need.
        self.more: bool = bool(state.get("more"))
        self._next: tuple[Q.Question, R.Analysis] | bool | None = False

    # --- where the person stands ---------------------------------------------------------

    @property
    def started(self) -> bool:
        return bool(self.answers)

    @property
    def _found(self) -> tuple[Q.Question, R.Analysis] | None:
        if self._next is False:
            self._next = R.next_question(self.answers, self.on, self.more)
        return self._next  # type: ignore[return-value]

    @property
    def current(self) -> Q.Question | None:
        found = self._found
        return None if found is None else found[0]

    @property
    def complete(self) -> bool:
        return self.current is None

    def question(self, question_id: str) -> Q.Question:
        try:
            return Q.QUESTIONS_BY_ID[question_id]
        except KeyError:
            raise Http404(gettext("There is no such question.")) from None

    def reachable(self, question: Q.Question) -> bool:
        """Answered on this walk, or the next one: nothing skipped."""
        return question.id in self.answers or question == self.current

    def decides(self, question: Q.Question) -> tuple[str, ...]:
        """The ways whose verdict this question's answer decides ("Warum fragen wir das?")."""
        found = self._found
        if found is not None and found[0] == question:
            return found[1].decides
        others = {key: value for key, value in self.answers.items() if key != question.id}
        return R.analyse(others, question, self.on).decides

    def position(self, question: Q.Question) -> tuple[int, int]:
        """ "Question x of at most y": y is a proven upper bound of this walk's length
        (``most_asked``), the least one seen on the walk so far, so it never grows."""
        ids = list(self.answers)
        number = ids.index(question.id) + 1 if question.id in ids else len(ids) + 1
        return number, max(number, most_asked(self.answers, self.on))

    def back(self, question: Q.Question) -> str | None:
        """The question before this one on this walk; None before the first question.

        Once every question is answered, the person is changing an answer from the check
        page, and "back" leads there (the view turns "review" into its URL).
        """
        if self.complete:
            return "review"
        ids = list(self.answers)
        if question.id not in ids:
            return ids[-1] if ids else None
        index = ids.index(question.id)
        return ids[index - 1] if index else None

    def rows(self) -> list[Row]:
        return [
            Row(Q.QUESTIONS_BY_ID[key], display(Q.QUESTIONS_BY_ID[key], value))
            for key, value in self.answers.items()
        ]

    def remaining(self) -> list[R.Analysis]:
        """What "Weitere Wege prüfen" would still ask (empty once it has been asked)."""
        if self.more or not self.complete:
            return []
        return R.remaining(self.answers, self.on)

    # --- changes -------------------------------------------------------------------------

    def answer(self, question: Q.Question, value: Any, also: dict[str, Any] | None = None) -> None:
        """Record an answer (and those the same choice gives, ``also``). A new one continues
        the walk; a changed one replays it, so that answers that no longer apply go and what
        became relevant is asked next."""
        given = {**(also or {}), question.id: value}
        if question.id in self.answers:
            changed = dict(self.answers)
            if question.id == "residence" and not also:
                # Where one lives abroad follows from the new answer, or is asked again.
                changed.pop("residence_country", None)
            changed.update(given)
            self.answers = R.replay(changed, self.on, self.more)
        else:
            self.answers = {**self.answers, question.id: value, **(also or {})}
        self._next = False
        self._store()

    def replace(self, answers: dict[str, Any], code: str | None = None) -> None:
        answers = Q.prune(answers)
        walked = R.replay(answers, self.on, more=False)
        if set(walked) != set(answers):
            self.more = True
            walked = R.replay(answers, self.on, more=True)
        self.answers = walked
        self.code = code
        self._next = False
        self._store()

    def check_more(self) -> None:
        """ "Weitere Wege prüfen": ask also what only the other ways need."""
        self.more = True
        self._next = False
        self._store()

    def clear(self) -> None:
        self.answers, self.code, self.more = {}, None, False
        self._next = False
        self.session.pop(SESSION_KEY, None)

    def _store(self) -> None:
        self.session[SESSION_KEY] = {
            "answers": self.answers,
            "code": self.code,
            "more": self.more,
            "touched": time.time(),
        }
        if self.anonymous:
            # The whole session row ends with the answers; a counsellor's login is left alone.
            self.session.set_expiry(int(ANSWERS_KEPT.total_seconds()))

    # --- result, saving and reopening ---------------------------------------------------

    def evaluate(self, lang: str, on: date | None = None) -> dict[str, Any]:
        """The result as shown and saved: the engine's JSON with the person's order, steps,
        situation and points (``pathways.advice.enrich``)."""
        from pathways.advice import enrich
        from pathways.rules.engine import evaluate

        profile = parse_profile(self.answers)
        return enrich(evaluate(profile, on=on or self.on), profile, lang)

    def save(self, lang: str) -> SavedAnswers:
        """Keep the answers (and the result, when complete) behind a code for ``CODE_KEPT``."""
        SavedAnswers.objects.expired().delete()
        saved = SavedAnswers.objects.active().filter(code=self.code).first() if self.code else None
        saved = saved or SavedAnswers()
        result = self.evaluate(lang) if self.complete else None
        saved.answers = self.answers
        saved.result = result
        saved.rules_version = result["rules_version"] if result else ""
        saved.evaluated_on = date.fromisoformat(result["on"]) if result else None
        saved.language = lang
        saved.expires_at = timezone.now() + CODE_KEPT
        saved.save()
        self.code = saved.code
        self._store()
        return saved

    def saved(self) -> SavedAnswers | None:
        if not self.code:
            return None
        return SavedAnswers.objects.active().filter(code=self.code).first()

    def reopen(self, saved: SavedAnswers) -> None:
        self.replace(valid_answers(saved.answers), code=saved.code)

    def delete(self) -> None:
        """ "Delete my answers": the session's and those saved behind its code."""
        if self.code:
            SavedAnswers.objects.filter(code=self.code).delete()
        self.clear()


def most_asked(answers: dict[str, Any], on: date) -> int:
    """The most questions this walk can have in all: for every earlier point of the walk (the
    answers are kept in the order asked), the questions answered then plus every question
    that could still come (``relevance.most_remaining``), and the least of these. Each is an
    upper bound, so their minimum is one too, and it cannot grow as the walk goes on."""
    items = list(answers.items())
    return min(index + _most_remaining(tuple(items[:index]), on) for index in range(len(items) + 1))


@lru_cache(maxsize=4096)
def _most_remaining(items: tuple[tuple[str, Any], ...], on: date) -> int:
    return R.most_remaining(dict(items), on)


def valid_answers(answers: Any) -> dict[str, Any]:
    """Answers that still parse under today's questions (a code may be weeks old)."""
    if not isinstance(answers, dict):
        return {}
    kept = {}
    for key, value in answers.items():
        if key in Q.QUESTIONS_BY_ID:
            try:
                parse_profile({key: value})
            except ProfileError:
                continue
            kept[key] = value
    return kept


def normalise_code(raw: str) -> str:
    """A code as typed: spaces and dashes dropped; O, I and L read as 0, 1 and 1 (Crockford)."""
    code = raw.strip().upper().replace(" ", "").replace("-", "")
    return code.translate(str.maketrans("OIL", "011"))


def find_saved(raw: str) -> SavedAnswers | None:
    code = normalise_code(raw)
    if not code or len(code) > 12 or any(char not in CODE_ALPHABET for char in code):
        return None
    return SavedAnswers.objects.active().filter(code=code).first()


def unlock(request, code: str) -> None:
    """This session may read the answers saved behind ``code`` (it typed the code)."""
    unlocked = [c for c in request.session.get(UNLOCKED_KEY, []) if c != code]
    request.session[UNLOCKED_KEY] = [*unlocked, code][-UNLOCKED_MAX:]


def holds(request, code: str) -> bool:
    """Whether this session holds the answers behind ``code``: it saved them, reopened them,
    or typed the code."""
    code = normalise_code(code)
    state = request.session.get(SESSION_KEY) or {}
    return bool(code) and (
        state.get("code") == code or code in request.session.get(UNLOCKED_KEY, [])
    )


def saved_or_404(raw: str) -> SavedAnswers:
    saved = find_saved(raw)
    if saved is None:
        raise Http404(gettext("There are no saved answers for this code, or they have expired."))
    return saved


# --- presenting answers and results ----------------------------------------------------------


def display(question: Q.Question, value: Any) -> str:
    """An answer as the person would say it, in the current language."""
    lang = language()
    if value is None:
        if question.null_choice is not None:
            return question.null_choice.get(lang)
        return gettext("I don't know")
    if question.kind == "bool":
        return gettext("Yes") if value else gettext("No")
    if question.kind == "country":
        return country_names(lang).get(value, value)
    if question.kind in ("int", "decimal"):
        number = formats.number_format(
            value,
            decimal_pos=0 if value == int(value) else 2,
            use_l10n=True,
            force_grouping=question.kind == "decimal",
        )
        return f"{number} {question.unit.get(lang)}" if question.unit else number
    for choice in question.choices:
        if choice.value == value:
            return choice.label.get(lang)
    return str(value)


@lru_cache(maxsize=4)
def countries(lang: str) -> tuple[tuple[str, str], ...]:
    """(code, name) of every country, sorted by its name in ``lang``."""
    return tuple(
        sorted(((c.value, c.label.get(lang)) for c in Q.COUNTRIES), key=lambda item: item[1])
    )


@lru_cache(maxsize=4)
def country_names(lang: str) -> dict[str, str]:
    return dict(countries(lang))


def rules_date(result: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(result.get("on")))
    except ValueError:
        return None


def pathways_in_order(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The pathways of a result, open ones first, each with its key."""
    from pathways.rules.engine import PATHWAY_KEYS

    # A JSON column sorts the keys of a saved result: the engine's order is restored here.
    found = result.get("pathways") or {}
    keys = [key for key in PATHWAY_KEYS if key in found]
    keys += sorted(key for key in found if key not in PATHWAY_KEYS)
    items = [{"key": key, **found[key]} for key in keys]
    for item in items:
        via = found.get(item.get("via") or "")
        item["via_title"] = via.get("title") if via else None
    return sorted(items, key=lambda item: VERDICT_RANK.get(item.get("verdict"), 3))
