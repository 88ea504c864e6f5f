"""The audit log: append-only in PostgreSQL, and it records reads, refusals and exports."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from counselling.audit import code_hash
from counselling.models import AccessLog
from pathways.models import SavedAnswers
from tests.counselling.factory import make_coordinator, make_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(counsellor_a, client_of_a):
    return AccessLog.objects.record(counsellor_a, "view", client_of_a)


def test_the_application_cannot_change_an_entry(entry):
    assert connection.vendor == "postgresql"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessLog.objects.filter(pk=entry.pk).update(detail="nothing happened")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE counselling_accesslog SET action = 'search'")
    entry.refresh_from_db()
    assert (entry.action, entry.detail) == ("view", "")


def test_the_application_cannot_delete_an_entry_within_the_retention_floor(entry):
    with pytest.raises(DatabaseError, match="365 days"), transaction.atomic():
        AccessLog.objects.filter(pk=entry.pk).delete()
    assert AccessLog.objects.filter(pk=entry.pk).exists()


def test_entries_past_the_floor_can_be_deleted(counsellor_a):
    old = AccessLog.objects.create(
        at=timezone.now() - datetime.timedelta(days=400), username="x", action="view"
    )
    AccessLog.objects.filter(pk=old.pk).delete()
    assert not AccessLog.objects.filter(pk=old.pk).exists()


def test_deleting_a_client_leaves_its_entries_as_they_were(entry, client_of_a):
    code = client_of_a.code
    client_of_a.delete()
    entry = AccessLog.objects.get(pk=entry.pk)
    assert entry.client_code == code


def test_reading_answers_by_questionnaire_code_is_logged_without_the_code(client, counsellor_a):
    SavedAnswers.objects.create(
        code="7H3Q9DKM", answers={"age": 30}, result={}, rules_version="x",
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )  # fmt: skip
    client.force_login(counsellor_a)
    client.get(reverse("counselling:first_consultation"), {"questionnaire": "7h3q-9dkm"})
    entry = AccessLog.objects.get(action="import")
    assert code_hash("7H3Q9DKM") in entry.detail
    assert "7H3Q9DKM" not in entry.detail


def test_an_anonymous_reopening_is_logged(client, db):
    SavedAnswers.objects.create(
        code="7H3Q9DKM", answers={"age": 30}, result={}, rules_version="x",
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )  # fmt: skip
    # Typing the code opens the answers (the result URL alone shows nothing).
    client.post(reverse("questionnaire:resume"), {"code": "7H3Q9DKM"})
    entry = AccessLog.objects.get(action="reopen")
    assert entry.user_id is None
    assert entry.username == ""
    assert entry.detail == f"questionnaire {code_hash('7H3Q9DKM')}"


def test_an_export_is_logged(client, coordinator_a):
    client.force_login(coordinator_a)
    response = client.get(
        reverse("counselling:export", args=["summary", "csv"]),
        {"start": "2025-01-01", "end": "2025-06-30"},
    )
    assert response.status_code == 200
    entry = AccessLog.objects.get(action="export")
    assert entry.detail.startswith("figures summary.csv")
    assert entry.network == coordinator_a.counselling_role.network


def test_a_refused_look_at_other_figures_is_logged(client, coordinator_a, network_b):
    client.force_login(coordinator_a)
    response = client.get(reverse("counselling:figures"), {"network": network_b.slug})
    assert response.status_code == 404
    assert AccessLog.objects.get().action == "refused"


def test_a_coordinator_reads_the_log_of_their_network_only(
    client, coordinator_a, counsellor_a, client_of_a, counsellor_b, client_of_b
):
    AccessLog.objects.record(counsellor_a, "view", client_of_a)
    AccessLog.objects.record(counsellor_b, "view", client_of_b)
    client.force_login(coordinator_a)
    page = client.get(reverse("counselling:audit_log"))
    html = page.content.decode()
    assert page.status_code == 200
    assert client_of_a.code in html
    assert client_of_b.code not in html
    assert "no-store" in page.headers["Cache-Control"]


def test_counsellors_and_other_coordinators_do_not_read_the_log(
    client, counsellor_a, client_of_a
):
    AccessLog.objects.record(counsellor_a, "view", client_of_a)
    client.force_login(counsellor_a)
    assert client.get(reverse("counselling:audit_log")).status_code == 403
    other = make_coordinator(make_network("elsewhere"))
    client.force_login(other)
    page = client.get(reverse("counselling:audit_log"))
    assert page.status_code == 200
    assert client_of_a.code not in page.content.decode()
    assert "1 Eintrag" in page.content.decode()  # their own reading of the log
