import re

import pytest
from django.urls import reverse

from pathways.models import SavedAnswers
from tests.browser.personas import INDIAN_ENGINEER
from tests.questionnaire.walks import DELIC, KOSOVAR, POINTS, SERBIAN, current_question, walk

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
END = " \N{EN DASH} IQ Portal</title>"


def q(question_id):
    return reverse("questionnaire:question", args=[question_id])


def test_the_start_page_states_how_long_answers_are_kept(client):
    response = client.get(reverse("questionnaire:start"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "60 Minuten" in text
    assert "30 Tage" in text
    assert q("nationality") in text


def test_the_first_question_page_counts_the_questions_without_a_percentage(client):
    response = client.get(q("nationality"))
    text = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"Frage 1 von höchstens \d+", text)
    assert "%" not in re.sub(r"<(script|style)[^>]*>.*?</\1>", "", text, flags=re.S)
    assert "<title>Welche Staatsangehörigkeit haben Sie?" + END in text


def test_a_question_not_yet_reached_redirects_to_the_one_that_is_due(client):
    response = client.get(q("german_level"))
    assert response.status_code == 302
    assert response.url == q("nationality")


def test_an_unknown_question_is_a_404(client):
    assert client.get(q("shoe_size")).status_code == 404
    assert client.post(q("shoe_size"), {"answer": "44"}).status_code == 404


def test_an_answer_redirects_to_the_next_question_without_htmx(client):
    response = client.post(q("nationality"), {"answer": "BA"})
    assert response.status_code == 302
    assert response.url == q("residence")


def test_with_htmx_a_question_answers_with_its_fragment_and_pushes_its_url(client):
    client.post(q("nationality"), {"answer": "BA"})
    response = client.get(q("residence"), **HTMX)
    text = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Push-Url"] == q("residence")
    assert "HX-Request" in response["Vary"]
    assert "<html" not in text
    assert text.lstrip().startswith("<title>Wo leben Sie zurzeit?" + END)
    assert 'hx-target="#question"' in text


def test_without_htmx_the_same_question_is_a_full_page(client):
    client.post(q("nationality"), {"answer": "BA"})
    response = client.get(q("residence"))
    text = response.content.decode()
    assert "<html" in text
    assert 'id="question"' in text
    assert "HX-Push-Url" not in response
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_full_page(client):
    response = client.get(q("nationality"), HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
    assert "<html" in response.content.decode()


def test_a_missing_answer_shows_the_error_summary_and_keeps_the_page(client):
    response = client.post(q("nationality"), {"answer": ""})
    text = response.content.decode()
    assert response.status_code == 422
    assert "<title>Fehler: Welche Staatsangehörigkeit haben Sie?" + END in text
    assert 'class="error-summary"' in text
    assert '<a href="#answer">Bitte wählen Sie ein Land aus der Liste.</a>' in text
    assert 'id="answer-error"' in text


def test_a_wrong_number_is_shown_again_as_typed(client):
    for question in ("nationality", "residence", "residence_country"):
        client.post(q(question), {"answer": DELIC[question]})
    client.post(q("asylum_benefits_months_ago"), {"special": "never"})
    response = client.post(q("age"), {"answer": "sechsunddreißig"})
    text = response.content.decode()
    assert response.status_code == 422
    assert 'value="sechsunddreißig"' in text
    assert "Bitte geben Sie ein Alter zwischen 16 und 99 an." in text


def test_an_error_with_htmx_is_the_fragment_with_an_error_title(client):
    response = client.post(q("nationality"), {"answer": ""}, **HTMX)
    text = response.content.decode()
    assert response.status_code == 422
    assert "<html" not in text
    assert text.lstrip().startswith("<title>Fehler: ")


def test_i_dont_know_is_an_answer_where_it_is_allowed(client):
    client.post(q("nationality"), {"special": "unknown"})
    assert client.session["questionnaire"]["answers"] == {"nationality": None}
    assert current_question(client) == "residence"


def test_the_last_answer_leads_to_the_check_page_with_htmx_as_a_client_redirect(client):
    asked = walk(client, DELIC)
    assert asked[-1] == "employer_uses_accelerated_procedure"
    response = client.post(q(asked[-1]), {"answer": "no"}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("questionnaire:review")


def test_the_check_page_lists_every_answer_with_a_change_link(client):
    asked = walk(client, DELIC)
    response = client.get(reverse("questionnaire:review"))
    text = response.content.decode()
    assert response.status_code == 200
    for question in asked:
        assert f'href="{q(question)}"' in text
    assert "Bosnien und Herzegowina" in text
    assert "36 Jahre" in text
    assert "Ich habe nie solche Leistungen erhalten" in text


def test_changing_an_answer_keeps_later_ones_that_still_apply(client):
    asked = walk(client, DELIC)
    response = client.post(q("age"), {"answer": "37"})
    assert response.url == reverse("questionnaire:review")
    answers = client.session["questionnaire"]["answers"]
    # Every answer stays, also the country given with "abroad, in Bosnia and Herzegovina".
    assert set(answers) == {*asked, "residence_country"}
    assert answers["residence_country"] == "BA"
    assert answers["age"] == 37
    assert answers["employer_uses_accelerated_procedure"] is True


def test_changing_an_answer_drops_what_no_longer_applies_and_asks_what_now_does(client):
    walk(client, DELIC)
    client.post(q("qualification"), {"answer": "none"})
    answers = client.session["questionnaire"]["answers"]
    # Without a qualification there is no recognition, and no skilled-worker route to speed up.
    assert "recognition" not in answers
    assert "employer_uses_accelerated_procedure" not in answers
    assert answers["age"] == 36
    # The Westbalkanregelung needs no qualification: its questions follow.
    asked_now = walk(client, DELIC)
    assert "recognition" not in asked_now
    assert client.session["questionnaire"]["answers"]["job_offer"] == "qualified"

    # With a partial recognition and no job offer, the Chancenkarte's points decide: German is
    # asked now, and the job's details are no longer.
    client.post(q("qualification"), {"answer": "vocational"})
    asked_now = walk(client, {**DELIC, **POINTS, "qualification": "vocational"})
    assert "recognition" in asked_now
    client.post(q("recognition"), {"answer": "partial"})
    client.post(q("job_offer"), {"answer": "none"})
    asked_now = walk(client, {**DELIC, **POINTS, "qualification": "vocational"})
    answers = client.session["questionnaire"]["answers"]
    assert "german_level" in answers
    assert "temp_agency_work" not in answers
    assert "annual_salary_eur" not in answers
    assert answers["age"] == 36


def test_the_back_link_of_a_question_leads_to_the_previous_one_asked(client):
    for question in ("nationality", "residence"):
        client.post(q(question), {"answer": DELIC[question]})
    text = client.get(q(current_question(client))).content.decode()
    assert f'class="back-link" href="{q("residence")}"' in text


def test_when_changing_from_the_check_page_back_leads_there(client):
    walk(client, DELIC)
    text = client.get(q("age")).content.decode()
    assert f'class="back-link" href="{reverse("questionnaire:review")}"' in text
    assert 'value="36"' in text


def test_the_result_shows_every_pathway_and_the_rules_date(client):
    walk(client, DELIC)
    response = client.get(reverse("questionnaire:result"))
    text = response.content.decode()
    assert response.status_code == 200
    for key in ("westbalkan", "skilled_worker", "accelerated_procedure", "opportunity_card"):
        assert f'id="pathway-{key}"' in text
    assert "Stand der Regeln:" in text
    assert "netzwerk-iq.de" in text


def test_the_result_is_not_shown_before_the_questions_are_answered(client):
    client.post(q("nationality"), {"answer": "BA"})
    response = client.get(reverse("questionnaire:result"))
    assert response.status_code == 302
    assert response.url == q("residence")


def test_the_result_in_english(client):
    client.cookies["django_language"] = "en"
    walk(client, KOSOVAR)
    text = client.get(reverse("questionnaire:result")).content.decode()
    assert "Your result" in text
    assert "Rules as of:" in text


# --- tampering -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"answer": "spaceship"}, "Bitte wählen Sie eine der angebotenen Antworten."),
        ({"answer": "abroad", "age": "99"}, "nicht von unserem Formular"),
        ({"answer": ["abroad", "germany_visa_free"]}, "nicht von unserem Formular"),
        ({"special": "never"}, "nicht von unserem Formular"),
        ({"answer": "x" * 500}, "höchstens 100 Zeichen"),
    ],
    ids=["unknown choice", "forged field", "repeated field", "button not offered", "too long"],
)
def test_a_tampered_answer_gets_a_clear_message_and_a_400(client, data, message):
    client.post(q("nationality"), {"answer": "BA"})
    response = client.post(q("residence"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert client.session["questionnaire"]["answers"] == {"nationality": "BA"}
    assert client.post(q("residence"), {"answer": "abroad"}).status_code == 302


def test_a_post_to_a_skipped_question_is_a_409_and_the_session_stays_usable(client):
    client.post(q("nationality"), {"answer": "BA"})
    response = client.post(q("german_level"), {"answer": "C2"})
    text = response.content.decode()
    assert response.status_code == 409
    assert "noch nicht an der Reihe" in text
    assert f'action="{q("residence")}"' in text
    assert "german_level" not in client.session["questionnaire"]["answers"]
    assert client.post(q("residence"), {"answer": "abroad"}).status_code == 302


def test_a_post_to_a_question_that_no_longer_applies_is_a_409(client):
    client.post(q("nationality"), {"answer": "FR"})
    response = client.post(q("age"), {"answer": "30"})
    assert response.status_code == 409
    assert "age" not in client.session["questionnaire"]["answers"]


def test_a_forged_answer_with_htmx_is_swapped_as_a_fragment(client):
    response = client.post(q("nationality"), {"answer": "ATLANTIS"}, **HTMX)
    assert response.status_code == 400
    assert "<html" not in response.content.decode()


def test_answers_expire_after_an_hour_without_activity(client):
    client.post(q("nationality"), {"answer": "BA"})
    assert client.session.get_expiry_age() == 60 * 60
    session = client.session
    session["questionnaire"] = {**session["questionnaire"], "touched": 0}
    session.save()
    assert current_question(client) == "nationality"


# --- save, resume, delete ------------------------------------------------------------------


def test_saving_gives_a_code_that_reopens_the_result_with_its_rules_version(client):
    walk(client, DELIC)
    response = client.post(reverse("questionnaire:save"))
    assert response.url == reverse("questionnaire:save")
    saved = SavedAnswers.objects.get()
    assert saved.answers["nationality"] == "BA"
    assert saved.result["pathways"]["skilled_worker"]["verdict"] == "eligible"
    assert saved.rules_version
    page = client.get(reverse("questionnaire:save")).content.decode()
    assert saved.code in page
    # The page links to where the code is typed; a link with the code would be a bearer secret.
    assert f"/check/r/{saved.code}/" not in page
    assert "/check/resume/" in page

    other = type(client)()
    other.post(reverse("questionnaire:resume"), {"code": saved.code})
    reopened = other.get(reverse("questionnaire:reopen", args=[saved.code])).content.decode()
    assert saved.rules_version in reopened
    assert 'id="pathway-skilled_worker"' in reopened
    response = other.post(reverse("questionnaire:reopen", args=[saved.code]))
    assert response.url == reverse("questionnaire:result")
    assert other.session["questionnaire"]["answers"]["age"] == 36


def test_saving_twice_keeps_the_same_code(client):
    walk(client, DELIC)
    client.post(reverse("questionnaire:save"))
    client.post(q("age"), {"answer": "37"})
    client.post(reverse("questionnaire:save"))
    saved = SavedAnswers.objects.get()
    assert saved.answers["age"] == 37


def test_an_unfinished_questionnaire_resumes_at_the_question_due(client):
    for question in ("nationality", "residence"):
        client.post(q(question), {"answer": DELIC[question]})
    due = current_question(client)
    client.post(reverse("questionnaire:save"))
    code = SavedAnswers.objects.get().code
    other = type(client)()
    response = other.post(reverse("questionnaire:resume"), {"code": code.lower()})
    assert response.url == reverse("questionnaire:reopen", args=[code])
    response = other.post(response.url)
    assert response.url == q(due)


def test_a_wrong_code_gets_a_clear_message(client):
    response = client.post(reverse("questionnaire:resume"), {"code": "ZZZZZZZZ"})
    assert response.status_code == 400
    assert "Fehler:" in response.content.decode()
    # The URL of a result alone looks nothing up: the page asks for the code.
    page = client.get(reverse("questionnaire:reopen", args=["ZZZZZZZZ"]))
    assert 'name="code"' in page.content.decode()


def test_delete_my_answers_removes_the_session_answers_and_the_saved_code(client):
    walk(client, KOSOVAR)
    client.post(reverse("questionnaire:save"))
    response = client.post(reverse("questionnaire:delete"))
    assert response.url == reverse("questionnaire:start")
    assert "questionnaire" not in client.session
    assert not SavedAnswers.objects.exists()


def test_a_question_page_needs_no_database_query_beyond_the_session(
    client, django_assert_max_num_queries
):
    client.post(q("nationality"), {"answer": "BA"})
    with django_assert_max_num_queries(2):
        client.get(q("residence"))


def test_the_points_person_is_not_asked_for_points_beyond_the_six_needed(client):
    # German B1, a partial recognition and age 36 make 7 points: the partner's and the stay's
    # points could add nothing to the Chancenkarte, so they are not asked ...
    asked = walk(client, POINTS)
    assert "partner_applies_too" not in asked
    assert "stay_germany_6_months_last5" not in asked
    text = client.get(reverse("questionnaire:result")).content.decode()
    assert "Chancenkarte" in text
    # ... unless the person asks to check the other ways too.
    assert client.post(reverse("questionnaire:more")).status_code == 302


@pytest.mark.parametrize(
    ("person", "most"),
    [(DELIC, 12), (INDIAN_ENGINEER, 12), (SERBIAN, 8)],
    ids=["Herr Delić", "software engineer with 52,000 €", "Serbian without a qualification"],
)
def test_the_personas_reach_their_result_in_few_questions(client, person, most):
    asked = walk(client, person)
    assert len(asked) <= most, asked
    page = client.get(reverse("questionnaire:result"))
    assert page.status_code == 200


def test_each_question_page_says_why_it_is_asked_and_at_most_how_many_follow(client):
    client.post(q("nationality"), {"answer": "RS"})
    text = client.get(q(current_question(client))).content.decode()
    assert "Warum fragen wir das?" in text
    assert "Westbalkanregelung" in text
    assert re.search(r"Frage 2 von höchstens \d+", text)
    # A Serbian living in Serbia answers where she lives and the country with one choice.
    assert 'value="abroad_home"' in text
    assert "Im Ausland, in Serbien" in text
