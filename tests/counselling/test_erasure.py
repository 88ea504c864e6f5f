"""Art. 17 erasure with a second person's approval: who may ask and decide, what is erased,
that every figure stays the same, and that both steps are logged. Against PostgreSQL."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from counselling.models import AccessLog, Client, Consultation, ErasureRequest
from tests.counselling.factory import (
    make_client,
    make_consultation,
    make_coordinator,
    make_counsellor,
    make_occupation,
    make_outcome_change,
    make_topic,
)
from tests.counselling.test_retention import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_coordinator_a(network_a):
    return make_coordinator(network_a, username="coordinator_a2")


@pytest.fixture
def coordinator_b(network_b):
    return make_coordinator(network_b, username="coordinator_b")


@pytest.fixture
def consulted(network_a, network_b, centre_a, centre_b, counsellor_a):
    """Client of A with two consultations (one corrected) among others, in several periods."""
    topic = make_topic("erase-topic")
    nurse = make_occupation("erase-nurse", regulated=True)
    target = make_client(
        network_a, nationality="SY", birth_year=1990, entry_year=2016, gender="female",
        languages=["ar"], flight_background=True, reference_occupation=nurse,
        residence_status="tolerated",
    )  # fmt: skip
    first = make_consultation(
        target, datetime.date(2023, 3, 10), centre=centre_a, counsellor=counsellor_a,
        topics=[topic], note="Frau aus Aleppo", next_steps="Zeugnisse übersetzen",
        questionnaire_code="7H3Q9DKM", questionnaire_answers={"age": 33},
    )  # fmt: skip
    first.note = "Frau aus Aleppo, zwei Kinder"
    first.save()
    make_consultation(target, datetime.date(2026, 2, 3), centre=centre_a, note="Folge")
    make_outcome_change(target, "full", datetime.date(2026, 2, 3), consultation=first)
    for i in range(6):
        other = make_client(
            network_a if i % 2 else network_b, nationality="SY", birth_year=1980 + i
        )
        make_consultation(
            other, datetime.date(2023, 3, 1 + i), centre=centre_a if i % 2 else centre_b
        )
    return target


def ask(client, user, code, reason="Die Person hat am 1.12.2026 die Löschung verlangt."):
    client.force_login(user)
    return client.post(reverse("counselling:erasure_new"), {"client_code": code, "reason": reason})


def decide(client, user, pk, decision="approve"):
    client.force_login(user)
    return client.post(reverse("counselling:erasure_decide", args=[pk]), {"decision": decision})


def test_request_and_approval_erase_the_person_and_keep_every_figure(
    client, counsellor_a, coordinator_a, consulted
):
    before = snapshot()
    old_code = consulted.code
    response = ask(client, counsellor_a, old_code.lower())
    assert response.status_code == 302
    erasure = ErasureRequest.objects.get()
    assert erasure.requested_by == counsellor_a
    assert erasure.decision == "pending"
    # Nothing is erased before the second person decides.
    consulted.refresh_from_db()
    assert consulted.code == old_code
    assert consulted.birth_year == 1990

    page = client.get(reverse("counselling:erasure_list"))
    assert old_code in page.content.decode()

    response = decide(client, coordinator_a, erasure.pk)
    assert response.status_code == 302
    erasure.refresh_from_db()
    assert erasure.decision == "approved"
    assert erasure.decided_by == coordinator_a
    assert erasure.decided_at is not None

    consulted.refresh_from_db()
    assert consulted.code != old_code
    assert consulted.code.startswith("X")
    assert (consulted.birth_year, consulted.entry_year, consulted.gender, consulted.languages) == (
        None, None, "not_stated", []
    )  # fmt: skip
    assert not Client.objects.filter(code=old_code).exists()
    for consultation in Consultation.objects.filter(client=consulted):
        assert consultation.note == consultation.next_steps == consultation.questionnaire_code == ""
        assert consultation.questionnaire_answers is None
        assert all(v.note == "" for v in consultation.versions.all())
    assert snapshot() == before

    actions = list(
        AccessLog.objects.filter(client_id=consulted.pk).order_by("at", "pk")
        .values_list("action", "username", "detail")
    )  # fmt: skip
    assert ("erasure", "counsellor_a", f"erasure #{erasure.pk} requested") in actions
    assert any(a == "erasure" and u == "coordinator_a" and "approved" in d for a, u, d in actions)
    assert any(a == "anonymise" and f"erasure #{erasure.pk}" in d for a, u, d in actions)


def test_rejection_erases_nothing_and_is_logged(client, counsellor_a, coordinator_a, consulted):
    ask(client, counsellor_a, consulted.code)
    erasure = ErasureRequest.objects.get()
    assert decide(client, coordinator_a, erasure.pk, "reject").status_code == 302
    consulted.refresh_from_db()
    assert consulted.birth_year == 1990
    assert not consulted.code.startswith("X")
    assert AccessLog.objects.filter(action="erasure", detail__contains="rejected").exists()


def test_the_requester_never_approves_their_own_request(
    client, coordinator_a, second_coordinator_a, consulted
):
    assert ask(client, coordinator_a, consulted.code).status_code == 302
    erasure = ErasureRequest.objects.get()
    page = client.get(reverse("counselling:erasure_list")).content.decode()
    assert "Approve and erase" not in page
    assert "Löschen" not in page
    response = decide(client, coordinator_a, erasure.pk)
    assert response.status_code == 403
    erasure.refresh_from_db()
    assert erasure.decision == "pending"
    assert AccessLog.objects.filter(
        action="refused", username="coordinator_a", detail__contains="their own request"
    ).exists()
    # Not even the database lets the same person decide.
    erasure.decided_by = coordinator_a
    with pytest.raises(IntegrityError), transaction.atomic():
        erasure.save()
    assert decide(client, second_coordinator_a, erasure.pk).status_code == 302
    consulted.refresh_from_db()
    assert consulted.code.startswith("X")


def test_only_a_coordinator_of_the_same_network_decides(
    client, counsellor_a, counsellor_b, coordinator_b, programme_user, consulted, centre_a
):
    ask(client, counsellor_a, consulted.code)
    erasure = ErasureRequest.objects.get()
    other_counsellor_a = make_counsellor(centre_a, username="counsellor_a2")
    assert decide(client, other_counsellor_a, erasure.pk).status_code == 403
    assert decide(client, coordinator_b, erasure.pk).status_code == 404
    assert decide(client, counsellor_b, erasure.pk).status_code == 404
    assert decide(client, programme_user, erasure.pk).status_code == 403
    assert decide(client, coordinator_b, 999999).status_code == 404
    erasure.refresh_from_db()
    assert erasure.decision == "pending"
    refused = AccessLog.objects.filter(action="refused", detail__contains="erasure")
    assert set(refused.values_list("username", flat=True)) == {
        "counsellor_a2", "coordinator_b", "counsellor_b", "programme"
    }  # fmt: skip
    # Network B's coordinator does not see A's request either.
    client.force_login(coordinator_b)
    assert consulted.code not in client.get(reverse("counselling:erasure_list")).content.decode()


def test_another_networks_client_cannot_be_asked_for(client, counsellor_b, consulted):
    response = ask(client, counsellor_b, consulted.code)
    assert response.status_code == 400
    assert "Keine Person mit diesem Code" in response.content.decode()
    assert not ErasureRequest.objects.exists()


def test_errors_keep_what_was_typed_in_german(client, counsellor_a, consulted):
    client.force_login(counsellor_a)
    url = reverse("counselling:erasure_new")
    response = client.post(
        url, {"client_code": consulted.code, "reason": ""}, HTTP_ACCEPT_LANGUAGE="de"
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert f'value="{consulted.code}"' in body
    assert "Dieses Feld ist zwingend erforderlich" in body
    reason = "Wunsch der Person, Brief vom 1.12."
    response = client.post(url, {"client_code": "K0000000", "reason": reason})
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert "Keine Person mit diesem Code in Ihrem Netzwerk" in response.content.decode()
    assert client.post(url, {"client_code": "A" * 300, "reason": "x"}).status_code == 400
    assert not ErasureRequest.objects.exists()


def test_one_open_request_per_client_and_none_after_erasure(
    client, counsellor_a, coordinator_a, consulted
):
    assert ask(client, counsellor_a, consulted.code).status_code == 302
    response = ask(client, counsellor_a, consulted.code)
    assert response.status_code == 400
    assert ErasureRequest.objects.count() == 1
    decide(client, coordinator_a, ErasureRequest.objects.get().pk)
    consulted.refresh_from_db()
    assert ask(client, counsellor_a, consulted.code).status_code == 400
    assert ErasureRequest.objects.count() == 1


def test_the_client_page_links_the_request(client, counsellor_a, consulted):
    client.force_login(counsellor_a)
    page = client.get(reverse("counselling:client", args=[consulted.code])).content.decode()
    assert f"{reverse('counselling:erasure_new')}?client={consulted.code}" in page
    form = client.get(reverse("counselling:erasure_new"), {"client": consulted.code})
    assert form.status_code == 200
    assert f'value="{consulted.code}"' in form.content.decode()


def test_roles_without_a_network_may_not_ask(client, programme_user, roleless_user, consulted):
    for user in (programme_user, roleless_user):
        client.force_login(user)
        assert client.get(reverse("counselling:erasure_new")).status_code == 403
        assert ask(client, user, consulted.code).status_code == 403
        assert client.get(reverse("counselling:erasure_list")).status_code == 403
    assert not ErasureRequest.objects.exists()
