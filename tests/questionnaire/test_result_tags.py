"""The result page's way panels, points table, printed steps and change notes (tags in
``pathways_text``): what each shows, escaped, in the page's language."""

from django.utils import translation

from pathways.templatetags.pathways_text import (
    change_note,
    pathway_details,
    pathway_head,
    points_table,
    print_steps,
)

WAY = {
    "key": "skilled_worker",
    "verdict": "possible",
    "title": "Fachkraft <mit> Ausbildung",
    "legal_basis": "§ 18a AufenthG",
    "via_title": "Weg & Ziel",
    "warned": True,
    "summary": {"duration": "2 <Monate>", "fees_eur": {"min_eur": 75, "max_eur": 75}},
    "checks": [{"status": "met", "text": "Abschluss <ok>", "source": "§ 18 Abs. 3"}],
    "steps": [{"key": "x.visa", "status": "todo", "title": "Visum", "actor_label": "Sie"}],
}
POINTS = {
    "points": 3,
    "points_breakdown": [
        {"label": "Deutsch <B1>", "source": "§ 20b Abs. 1 Nr. 2-4 AufenthG", "points": 2},
        {"label": "Alter", "source": "§ 20b Abs. 1 Nr. 9-10 AufenthG", "points": 1},
    ],
}
STEPS = [
    {"title": "Anerkennung <A>", "status": "done", "reason": "Schon da & gut."},
    {
        "title": "Visum",
        "status": "todo",
        "actor_label": "Auslandsvertretung",
        "duration": {"amount": 3, "unit": "months", "statutory": True},
        "fee": {"min_eur": 75, "max_eur": 75},
        "legal_basis": "§ 6 AufenthG",
        "warning": "Nicht <ausreisen>",
    },
]


def test_an_open_way_shows_its_title_verdict_route_and_warning_escaped():
    with translation.override("de"):
        html = pathway_head(WAY, best=True)
    assert '<section class="panel pathway pathway--possible" id="pathway-skilled_worker"' in html
    assert '<span class="pathway__rank">Bester Weg:</span> Fachkraft &lt;mit&gt; Ausbildung' in html
    assert "Weg &amp; Ziel" in html
    assert "2 &lt;Monate&gt; · 75 €" in html
    assert "pathway__warned" in html
    assert "<mit>" not in html
    assert "pathway__rank" not in pathway_head({**WAY, "warned": False}, best=False)


def test_the_details_count_the_steps_and_hold_checks_points_and_steps():
    with translation.override("en"):
        one = pathway_details(WAY)
        none = pathway_details({**WAY, "steps": [], **POINTS})
    assert "<summary>Why, and the step</summary>" in one
    assert "Abschluss &lt;ok&gt;" in one
    assert 'data-step="x.visa"' in one
    assert '<table class="points">' not in one
    assert '<table class="points">' in none
    assert 'class="steps"' not in none


def test_the_points_table_lists_each_criterion_and_the_total_or_says_there_are_none():
    with translation.override("de"):
        html = points_table(POINTS)
        empty = points_table({"points": 0, "points_breakdown": []})
    assert '<th scope="row">Deutsch &lt;B1&gt;</th>' in html
    assert '<td class="points__number">2</td>' in html
    assert '<td class="points__number points__total">3</td>' in html
    assert "Punkte für die Chancenkarte" in html
    assert '<tr><td colspan="3">' in empty
    assert '<td colspan="3">' not in html


def test_the_printed_steps_show_why_a_step_is_settled_or_its_facts():
    with translation.override("de"):
        html = print_steps(STEPS)
    assert "<li>Anerkennung &lt;A&gt; <em>(Erledigt: Schon da &amp; gut.)</em></li>" in html
    assert (
        "Auslandsvertretung · höchstens 3 Monate (gesetzliche Frist) · 75 € · § 6 AufenthG" in html
    )
    assert '<strong class="result-print__warning">Nicht &lt;ausreisen&gt;</strong>' in html


def test_a_change_note_names_the_change_with_a_capital_or_that_none_opens_the_way():
    found = {"found": True, "text": "mit <B1>", "satisfies": "Deutsch", "source": "§ 16d"}
    with translation.override("en"):
        html = change_note(found)
        nothing = change_note({"found": False})
    assert "<strong>This would change it:</strong> Mit &lt;B1&gt;: Deutsch" in html
    assert '<span class="check__source">§ 16d</span>' in html
    assert nothing == '<p class="change">No change of your answers opens this way.</p>'
