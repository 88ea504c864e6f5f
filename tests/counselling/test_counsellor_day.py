"""A counsellor's day: one client per person, corrections with versions, what carries over from
one consultation to the next, dates typed as words, defaults and specific messages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from counselling import reports
from counselling.forms import ConsultationForm, recent_defaults
from counselling.models import Client, Consultation, Network
from pathways.models import SavedAnswers
from tests.counselling.factory import make_client, make_consultation, make_counsellor
from tests.counselling.test_logging import first_consultation_form, follow_up_form

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
TOKEN = "t" * 24


@pytest.fixture(autouse=True)
def doctor(db):
    from tests.counselling.factory import make_occupation

    return make_occupation("doctor", "Arzt/Ärztin", regulated=True, isco="221")


@pytest.fixture
def logged_in(client, counsellor_a):
    client.force_login(counsellor_a)
    return client


@pytest.fixture
def saved(db):
    return SavedAnswers.objects.create(
        code="7H3Q9DKM",
        answers={"nationality": "SY", "age": 34, "german_level": "B1", "english_level": "none"},
        result={"rules_version": "2026-03", "pathways": []},
        rules_version="2026-03",
        language="ar",
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )


def test_a_second_import_of_one_code_offers_the_client_it_was_imported_for(logged_in, saved):
    url = reverse("counselling:first_consultation") + "?questionnaire=7H3Q9DKM"
    logged_in.post(url, first_consultation_form(questionnaire_code="7H3Q9DKM"))
    first = Client.objects.get()
    page = logged_in.get(url)
    assert page.status_code == 200
    assert page.templates[0].name == "counselling/same_person.html"
    text = page.content.decode()
    assert "Ist das dieselbe Person?" in text
    follow_up = reverse("counselling:follow_up", args=[first.code]) + "?questionnaire=7H3Q9DKM"
    assert follow_up in text
    assert Client.objects.count() == 1
    other = logged_in.get(url + "&new_person=1")
    assert other.templates[0].name == "counselling/consultation_form.html"


def test_a_new_client_like_one_seen_at_the_centre_this_year_asks_same_person_first(
    logged_in, network_a, centre_a, doctor
):
    known = make_client(network_a, birth_year=1988, nationality="SY", reference_occupation=doctor)
    make_consultation(known, TODAY - datetime.timedelta(days=40), centre=centre_a)
    url = reverse("counselling:first_consultation")
    asked = logged_in.post(url, first_consultation_form(token="a" * 20))
    assert asked.status_code == 200
    assert "Ist das dieselbe Person?" in asked.content.decode()
    assert [c.code for c in asked.context["candidates"]] == [known.code]
    assert Client.objects.count() == 1
    same = logged_in.post(url, first_consultation_form(token="b" * 20, same_as=known.code))
    assert same.status_code == 302
    assert Client.objects.count() == 1
    assert known.consultations.count() == 2
    assert known.consultations.order_by("date").last().is_first is False
    new = logged_in.post(url, first_consultation_form(token="c" * 20, new_person="1"))
    assert new.status_code == 302
    assert Client.objects.count() == 2


def test_a_client_seen_more_than_12_months_ago_or_elsewhere_is_not_asked_about(
    logged_in, network_a, centre_a, doctor
):
    old = make_client(network_a, birth_year=1988, nationality="SY", reference_occupation=doctor)
    make_consultation(old, TODAY - datetime.timedelta(days=400), centre=centre_a)
    unknown_job = make_client(network_a, birth_year=1988, nationality="SY")
    make_consultation(unknown_job, TODAY, centre=centre_a)
    response = logged_in.post(reverse("counselling:first_consultation"), first_consultation_form())
    assert response.status_code == 302
    assert Client.objects.count() == 3


def test_an_edited_consultation_keeps_its_earlier_version_and_changes_the_figures(
    logged_in, counsellor_a, network_a
):
    logged_in.post(reverse("counselling:first_consultation"), first_consultation_form())
    consultation = Consultation.objects.get()
    networks = Network.objects.filter(pk=network_a.pk)

    def in_person_and_by_phone():
        table = reports.figures(networks, TODAY.replace(day=1), TODAY, suppressed=False).table(
            "channels"
        )
        rows = {label: [cell.value for cell in cells] for label, cells in table.rows}
        return rows["Persönlich"][0], rows["Telefonisch"][0]

    assert in_person_and_by_phone() == (1, 0)
    url = reverse("counselling:consultation_edit", args=[consultation.pk])
    form = logged_in.get(url)
    assert form.status_code == 200
    data = {
        "date": TODAY.strftime("%d.%m.%Y"), "service_line": "recognition", "channel": "phone",
        "language": "ar", "duration_minutes": "45", "referrals": ["recognition_authority"],
        "next_steps": "Unterlagen übersetzen lassen", "note": "Telefonisch, nicht persönlich",
    }  # fmt: skip
    response = logged_in.post(url, data)
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert (consultation.channel, consultation.note) == ("phone", "Telefonisch, nicht persönlich")
    versions = list(consultation.versions.order_by("history_date"))
    assert [v.channel for v in versions] == ["in_person", "phone"]
    assert [v.history_user for v in versions] == [counsellor_a, counsellor_a]
    assert versions[0].note == ""
    assert in_person_and_by_phone() == (0, 1)
    page = logged_in.get(url)
    assert page.content.decode().count("<li><time") == 2


def test_sending_a_saved_form_again_with_a_change_corrects_it(logged_in):
    url = reverse("counselling:first_consultation")
    logged_in.post(url, first_consultation_form(token=TOKEN))
    again = logged_in.post(url, first_consultation_form(token=TOKEN, note="Nachtrag"), follow=True)
    assert "Die Korrektur wurde gespeichert" in again.content.decode()
    consultation = Consultation.objects.get()
    assert consultation.note == "Nachtrag"
    assert consultation.versions.count() == 2
    assert Client.objects.count() == 1


def test_only_the_counsellor_corrects_and_only_within_the_period(
    client, logged_in, counsellor_a, centre_a, client_of_a, settings
):
    mine = make_consultation(client_of_a, TODAY, counsellor=counsellor_a)
    colleague = make_counsellor(centre_a)
    client.force_login(colleague)
    assert client.get(reverse("counselling:consultation_edit", args=[mine.pk])).status_code == 403
    client.force_login(counsellor_a)
    settings.COUNSELLING_CORRECTION_DAYS = 30
    Consultation.objects.filter(pk=mine.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    response = client.get(reverse("counselling:consultation_edit", args=[mine.pk]))
    assert response.status_code == 403
    assert "nicht mehr korrigiert" in response.content.decode()


def test_a_corrected_date_moves_the_first_consultation_and_its_outcome(
    logged_in, counsellor_a, client_of_a
):
    first = make_consultation(client_of_a, TODAY - datetime.timedelta(days=10))
    later = make_consultation(client_of_a, TODAY - datetime.timedelta(days=5),
                              counsellor=counsellor_a)  # fmt: skip
    earlier = (TODAY - datetime.timedelta(days=20)).isoformat()
    data = {"date": earlier, "service_line": "recognition", "channel": "in_person",
            "language": "de", "duration_minutes": "45"}  # fmt: skip
    logged_in.post(reverse("counselling:consultation_edit", args=[later.pk]), data)
    later.refresh_from_db()
    first.refresh_from_db()
    assert (later.is_first, first.is_first) == (True, False)


@pytest.mark.parametrize(
    ("typed", "days_back"),
    [("heute", 0), ("h", 0), ("Today", 0), ("gestern", 1), ("g", 1), ("yesterday", 1)],
)
def test_a_date_can_be_typed_as_a_word(typed, days_back):
    form = ConsultationForm({"date": typed, "service_line": "recognition", "channel": "phone",
                             "language": "de", "duration_minutes": "30"})  # fmt: skip
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == TODAY - datetime.timedelta(days=days_back)


def test_a_day_and_month_mean_this_year_and_nonsense_gets_a_plain_message():
    base = {"service_line": "recognition", "channel": "phone", "language": "de",
            "duration_minutes": "30"}  # fmt: skip
    form = ConsultationForm({**base, "date": "1.1."})
    assert form.is_valid()
    assert form.cleaned_data["date"] == datetime.date(TODAY.year, 1, 1)
    wrong = ConsultationForm({**base, "date": "morgen früh"})
    assert not wrong.is_valid()
    assert "zum Beispiel 14.03.2026" in wrong.errors["date"][0]


def test_every_required_field_says_what_is_missing(logged_in):
    response = logged_in.post(
        reverse("counselling:first_consultation"),
        {"submission_token": "x", "client-gender": "", "client-residence_status": "",
         "client-recognition_outcome": ""},
    )  # fmt: skip
    assert response.status_code == 400
    errors = {**response.context["form"].errors, **response.context["client_form"].errors}
    assert errors["date"] == ["Geben Sie das Datum der Beratung an, zum Beispiel „heute“."]
    assert errors["channel"] == ["Wählen Sie, wie beraten wurde."]
    assert errors["language"] == ["Wählen Sie die Sprache der Beratung."]
    assert errors["service_line"] == ["Wählen Sie den Beratungsbereich."]
    assert errors["duration_minutes"][0].startswith("Geben Sie an, wie viele Minuten")
    assert errors["gender"] == ["Wählen Sie das Geschlecht oder „keine Angabe“."]
    assert errors["residence_status"] == ["Wählen Sie den Aufenthaltsstatus oder „Nicht bekannt“."]
    assert errors["recognition_outcome"] == ["Wählen Sie den Stand der Anerkennung."]
    assert "Dieses Feld ist zwingend erforderlich." not in response.content.decode()


def test_the_form_starts_from_the_counsellors_usual_choices(logged_in, counsellor_a, client_of_a):
    for day, channel in ((1, "phone"), (2, "phone"), (3, "video")):
        make_consultation(client_of_a, TODAY - datetime.timedelta(days=day),
                          counsellor=counsellor_a, channel=channel, language="uk",
                          duration_minutes=60)  # fmt: skip
    initial = logged_in.get(reverse("counselling:first_consultation")).context["form"].initial
    assert (initial["channel"], initial["language"], initial["duration_minutes"]) == (
        "phone", "uk", 60,
    )  # fmt: skip
    assert recent_defaults([]) == {}


def test_referrals_and_next_steps_show_on_the_client_page_and_in_the_follow_up(
    logged_in, client_of_a
):
    make_consultation(client_of_a, TODAY - datetime.timedelta(days=3), language="uk",
                      referrals=["jobcenter"], next_steps="Zeugnisse übersetzen")  # fmt: skip
    page = logged_in.get(reverse("counselling:client", args=[client_of_a.code])).content.decode()
    assert "Jobcenter" in page
    assert "Zeugnisse übersetzen" in page
    follow_up = logged_in.get(reverse("counselling:follow_up", args=[client_of_a.code]))
    text = follow_up.content.decode()
    assert 'id="carried-heading"' in text
    assert "Jobcenter" in text.split('id="carried-heading"')[1].split("</section>")[0]
    assert follow_up.context["form"].initial["language"] == "uk"


def test_an_import_prefills_languages_and_says_the_birth_year_comes_from_the_age(logged_in, saved):
    page = logged_in.get(reverse("counselling:first_consultation"), {"questionnaire": saved.code})
    assert page.context["client_form"].initial["languages"] == ["ar", "de"]
    text = page.content.decode()
    year = TODAY.year - 34
    assert f"Geburtsjahr {year} aus dem Alter im Fragebogen errechnet" in text


def test_a_follow_up_form_posted_again_unchanged_still_creates_one_consultation(
    logged_in, client_of_a
):
    make_consultation(client_of_a, TODAY - datetime.timedelta(days=3))
    url = reverse("counselling:follow_up", args=[client_of_a.code])
    logged_in.post(url, follow_up_form(token=TOKEN))
    logged_in.post(url, follow_up_form(token=TOKEN))
    assert client_of_a.consultations.count() == 2
