"""Logging first and follow-up consultations: derived kind, double submit, access log, search."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from counselling.models import AccessLog, Client, Consultation
from tests.counselling.factory import make_client, make_consultation, make_occupation, make_topic

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def first_consultation_form(token="token-1", **overrides):
    data = {
        "client-birth_year": "1988",
        "client-gender": "female",
        "client-nationality": "Syrien",
        "client-qualification_country": "Syria",
        "client-residence_status": "residence_permit",
        "client-entry_year": "2016",
        "client-flight_background": "yes",
        "client-languages": ["ar", "de"],
        "client-reference_occupation": "Arzt/Ärztin",
        "client-occupation_regulated": "",
        "client-recognition_outcome": "open",
        "date": TODAY.isoformat(),
        "service_line": "recognition",
        "channel": "in_person",
        "language": "ar",
        "duration_minutes": "45",
        "referrals": ["recognition_authority"],
        "next_steps": "Unterlagen übersetzen lassen",
        "note": "",
        "submission_token": token,
    }
    data.update(overrides)
    return data


def follow_up_form(token="token-2", **overrides):
    data = {
        "client-recognition_outcome": "partial",
        "date": TODAY.isoformat(),
        "service_line": "recognition",
        "channel": "phone",
        "language": "de",
        "duration_minutes": "30",
        "submission_token": token,
    }
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def doctor(db):
    return make_occupation("doctor", "Arzt/Ärztin", regulated=True, isco="221")


@pytest.fixture
def logged_in(client, counsellor_a):
    client.force_login(counsellor_a)
    return client


def test_a_new_clients_consultation_is_saved_as_their_first(logged_in, counsellor_a, doctor):
    topic = make_topic("recognition_procedure")
    response = logged_in.post(
        reverse("counselling:first_consultation"), first_consultation_form(topics=[topic.pk])
    )
    person = Client.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("counselling:client", args=[person.code])
    consultation = person.consultations.get()
    assert consultation.is_first is True
    assert (person.nationality, person.qualification_country) == ("SY", "SY")
    assert person.reference_occupation == doctor
    assert person.occupation_regulated is True
    assert person.network == counsellor_a.counselling_role.network
    assert consultation.centre == counsellor_a.counselling_role.centre
    assert consultation.counsellor == counsellor_a
    assert list(consultation.topics.all()) == [topic]
    assert AccessLog.objects.get().action == "create"


def test_a_follow_up_for_an_existing_client_is_a_follow_up(logged_in, client_of_a):
    first = make_consultation(client_of_a, TODAY - datetime.timedelta(days=30))
    response = logged_in.post(
        reverse("counselling:follow_up", args=[client_of_a.code]), follow_up_form()
    )
    assert response.status_code == 302
    follow_up = client_of_a.consultations.exclude(pk=first.pk).get()
    assert follow_up.is_first is False
    client_of_a.refresh_from_db()
    assert client_of_a.recognition_outcome == "partial"


def test_a_backdated_consultation_becomes_the_first_and_the_former_first_a_follow_up(
    client_of_a,
):
    later = make_consultation(client_of_a, datetime.date(2025, 5, 1))
    earlier = make_consultation(client_of_a, datetime.date(2025, 2, 1))
    later.refresh_from_db()
    assert (earlier.is_first, later.is_first) == (True, False)


def test_the_follow_up_form_shows_the_earlier_history(logged_in, client_of_a):
    make_consultation(client_of_a, datetime.date(2025, 2, 3), next_steps="Zeugnisse beglaubigen")
    page = logged_in.get(reverse("counselling:follow_up", args=[client_of_a.code]))
    html = page.content.decode()
    assert "Zeugnisse beglaubigen" in html
    assert 'datetime="2025-02-03"' in html
    assert AccessLog.objects.filter(client=client_of_a, action="view").count() == 1


def test_a_form_posted_twice_creates_one_consultation_and_one_client(logged_in, doctor):
    url = reverse("counselling:first_consultation")
    first = logged_in.post(url, first_consultation_form(token="same"))
    second = logged_in.post(url, first_consultation_form(token="same"))
    assert Consultation.objects.count() == 1
    assert Client.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_follow_up_posted_twice_creates_one_consultation(logged_in, client_of_a):
    url = reverse("counselling:follow_up", args=[client_of_a.code])
    logged_in.post(url, follow_up_form(token="again"))
    logged_in.post(url, follow_up_form(token="again"))
    assert client_of_a.consultations.count() == 1


def test_each_rendered_form_carries_a_fresh_token(logged_in):
    url = reverse("counselling:first_consultation")
    tokens = {logged_in.get(url).context["form"].initial["submission_token"] for _ in range(2)}
    assert len(tokens) == 2


def test_a_form_with_errors_answers_400_in_german_and_keeps_what_was_typed(logged_in):
    data = first_consultation_form(**{"client-nationality": "Atlantis", "duration_minutes": "2"})
    response = logged_in.post(
        reverse("counselling:first_consultation"), data, HTTP_ACCEPT_LANGUAGE="de"
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Fehler:" in html
    assert 'value="Atlantis"' in html
    assert 'href="#id_client-nationality"' in html
    assert "Geben Sie ein Land mit seinem Namen an" in html
    assert not Consultation.objects.exists()


def test_a_future_date_is_refused(logged_in):
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = logged_in.post(
        reverse("counselling:first_consultation"), first_consultation_form(date=tomorrow)
    )
    assert response.status_code == 400
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Syrien", "SY"), ("syria", "SY"), ("Türkei", "TR"), ("Kosovo", "XK"), ("UA", "UA")],
)
def test_countries_are_typed_by_german_or_english_name(logged_in, typed, code):
    logged_in.post(
        reverse("counselling:first_consultation"),
        first_consultation_form(**{"client-nationality": typed}),
    )
    assert Client.objects.get().nationality == code


def test_searching_an_exact_code_as_typed_opens_the_client(logged_in, client_of_a):
    typed = f" {client_of_a.code[:4].lower()}-{client_of_a.code[4:]} "
    response = logged_in.get(reverse("counselling:client_search"), {"q": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("counselling:client", args=[client_of_a.code])


def test_htmx_search_answers_with_the_results_fragment_only(logged_in, client_of_a):
    response = logged_in.get(
        reverse("counselling:client_search"), {"q": client_of_a.code[:3]}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert client_of_a.code in html
    assert "HX-Request" in response["Vary"]
    assert AccessLog.objects.get().action == "search"


def test_the_country_type_ahead_suggests_german_names(logged_in):
    response = logged_in.get(
        reverse("counselling:country_options"),
        {"client-nationality": "syr"},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.content.decode().startswith('<datalist id="country-options">')
    assert '<option value="Syrien">' in response.content.decode()


def test_the_occupation_type_ahead_suggests_reference_occupations(logged_in, doctor):
    response = logged_in.get(
        reverse("counselling:occupation_options"), {"client-reference_occupation": "arz"}
    )
    assert '<option value="Arzt/Ärztin">' in response.content.decode()


def test_the_client_page_needs_few_queries_however_long_the_history(
    logged_in, client_of_a, django_assert_max_num_queries
):
    topic = make_topic("qualification")
    for day in range(1, 21):
        make_consultation(client_of_a, datetime.date(2025, 1, day), topics=[topic])
    with django_assert_max_num_queries(12):
        response = logged_in.get(reverse("counselling:client", args=[client_of_a.code]))
    assert response.content.decode().count("history__item") == 20


def test_a_client_needs_no_name_and_gets_a_code(logged_in):
    logged_in.post(reverse("counselling:first_consultation"), first_consultation_form())
    person = Client.objects.get()
    assert len(person.code) == 8
    assert person.code.startswith("K")
    assert not hasattr(person, "name")


def test_without_a_centre_network_client_lists_stay_empty_for_a_fresh_counsellor(
    logged_in, network_b
):
    make_client(network_b, nationality="DE")
    response = logged_in.get(reverse("counselling:client_search"), {"q": "K"})
    assert response.context["clients"] == []
