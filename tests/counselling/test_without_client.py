"""Group sessions and employers' consultations: logged without a client record, once per form,
scoped to the counsellor's centre, with errors that keep what was typed."""

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from counselling.models import Client, Consultation, ConsultationFormat
from tests.counselling.factory import make_counsellor, make_group_session, make_topic

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def group_session_form(token="group-1", **overrides):
    data = {
        "date": TODAY.isoformat(),
        "service_line": "recognition",
        "participants": "14",
        "channel": "in_person",
        "language": "de",
        "duration_minutes": "90",
        "note": "Infoabend im Familienzentrum",
        "submission_token": token,
    }
    data.update(overrides)
    return data


def employer_form(token="employer-1", **overrides):
    data = {
        "date": TODAY.isoformat(),
        "channel": "video",
        "language": "de",
        "duration_minutes": "60",
        "referrals": ["foreigners_office"],
        "next_steps": "Vorabzustimmung der BA prüfen",
        "submission_token": token,
    }
    data.update(overrides)
    return data


@pytest.fixture
def logged_in(client, counsellor_a):
    client.force_login(counsellor_a)
    return client


def test_a_group_session_is_saved_without_a_client_at_the_counsellors_centre(
    logged_in, counsellor_a
):
    topic = make_topic("recognition_procedure")
    response = logged_in.post(
        reverse("counselling:group_session"), group_session_form(topics=[topic.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("counselling:dashboard")
    session = Consultation.objects.get()
    role = counsellor_a.counselling_role
    assert (session.format, session.participants, session.client, session.is_first) == (
        "group", 14, None, None,
    )  # fmt: skip
    assert (session.network, session.centre, session.counsellor) == (
        role.network, role.centre, counsellor_a,
    )  # fmt: skip
    assert (session.service_line, session.duration_minutes) == ("recognition", 90)
    assert list(session.topics.all()) == [topic]
    assert not Client.objects.exists()


def test_the_dashboard_says_the_group_session_was_saved(logged_in):
    response = logged_in.post(
        reverse("counselling:group_session"), group_session_form(), follow=True,
        HTTP_ACCEPT_LANGUAGE="de",
    )  # fmt: skip
    assert "Die Gruppenberatung wurde gespeichert." in response.content.decode()


def test_an_employer_consultation_is_saved_without_a_client_in_the_employers_line(
    logged_in, counsellor_a
):
    topic = make_topic("recruitment_abroad", "employers")
    response = logged_in.post(
        reverse("counselling:employer_consultation"),
        employer_form(topics=[topic.pk], service_line="fair_integration", participants="9"),
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert (consultation.format, consultation.service_line) == ("employer", "employers")
    assert (consultation.client, consultation.is_first, consultation.participants) == (
        None, None, 1,
    )  # fmt: skip
    assert consultation.centre == counsellor_a.counselling_role.centre
    assert consultation.referrals == ["foreigners_office"]
    assert list(consultation.topics.all()) == [topic]


@pytest.mark.parametrize(
    ("url_name", "form"),
    [
        ("counselling:group_session", group_session_form),
        ("counselling:employer_consultation", employer_form),
    ],
    ids=["group session", "employer consultation"],
)
def test_a_form_posted_twice_creates_one_consultation(logged_in, url_name, form):
    first = logged_in.post(reverse(url_name), form(token="same"))
    second = logged_in.post(reverse(url_name), form(token="same"))
    assert Consultation.objects.count() == 1
    assert first.status_code == second.status_code == 302


@pytest.mark.parametrize(
    ("participants", "message"),
    [
        ("", "Geben Sie die Zahl der Teilnehmenden an."),
        ("0", "Geben Sie eine Zahl der Teilnehmenden zwischen 1 und 500 an."),
        ("-3", "Geben Sie eine Zahl der Teilnehmenden zwischen 1 und 500 an."),
        ("501", "Geben Sie eine Zahl der Teilnehmenden zwischen 1 und 500 an."),
        ("viele", "Geben Sie die Zahl der Teilnehmenden in Ziffern an, zum Beispiel 12."),
    ],
)
def test_a_wrong_number_of_participants_answers_400_in_german_and_keeps_the_input(
    logged_in, participants, message
):
    response = logged_in.post(
        reverse("counselling:group_session"),
        group_session_form(participants=participants, duration_minutes="1"),
        HTTP_ACCEPT_LANGUAGE="de",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Fehler:" in html
    assert message in html
    assert 'href="#id_participants"' in html
    assert "Infoabend im Familienzentrum" in html
    assert 'value="1"' in html
    assert "Geben Sie eine Dauer zwischen 5 und 600 Minuten an." in html
    assert not Consultation.objects.exists()


def test_the_group_form_asks_for_participants_with_an_empty_field(logged_in):
    html = logged_in.get(reverse("counselling:group_session")).content.decode()
    assert '<input type="number" name="participants"' in html
    assert 'name="participants" value=' not in html


def test_the_employer_form_offers_only_recognition_and_employer_topics(logged_in):
    employers = make_topic("recruitment_abroad", "employers")
    recognition = make_topic("recognition_procedure")
    wages = make_topic("wages", "fair_integration")
    form = logged_in.get(reverse("counselling:employer_consultation")).context["form"]
    assert set(form.fields["topics"].queryset) == {employers, recognition}
    assert "service_line" not in form.fields
    response = logged_in.post(
        reverse("counselling:employer_consultation"), employer_form(topics=[wages.pk])
    )
    assert response.status_code == 400
    assert 'href="#id_topics_0"' in response.content.decode()


def test_each_rendered_group_form_carries_a_fresh_token(logged_in):
    url = reverse("counselling:group_session")
    tokens = {logged_in.get(url).context["form"].initial["submission_token"] for _ in range(2)}
    assert len(tokens) == 2


def test_the_dashboard_links_to_both_forms(logged_in):
    html = logged_in.get(reverse("counselling:dashboard"), HTTP_ACCEPT_LANGUAGE="de").content
    html = html.decode()
    assert f'href="{reverse("counselling:group_session")}">Gruppenberatung erfassen' in html
    assert (
        f'href="{reverse("counselling:employer_consultation")}">Arbeitgeberberatung erfassen'
        in html
    )


def test_a_future_date_is_refused_for_a_group_session(logged_in):
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = logged_in.post(
        reverse("counselling:group_session"), group_session_form(date=tomorrow)
    )
    assert response.status_code == 400
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"format": ConsultationFormat.INDIVIDUAL},
        {"format": ConsultationFormat.EMPLOYER, "service_line": "recognition"},
        {"format": ConsultationFormat.EMPLOYER, "service_line": "employers", "participants": 3},
    ],
    ids=["individual without client", "employer outside its line", "employer with 3 people"],
)
def test_the_database_refuses_inconsistent_consultations_without_a_client(centre_a, fields):
    with pytest.raises(IntegrityError):
        Consultation.objects.create(network=centre_a.network, centre=centre_a, date=TODAY, **fields)


def test_the_database_refuses_a_group_session_with_a_client(centre_a, client_of_a):
    with pytest.raises(IntegrityError):
        Consultation.objects.create(
            network=centre_a.network, centre=centre_a, date=TODAY, client=client_of_a,
            format=ConsultationFormat.GROUP, participants=8,
        )  # fmt: skip


def test_the_dashboard_lists_the_sessions_the_counsellor_logged_last_and_no_one_elses(
    logged_in, centre_a, centre_b, counsellor_b, django_assert_max_num_queries
):
    make_group_session(centre_b, TODAY, 30, counsellor=counsellor_b)
    make_group_session(centre_a, TODAY, 31, counsellor=make_counsellor(centre_a))
    for n in range(7):
        logged_in.post(reverse("counselling:group_session"), group_session_form(
            token=f"t{n}", participants=str(10 + n), topics=[make_topic("funding").pk],
        ))  # fmt: skip
    with django_assert_max_num_queries(8):
        html = logged_in.get(reverse("counselling:dashboard"), HTTP_ACCEPT_LANGUAGE="de")
    html = html.content.decode()
    assert html.count("16 Teilnehmende") == 1
    assert [f"{n} Teilnehmende" in html for n in range(10, 17)] == [False] * 2 + [True] * 5
    assert "30 Teilnehmende" not in html
    assert "31 Teilnehmende" not in html
    assert "(funding)" in html
