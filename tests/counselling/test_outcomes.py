"""Dated recognition outcomes: the services date every change at its consultation, the data
migration dates the outcomes recorded before, and the client's page shows them."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from counselling.models import Client, Consultation, RecognitionOutcomeChange
from tests.counselling.factory import make_centre, make_client, make_consultation
from tests.counselling.test_logging import first_consultation_form, follow_up_form

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def logged_in(client, counsellor_a):
    client.force_login(counsellor_a)
    return client


def changes_of(person):
    return list(
        person.outcome_changes.in_order().values_list("outcome", "date", "consultation__date")
    )


def test_a_first_consultation_dates_the_outcome_it_records(logged_in, counsellor_a):
    form = first_consultation_form(date="2025-03-04", **{"client-reference_occupation": ""})
    logged_in.post(reverse("counselling:first_consultation"), form)
    person = Client.objects.get()
    change = person.outcome_changes.get()
    assert (change.outcome, change.date) == ("open", D(2025, 3, 4))
    assert change.consultation == person.consultations.get()
    assert change.recorded_by == counsellor_a
    assert change.network == person.network


def test_a_follow_up_that_changes_the_outcome_dates_the_change(logged_in, client_of_a):
    make_consultation(client_of_a, D(2025, 1, 10))
    url = reverse("counselling:follow_up", args=[client_of_a.code])
    logged_in.post(url, follow_up_form(date="2025-04-01"))
    assert changes_of(client_of_a) == [
        ("not_applied", D(2025, 1, 10), D(2025, 1, 10)),
        ("partial", D(2025, 4, 1), D(2025, 4, 1)),
    ]


def test_a_follow_up_that_keeps_the_outcome_records_no_change(logged_in, client_of_a):
    make_consultation(client_of_a, D(2025, 1, 10))
    url = reverse("counselling:follow_up", args=[client_of_a.code])
    logged_in.post(url, follow_up_form(**{"client-recognition_outcome": "not_applied"}))
    assert client_of_a.consultations.count() == 2
    assert changes_of(client_of_a) == [("not_applied", D(2025, 1, 10), D(2025, 1, 10))]


def test_a_follow_up_posted_twice_dates_its_change_once(logged_in, client_of_a):
    make_consultation(client_of_a, D(2025, 1, 10))
    url = reverse("counselling:follow_up", args=[client_of_a.code])
    for _ in range(2):
        logged_in.post(url, follow_up_form(token="same", date="2025-04-01"))
    assert [outcome for outcome, _d, _c in changes_of(client_of_a)] == ["not_applied", "partial"]


def test_the_client_page_shows_the_dated_outcomes(logged_in, client_of_a):
    make_consultation(client_of_a, D(2025, 1, 10))
    client_of_a.recognition_outcome = "open"
    make_consultation(client_of_a, D(2025, 2, 20))
    html = logged_in.get(
        reverse("counselling:client", args=[client_of_a.code]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert '<ol class="outcome-history"' in html
    assert html.index('datetime="2025-02-20">') < html.index('datetime="2025-01-10">')


def test_a_counsellor_of_another_network_sees_no_outcomes_of_a_client(
    client, counsellor_b, client_of_a
):
    make_consultation(client_of_a, D(2025, 1, 10))
    client.force_login(counsellor_b)
    assert client.get(reverse("counselling:client", args=[client_of_a.code])).status_code == 404
    assert not RecognitionOutcomeChange.objects.visible_to(counsellor_b).exists()


def run_data_migration():
    migration = importlib.import_module("counselling.migrations.0003_dated_recognition_outcomes")
    migration.date_current_outcomes(apps, SimpleNamespace(connection=connection))


def test_the_data_migration_dates_each_clients_outcome_at_its_first_consultation(network_a):
    centre = make_centre(network_a)
    counselled = make_client(network_a, recognition_outcome="partial")
    for day in (D(2024, 5, 2), D(2023, 9, 1)):
        Consultation.objects.create(client=counselled, network=network_a, centre=centre, date=day)
    never = make_client(network_a, recognition_outcome="open")
    run_data_migration()
    assert changes_of(counselled) == [("partial", D(2023, 9, 1), D(2023, 9, 1))]
    change = never.outcome_changes.get()
    assert (change.outcome, change.consultation) == ("open", None)
    assert change.date == timezone.localdate(never.created_at)
    assert change.recorded_by is None
