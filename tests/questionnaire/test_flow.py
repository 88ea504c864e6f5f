"""The flow's pure parts: the bound of the questions left, codes as typed, answers shown."""

from datetime import date

import pytest
from django.utils import translation

from pathways.questionnaire import display, most_asked, normalise_code, valid_answers
from pathways.rules.questions import QUESTIONS_BY_ID, parse_answer
from pathways.rules.relevance import next_question
from tests.questionnaire.walks import DELIC, KOSOVAR, POINTS

ON = date(2026, 12, 2)


def replay(person):
    """The answers after each step of a walk, as the session would hold them."""
    answers, states = {}, [{}]
    while (found := next_question(answers, ON)) is not None:
        question = found[0]
        raw = person.get(question.id, ("special", "unknown"))
        answers[question.id] = None if isinstance(raw, tuple) else parse_answer(question, raw)
        states.append(dict(answers))
    return states


@pytest.mark.parametrize("person", [DELIC, KOSOVAR, POINTS], ids=["Delić", "Kosovar", "points"])
def test_the_bound_of_questions_never_grows_and_never_undercounts(person):
    states = replay(person)
    bounds = [most_asked(answers, ON) for answers in states]
    asked = len(states) - 1
    assert bounds == sorted(bounds, reverse=True)
    # Every question page shows "x of at most y" with x <= y, and y holds the whole walk.
    assert all(bound >= asked for bound in bounds)


def test_an_eu_citizen_is_asked_one_question():
    assert most_asked({"nationality": "FR"}, ON) == 1
    assert next_question({"nationality": "FR"}, ON) is None


@pytest.mark.parametrize(
    ("typed", "code"),
    [("7kq4m2xd", "7KQ4M2XD"), (" 7KQ4-M2XD ", "7KQ4M2XD"), ("OIL12345", "01112345")],
    ids=["lower case", "spaces and dash", "misread letters"],
)
def test_a_code_is_read_as_a_person_types_it(typed, code):
    assert normalise_code(typed) == code


@pytest.mark.parametrize(
    ("question", "value", "german", "english"),
    [
        ("nationality", "XK", "Kosovo", "Kosovo"),
        ("nationality", "BA", "Bosnien und Herzegowina", "Bosnia and Herzegovina"),
        ("age", 36, "36 Jahre", "36 years"),
        ("annual_salary_eur", 48000.0, "48.000 Euro im Jahr", "48,000 euros a year"),
        ("means_secured", True, "Ja", "Yes"),
        ("german_level", "B2", "B2 (gute Kenntnisse)", "B2 (upper intermediate)"),
        ("german_level", None, "Ich weiß es nicht", "I don't know"),
        (
            "asylum_benefits_months_ago",
            None,
            "Ich habe nie solche Leistungen erhalten",
            "I have never received them",
        ),
    ],
)
def test_an_answer_is_shown_as_the_person_would_say_it(question, value, german, english):
    with translation.override("de"):
        assert display(QUESTIONS_BY_ID[question], value) == german
    with translation.override("en"):
        assert display(QUESTIONS_BY_ID[question], value) == english


def test_answers_that_no_longer_parse_are_dropped_when_a_code_is_reopened():
    saved = {"nationality": "BA", "age": "old", "german_level": "Z9", "shoe_size": 44, "age2": 1}
    assert valid_answers(saved) == {"nationality": "BA"}
    assert valid_answers(["not", "a", "dict"]) == {}
