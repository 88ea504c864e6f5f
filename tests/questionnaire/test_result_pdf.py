"""The result to take along: the PDF (WeasyPrint) and the print partial it shares with the
print stylesheet. Herr Delić's PDF has at most 4 A4 pages, his answers, his code, the best way
with its steps first, and the rules version and date."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from pathways.advice import saved_context
from pathways.models import SavedAnswers
from pathways.views.result_pdf import document
from tests.browser.personas import SYRIAN_NURSE

from .walks import DELIC, walk

pytestmark = pytest.mark.django_db


def saved_delic(client):
    walk(client, DELIC)
    client.post(reverse("questionnaire:save"))
    return SavedAnswers.objects.get()


def test_the_result_pdf_downloads_as_a_pdf(client):
    walk(client, DELIC)
    response = client.get(reverse("questionnaire:result_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF-")


def test_herr_delics_pdf_has_at_most_four_pages(client):
    saved = saved_delic(client)
    request = RequestFactory().get("/")
    pages = len(document(request, saved_context(saved)).pages)
    assert 1 <= pages <= 4, pages


def test_the_pdf_leads_with_the_code_the_best_way_and_its_steps_then_the_answers(client):
    saved = saved_delic(client)
    html = render_to_string("questionnaire/result_pdf.html", saved_context(saved))
    assert saved.code in html
    assert f"Regelversion {saved.rules_version}" in html
    best = html.index("Ihr bester Weg: Fachkraft mit Berufsausbildung oder Studium")
    steps = html.index("Ihre Schritte")
    answers = html.index("Ihre Angaben")
    assert best < steps < answers
    assert "Bosnien und Herzegowina" in html
    assert "36 Jahre" in html


def test_the_print_stylesheet_shows_the_same_partial(client):
    saved = saved_delic(client)
    page = client.get(reverse("questionnaire:reopen", args=[saved.code])).content.decode()
    assert 'class="print-only result-print"' in page
    assert "Ihr bester Weg: Fachkraft mit Berufsausbildung oder Studium" in page


def test_a_reopened_result_offers_to_change_the_answers(client):
    saved = saved_delic(client)
    page = client.get(reverse("questionnaire:reopen", args=[saved.code])).content.decode()
    assert "Meine Angaben ändern" in page
    client.session.flush()
    client.post(reverse("questionnaire:resume"), {"code": saved.code})
    response = client.post(reverse("questionnaire:reopen", args=[saved.code]), {"next": "review"})
    assert response.status_code == 302
    assert response.url == reverse("questionnaire:review")


def test_the_pdf_of_a_person_with_a_duldung_carries_the_warning(client):
    walk(client, SYRIAN_NURSE)
    client.post(reverse("questionnaire:save"))
    html = render_to_string(
        "questionnaire/result_pdf.html", saved_context(SavedAnswers.objects.get())
    )
    assert "Reisen Sie mit einer Duldung" in html


def test_the_pdf_of_an_unknown_code_is_a_404(client):
    response = client.get(reverse("questionnaire:saved_pdf", args=["ZZZZZZZZ"]))
    assert response.status_code == 404
