"""Retention (``manage.py apply_retention``): anonymisation keeps every figure, copies and old
audit entries go, the history rows are blanked too. Against PostgreSQL."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from counselling.models import AccessLog, Client, Consultation, Network
from counselling.reports import figures
from counselling.retention import ANONYMOUS_PREFIX, apply_retention, months_before
from tests.counselling.factory import (
    make_centre,
    make_client,
    make_consultation,
    make_group_session,
    make_network,
    make_occupation,
    make_outcome_change,
    make_topic,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 2)
NOW = timezone.make_aware(datetime.datetime(2026, 12, 2, 3, 0))
PERIODS = [
    (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)),
    (datetime.date(2023, 1, 1), datetime.date(2023, 6, 30)),
    (datetime.date(2023, 3, 1), datetime.date(2023, 3, 31)),
    (datetime.date(2022, 1, 1), datetime.date(2026, 12, 31)),
    (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
]


def snapshot():
    """Every cell of every table, for several periods, single networks and all, exact and
    suppressed."""
    selections = [
        Network.objects.all(),
        *(Network.objects.filter(pk=n.pk) for n in Network.objects.all()),
    ]
    out = []
    for networks in selections:
        for start, end in PERIODS:
            for suppressed in (False, True):
                result = figures(networks, start, end, suppressed=suppressed)
                out.append(
                    [
                        (
                            t.key,
                            [(label, [c.export_value for c in cells]) for label, cells in t.rows],
                        )
                        for t in result.tables
                    ]
                )
    return out


@pytest.fixture
def records():
    a, b = make_network("ret-a"), make_network("ret-b")
    centre_a, centre_b = make_centre(a), make_centre(b)
    engineer = make_occupation("engineer", regulated=False)
    nurse = make_occupation("nurse", regulated=True)
    topic = make_topic("ret-topic")
    old, recent = [], []
    for i in range(9):
        network, centre = (a, centre_a) if i % 3 else (b, centre_b)
        client = make_client(
            network,
            nationality=["SY", "UA", "TR"][i % 3],
            birth_year=1980 + i,
            entry_year=2015 + i % 4,
            gender="female" if i % 2 else "male",
            languages=["ar", "de"],
            flight_background=i % 2 == 0,
            reference_occupation=engineer if i % 2 else nurse,
            qualification_country="SY",
            residence_status="tolerated",
        )
        first = make_consultation(
            client,
            datetime.date(2022, 3 + i % 9, 10),
            centre=centre,
            topics=[topic],
            note=f"Frau {i} aus Aleppo",
            next_steps="Unterlagen übersetzen",
            language="ar",
            questionnaire_code="7H3Q9DKM",
            questionnaire_answers={"age": 30 + i},
            questionnaire_result={"best": "skilled_worker"},
            questionnaire_rules_version="2027.2",
        )
        make_consultation(client, datetime.date(2023, 3, 1 + i), centre=centre, note="Folge")
        make_outcome_change(client, "full", datetime.date(2023, 3, 1 + i), consultation=first)
        # A correction: a second stored version of the first consultation.
        first.note = f"Frau {i} aus Aleppo, korrigiert"
        first.save()
        old.append(client)
    for i in range(4):
        client = make_client(a, nationality="AF", birth_year=1990 + i, languages=["fa"])
        make_consultation(
            client,
            datetime.date(2023, 1, 5),
            centre=centre_a,
            note="lange her",
            questionnaire_answers={"age": 40},
            questionnaire_result={"x": 1},
            questionnaire_code="ABCDEFGH",
        )
        make_consultation(client, datetime.date(2026, 6, 1 + i), centre=centre_a, note="neu")
        recent.append(client)
    make_group_session(centre_a, datetime.date(2022, 5, 5), 12, note="Infoabend")
    return old, recent


def test_months_before_keeps_month_ends():
    assert months_before(datetime.date(2026, 12, 2), 36) == datetime.date(2023, 12, 2)
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 12) == datetime.date(2025, 1, 15)


def test_anonymisation_keeps_every_figure_and_reaches_the_history(records):
    old, recent = records
    assert connection.vendor == "postgresql"
    before = snapshot()
    old_codes = {c.code for c in old}

    outcome = apply_retention(today=TODAY, now=NOW)

    assert snapshot() == before
    assert outcome.clients_anonymised == len(old) == 9
    assert outcome.consultations_blanked == 18
    # create + correction of the first, create of the follow-up, per client
    assert outcome.versions_blanked >= 27
    for client in Client.objects.filter(pk__in=[c.pk for c in old]):
        assert client.code.startswith(ANONYMOUS_PREFIX)
        assert client.code not in old_codes
        assert (client.birth_year, client.entry_year, client.gender, client.languages) == (
            None,
            None,
            "not_stated",
            [],
        )
        assert client.nationality
        assert client.reference_occupation_id
        assert client.residence_status == "tolerated"
    consultations = Consultation.objects.filter(client__in=old)
    assert not consultations.exclude(note="").exists()
    assert not consultations.filter(questionnaire_answers__isnull=False).exists()
    assert set(consultations.values_list("language", flat=True)) == {""}
    versions = Consultation.versions.filter(id__in=consultations.values("pk"))
    assert versions.count() >= 27
    assert set(versions.values_list("note", "next_steps", "questionnaire_code")) == {("", "", "")}
    # Recent clients keep everything but the questionnaire copies older than 12 months.
    for client in recent:
        client.refresh_from_db()
        assert client.birth_year
        assert not client.code.startswith(ANONYMOUS_PREFIX)
        old_one, new_one = client.consultations.order_by("date")
        assert old_one.note == "lange her"
        assert old_one.questionnaire_answers is None
        assert old_one.questionnaire_code == ""
        assert old_one.questionnaire_result is None
        assert new_one.note == "neu"
    assert outcome.questionnaire_copies_deleted == 4
    assert (
        AccessLog.objects.filter(action="anonymise", client_id__in=[c.pk for c in old]).count() == 9
    )
    # Run again: nothing more to do, figures still the same.
    again = apply_retention(today=TODAY, now=NOW)
    assert (again.clients_anonymised, again.questionnaire_copies_deleted) == (0, 0)
    assert snapshot() == before


def test_dry_run_prints_counts_and_changes_nothing(records):
    old, _recent = records
    AccessLog.objects.create(at=NOW - datetime.timedelta(days=800), username="x", action="view")
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "clients would be anonymised: 9" in text
    assert "questionnaire copies would be deleted: 4" in text
    assert "audit log entries would be deleted: 1" in text
    assert Client.objects.filter(code__startswith=ANONYMOUS_PREFIX).count() == 0
    assert Consultation.objects.filter(client__in=old).exclude(note="").count() == 18


def test_audit_entries_past_the_retention_are_purged_and_the_rest_stay():
    ancient = AccessLog.objects.create(
        at=NOW - datetime.timedelta(days=731), username="x", action="view"
    )
    kept = AccessLog.objects.create(
        at=NOW - datetime.timedelta(days=500), username="y", action="view"
    )
    young = AccessLog.objects.create(
        at=NOW - datetime.timedelta(days=3), username="z", action="view"
    )
    outcome = apply_retention(today=TODAY, now=NOW)
    assert outcome.audit_entries_deleted == 1
    assert not AccessLog.objects.filter(pk=ancient.pk).exists()
    assert AccessLog.objects.filter(pk__in=[kept.pk, young.pk]).count() == 2
    # The purge is the only way out: UPDATE stays impossible, young entries cannot be deleted.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessLog.objects.filter(pk=kept.pk).update(detail="x")
    with pytest.raises(DatabaseError, match="365 days"), transaction.atomic():
        AccessLog.objects.filter(pk=young.pk).delete()


def test_a_client_never_consulted_is_anonymised_after_the_period(network_a):
    client = make_client(network_a, birth_year=1970)
    Client.objects.filter(pk=client.pk).update(created_at=NOW - datetime.timedelta(days=4 * 365))
    fresh = make_client(network_a, birth_year=1971)
    assert apply_retention(today=TODAY, now=NOW).clients_anonymised == 1
    client.refresh_from_db()
    fresh.refresh_from_db()
    assert client.birth_year is None
    assert fresh.birth_year == 1971
