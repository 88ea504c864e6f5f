"""The result to take along: the PDF (WeasyPrint) and the print partial it shares with the
print stylesheet. Herr Delić's PDF has at most 4 A4 pages, his answers, his code, the best way
with its steps first, and the rules version and date."""

import re
import subprocess

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

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


def pdf_text(content, tmp_path):
    """The PDF's text as poppler's pdftotext reads it (logical order, also right to left)."""
    path = tmp_path / "result.pdf"
    path.write_bytes(content)
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(done.stdout.split())


def test_the_arabic_pdf_is_right_to_left_with_the_german_result_after_it(client, tmp_path):
    client.cookies["django_language"] = "ar"
    walk(client, DELIC)
    response = client.get(reverse("questionnaire:result_pdf"))
    assert response.status_code == 200
    with translation.override("ar"):
        arabic = [translation.gettext(m) for m in ("Your result", "Your best way", "Your steps")]
    # The test holds only while these are translated (they are, machine-assisted).
    assert all(re.search("[\u0600-\u06ff]", text) for text in arabic), arabic
    text = pdf_text(response.content, tmp_path)
    # Arabic sentences come out in logical order (not mirrored), in the order of the page.
    positions = [text.index(sentence) for sentence in arabic]
    assert positions == sorted(positions)
    # Then the German, binding version: the same result, German texts.
    german = text.index("Ihr bester Weg: Fachkraft mit Berufsausbildung oder Studium")
    assert german > positions[-1]
    assert text.index("Ihre Schritte") > german
    with translation.override("ar"):
        note = translation.gettext(
            "The same result in German follows. The German version is binding."
        )
    # pdftotext writes the lam-alef ligatures (لا, لأ) back in visual order and wraps bidi marks
    # around punctuation: compare the note's other words, in order, before the German version.
    plain = re.sub("[\u202a-\u202e]", "", text)
    position = 0
    for word in (w for w in note.split() if not re.search("ل[اأإآ]", w)):
        position = plain.index(word, position)
    assert position < plain.index("Stand der Regeln")


def test_the_arabic_pdf_html_is_rtl_and_the_german_part_ltr(client):
    client.cookies["django_language"] = "ar"
    walk(client, DELIC)
    from pathways.questionnaire import Flow
    from pathways.views.result_pdf import bilingual_context

    request = RequestFactory().get("/")
    request.session = client.session
    request.user = AnonymousUser()
    with translation.override("ar"):
        html = render_to_string(
            "questionnaire/result_pdf.html", bilingual_context(Flow(request), "ar")
        )
    assert '<html lang="ar" dir="rtl">' in html
    assert '<section class="result-print__binding" lang="de" dir="ltr">' in html


def test_the_german_pdf_has_no_second_version(client, tmp_path):
    walk(client, DELIC)
    text = pdf_text(client.get(reverse("questionnaire:result_pdf")).content, tmp_path)
    assert text.count("Ihr bester Weg") == 1
    assert "verbindlich" not in text
