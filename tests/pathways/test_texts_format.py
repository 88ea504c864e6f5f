"""Text.format, Text.value and Text.join: templates translated, values in the same language."""

import pytest

from pathways.rules import texts
from pathways.rules.texts import Text

CATALOGUE = {
    "You reach {total} points; {minimum} are needed.": (
        "Vous atteignez {total} points, il en faut {minimum}."
    ),
    "The salary is below {floor}.": "Le salaire est inférieur à {floor} ({missing}).",
    "yes": "oui",
}


@pytest.fixture
def french():
    texts.register_translator(lambda lang, english: CATALOGUE.get(english, english))
    yield
    from pathways.apps import rule_text

    texts.register_translator(rule_text)


def test_german_and_english_are_rendered_at_construction():
    text = Text.format("Es fehlen {n} Punkte.", "You need {n} more points.", n=3)
    assert (text.de, text.en) == ("Es fehlen 3 Punkte.", "You need 3 more points.")
    assert text == Text("Es fehlen 3 Punkte.", "You need 3 more points.")
    assert text.get("de") == text.de
    assert text.get("en-gb") == text.en


def test_other_language_translates_the_template_and_fills_values(french):
    text = Text.format(
        "Sie erreichen {total} Punkte, nötig sind {minimum}.",
        "You reach {total} points; {minimum} are needed.",
        total=5,
        minimum=6,
    )
    assert text.get("fr") == "Vous atteignez 5 points, il en faut 6."


def test_text_values_are_rendered_in_the_same_language(french):
    answer = Text.format(
        "Antwort: {a}",
        "You reach {total} points; {minimum} are needed.",
        a=Text("ja", "yes"),
        total=Text("ja", "yes"),
        minimum=Text.value("1,5", "1.5"),
    )
    assert answer.de == "Antwort: ja"
    assert answer.get("fr") == "Vous atteignez oui points, il en faut 1.5."


def test_untranslated_template_is_english_as_a_whole(french):
    text = Text.format("Ja: {a}", "Yes: {a}", a=Text("ja", "yes"))
    assert text.get("fr") == "Yes: yes"


def test_broken_placeholders_in_a_translation_fall_back_to_english(french):
    text = Text.format(
        "Unter {floor}.", "The salary is below {floor}.", floor=Text.value("1 €", "€1")
    )
    assert text.get("fr") == "The salary is below {floor}.".format(floor="€1")


def test_join_joins_each_language_separately(french):
    joined = Text.join([Text("ja", "yes"), Text("nein", "no")], " und ", " and ")
    assert (joined.de, joined.en) == ("ja und nein", "yes and no")
    assert joined.get("fr") == "oui and no"


def test_fill_uses_a_literal_text_as_template(french):
    phrase = Text("mit {new}", "with {new}")
    assert phrase.fill(new=Text("ja", "yes")).get("de") == "mit ja"
