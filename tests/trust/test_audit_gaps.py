"""Audit gaps of issue 14, checked against PostgreSQL: the application's database role can
only add to the log; reads of saved answers, refusals and exports are logged."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from counselling.models import AccessLog
from tests.counselling.factory import make_consultation

pytestmark = pytest.mark.django_db
APP_ROLE = "iqportal_app_test"


@pytest.fixture
def as_application_role(counsellor_a, client_of_a):
    """An entry, then the connection as a role like the application's in production: it may
    SELECT, INSERT, UPDATE and DELETE every table (the usual grant) but owns none. Created in
    the test's transaction, so it is gone afterwards."""
    entry = AccessLog.objects.record(counsellor_a, "view", client_of_a)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {APP_ROLE} NOLOGIN")
        cursor.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}"
        )
        cursor.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")
        cursor.execute(f"SET ROLE {APP_ROLE}")
    yield entry
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


@pytest.mark.parametrize(
    ("statement", "refusal"),
    [
        ("UPDATE counselling_accesslog SET detail = 'x'", "append-only"),
        ("DELETE FROM counselling_accesslog", "365 days"),
        ("TRUNCATE counselling_accesslog", "permission denied"),
    ],
)
def test_the_application_role_cannot_change_or_remove_entries(as_application_role, statement,
                                                              refusal):  # fmt: skip
    assert connection.vendor == "postgresql"
    with (
        pytest.raises(DatabaseError, match=refusal),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM counselling_accesslog")
        assert cursor.fetchone()[0] == 1


def test_the_application_role_can_add_entries(as_application_role, counsellor_a):
    AccessLog.objects.record(counsellor_a, "search", detail="Syr")
    assert AccessLog.objects.count() == 2


def test_the_retention_setting_of_the_log_exists(settings):
    assert settings.AUDIT_LOG_RETENTION_DAYS >= settings.AUDIT_LOG_MINIMUM_DAYS


def test_a_refused_follow_up_of_another_networks_client_is_logged_as_refused(
    client, counsellor_a, client_of_b
):
    make_consultation(client_of_b, "2025-03-01")
    client.force_login(counsellor_a)
    assert client.get(reverse("counselling:follow_up", args=[client_of_b.code])).status_code == 404
    entry = AccessLog.objects.get()
    assert (entry.action, entry.client_code) == ("refused", client_of_b.code)


def test_a_monitoring_export_is_logged(client, counsellor_a):
    client.force_login(counsellor_a)
    client.get(reverse("counselling:monitoring", args=["csv"]))
    entry = AccessLog.objects.get()
    assert entry.action == "export"
    assert entry.detail.startswith("monitoring.csv")
