"""The result page's step lists (``{% step_list %}``): what each kind of step shows, escaped, in
the page's language."""

from django.template import engines
from django.utils import translation

from pathways.templatetags.pathways_text import step_list

TODO = {
    "key": "x.visa",
    "status": "todo",
    "abroad": True,
    "title": "Sie stellen den Visumantrag <sofort> & rasch.",
    "warning": "Nicht ausreisen, bevor <b>",
    "actor_label": "Deutsche Auslandsvertretung",
    "duration": {"amount": 1, "unit": "weeks", "statutory": True},
    "fee": {"min_eur": 75, "max_eur": 75},
    "legal_basis": "§ 6 Abs. 3 AufenthG",
    "documents": ["Reisepass", "Nachweis <A&B>"],
    "iq_advice": "IQ berät.",
}
DONE = {"key": "x.recognition", "status": "done", "title": "Anerkennung", "reason": "Schon da."}
LEFT_OUT = {"key": "x.ba", "status": "left_out", "title": "Zustimmung", "reason": "Entfällt."}
PLAIN = {"key": "x.plain", "title": "Ohne Angaben", "actor_label": "Sie", "duration": None}


def test_a_step_to_do_shows_its_facts_escaped():
    with translation.override("de"):
        html = step_list([TODO])
    assert '<li class="step step--todo" data-step="x.visa" data-abroad>' in html
    assert "Sie stellen den Visumantrag &lt;sofort&gt; &amp; rasch." in html
    assert '<p class="step__warning"><strong>Nicht ausreisen, bevor &lt;b&gt;</strong></p>' in html
    assert "<dt>Wer</dt><dd>Deutsche Auslandsvertretung</dd>" in html
    assert "<dt>Dauer</dt><dd>höchstens 1 Woche (gesetzliche Frist)</dd>" in html
    assert "<dt>Gebühr</dt><dd>75 €</dd>" in html
    assert "<dt>Rechtsgrundlage</dt><dd>§ 6 Abs. 3 AufenthG</dd>" in html
    assert "<dt>Unterlagen</dt><dd>Reisepass; Nachweis &lt;A&amp;B&gt;</dd>" in html
    assert "<strong>Rat der IQ Beratung:</strong> IQ berät." in html
    assert "<b>" not in html
    assert "<sofort>" not in html


def test_steps_done_or_left_out_say_why_and_nothing_else():
    with translation.override("de"):
        html = step_list([DONE, LEFT_OUT])
    assert '<li class="step step--done" data-step="x.recognition">' in html
    assert '<span class="tag tag--met">Erledigt</span> Schon da.' in html
    assert '<li class="step step--left_out" data-step="x.ba">' in html
    assert '<span class="tag tag--left_out">Entfällt</span> Entfällt.' in html
    assert "step__facts" not in html
    assert "data-abroad" not in html


def test_a_step_without_status_or_figures_is_one_to_do_with_who_only():
    with translation.override("de"):
        html = step_list([PLAIN])
    assert '<li class="step step--todo" data-step="x.plain">' in html
    assert html.count("<dt>") == 1
    assert "step__warning" not in html
    assert "step__advice" not in html


def test_each_language_has_its_labels_and_durations():
    with translation.override("en"):
        english = step_list([TODO, DONE])
    with translation.override("de"):
        german = step_list([TODO, DONE])
    assert "<dt>Who</dt>" in english
    assert "at most 1 week (deadline in law)" in english
    assert '<span class="tag tag--met">Done</span>' in english
    assert "<dt>Wer</dt>" in german
    assert "Erledigt" in german


def test_the_tag_writes_the_list_in_a_template():
    template = engines["django"].from_string("{% load pathways_text %}{% step_list steps %}")
    with translation.override("de"):
        html = template.render({"steps": [DONE, TODO]})
    assert html.startswith('<ol class="steps">')
    assert html.rstrip().endswith("</ol>")
    assert html.index("x.recognition") < html.index("x.visa")
