"""The demo data: setup_demo is idempotent; the generator writes consistent consultations."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Min, OuterRef, Q, Subquery

from counselling.models import (
    Centre,
    Client,
    Consultation,
    Network,
    RecognitionOutcomeChange,
    StaffRole,
    Topic,
)

pytestmark = pytest.mark.django_db


def test_setup_demo_loads_networks_accounts_and_consultations_and_can_run_twice(capsys):
    call_command("setup_demo")
    call_command("setup_demo")
    printed = capsys.readouterr().out
    assert Network.objects.count() == 33
    assert Network.objects.filter(kind="state").count() == 16
    assert Consultation.objects.count() == 300
    assert Centre.objects.filter(name="IQ Beratungsstelle Frankfurt am Main").count() == 1
    assert set(StaffRole.objects.values_list("user__username", "role")) == {
        ("beraterin", "counsellor"), ("berater-owl", "counsellor"),
        ("koordinator", "coordinator"), ("programm", "programme"),
    }  # fmt: skip
    assert printed.count("beraterin") == 2
    assert get_user_model().objects.get(username="programm").has_perm("counselling.change_network")


def test_setup_demo_keeps_a_network_renamed_in_the_admin(capsys):
    call_command("setup_demo")
    Network.objects.filter(slug="iq-nrw-ost-2023").update(short_name="IQ OWL")
    call_command("setup_demo")
    assert Network.objects.get(slug="iq-nrw-ost-2023").short_name == "IQ OWL"


def test_generated_consultations_have_one_first_consultation_per_client_dated_first(capsys):
    call_command("setup_demo")
    call_command(
        "generate_consultations", "--count", "2000", "--start", "2019-01-01",
        "--end", "2024-12-31", "--batch", "500", "--seed", "7",
    )  # fmt: skip
    assert Consultation.objects.count() == 2300
    firsts = Client.objects.annotate(
        firsts=Count("consultations", filter=Q(consultations__is_first=True)),
        earliest=Min("consultations__date"),
    )
    assert set(firsts.values_list("firsts", flat=True)) == {1}
    for person in firsts.order_by("?")[:50]:
        assert person.consultations.get(is_first=True).date == person.earliest
    assert (
        not Consultation.objects.filter(client__isnull=False)
        .exclude(network=F("client__network"))
        .exists()
    )
    assert Consultation.objects.filter(format="group", is_first__isnull=True).exists()
    employers = Consultation.objects.filter(format="employer")
    assert 40 < employers.count() < 200
    assert set(employers.values_list("service_line", "client", "is_first")) == {
        ("employers", None, None)
    }
    assert set(employers.values_list("topics__service_line", flat=True)) == {"employers"}
    old = Consultation.objects.filter(date__lt=datetime.date(2023, 1, 1))
    assert set(old.values_list("network__kind", flat=True)) == {"state"}
    assert Topic.objects.filter(consultation__isnull=False).exists()


def test_the_generator_refuses_a_period_without_networks():
    with pytest.raises(CommandError, match="No network"):
        call_command("generate_consultations", "--count", "10", "--start", "2010-01-01",
                     "--end", "2010-12-31")  # fmt: skip


def test_generated_clients_reach_their_outcome_in_dated_steps(capsys):
    call_command("setup_demo")
    call_command(
        "generate_consultations", "--count", "2000", "--start", "2022-01-01",
        "--end", "2024-12-31", "--batch", "500", "--seed", "3",
    )  # fmt: skip
    changes = RecognitionOutcomeChange.objects.filter(client=OuterRef("pk"))
    clients = Client.objects.annotate(
        steps=Count("outcome_changes", distinct=True),
        first_visit=Min("consultations__date"),
        first_step=Subquery(changes.in_order().values("date")[:1]),
        last_outcome=Subquery(changes.latest_first().values("outcome")[:1]),
    )
    assert not clients.filter(steps=0).exists()
    assert not clients.exclude(last_outcome=F("recognition_outcome")).exists()
    assert not clients.exclude(first_step=F("first_visit")).exists()
    assert clients.filter(steps__gte=2).count() > 20
    assert clients.filter(steps=3, recognition_outcome__in=["full", "partial", "rejected"]).exists()
    assert not RecognitionOutcomeChange.objects.exclude(consultation__client=F("client")).exists()
    assert not RecognitionOutcomeChange.objects.exclude(network=F("client__network")).exists()
