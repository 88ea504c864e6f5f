import datetime

import pytest
from django.urls import reverse

from counselling.models import AccessLog

from .factory import make_client, make_consultation, make_network


@pytest.fixture
def client_record(db):
    return make_client(make_network("hessen"))


def test_opening_a_client_in_the_admin_is_logged(admin_client, admin_user, client_record):
    url = reverse("admin:counselling_client_change", args=[client_record.pk])
    assert admin_client.get(url).status_code == 200
    entry = AccessLog.objects.get(action="view")
    assert (entry.user, entry.client) == (admin_user, client_record)
    assert entry.detail == f"admin client {client_record.pk}"


def test_opening_a_consultation_in_the_admin_logs_its_client(admin_client, client_record):
    consultation = make_consultation(client_record, datetime.date(2026, 3, 2))
    url = reverse("admin:counselling_consultation_change", args=[consultation.pk])
    assert admin_client.get(url).status_code == 200
    assert AccessLog.objects.get(action="view").client == client_record


def test_listing_clients_in_the_admin_is_logged_as_a_search(admin_client, client_record):
    assert admin_client.get(reverse("admin:counselling_client_changelist")).status_code == 200
    assert AccessLog.objects.filter(
        action="search", detail__startswith="admin client list"
    ).exists()
