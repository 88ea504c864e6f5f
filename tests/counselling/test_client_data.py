"""Art. 15/20: all data on one client as JSON and PDF, own network only, logged; and the
reset of a lost second factor."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from counselling.models import AccessLog
from tests.counselling.factory import make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def consulted(client_of_a, centre_a, counsellor_a):
    consultation = make_consultation(
        client_of_a, datetime.date(2026, 5, 4), centre=centre_a, counsellor=counsellor_a,
        note="Zeugnisse aus Damaskus", questionnaire_answers={"age": 36},
    )  # fmt: skip
    consultation.note = "Zeugnisse aus Damaskus, übersetzt"
    consultation.save()
    return client_of_a


def test_json_holds_everything_and_is_logged(client, counsellor_a, consulted):
    client.force_login(counsellor_a)
    response = client.get(reverse("counselling:client_json", args=[consulted.code]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'iq-client-{consulted.code}.json"')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["client"]["code"] == consulted.code
    assert data["client"]["birth_year"] == 1990
    (consultation,) = data["consultations"]
    assert consultation["note"] == "Zeugnisse aus Damaskus, übersetzt"
    assert consultation["questionnaire_answers"] == {"age": 36}
    assert [v["note"] for v in consultation["versions"]] == [
        "Zeugnisse aus Damaskus", "Zeugnisse aus Damaskus, übersetzt",
    ]  # fmt: skip
    assert AccessLog.objects.filter(
        action="export", client_id=consulted.pk, username="counsellor_a"
    ).exists()


def test_pdf_is_a_pdf_and_is_logged(client, counsellor_a, consulted):
    client.force_login(counsellor_a)
    response = client.get(reverse("counselling:client_pdf", args=[consulted.code]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert AccessLog.objects.filter(action="export", client_id=consulted.pk).count() == 1


def test_the_client_page_links_both(client, counsellor_a, consulted):
    client.force_login(counsellor_a)
    page = client.get(reverse("counselling:client", args=[consulted.code])).content.decode()
    assert reverse("counselling:client_json", args=[consulted.code]) in page
    assert reverse("counselling:client_pdf", args=[consulted.code]) in page


@pytest.mark.parametrize("name", ["client_json", "client_pdf"])
def test_other_networks_and_coordinators_get_nothing(
    client, counsellor_b, coordinator_a, consulted, name
):
    client.force_login(counsellor_b)
    assert client.get(reverse(f"counselling:{name}", args=[consulted.code])).status_code == 404
    assert AccessLog.objects.filter(action="refused", client_id=consulted.pk).exists()
    client.force_login(coordinator_a)
    assert client.get(reverse(f"counselling:{name}", args=[consulted.code])).status_code in (
        403, 404,
    )  # fmt: skip
    assert not AccessLog.objects.filter(action="export").exists()


def test_reset_second_factor_removes_devices_ends_sessions_and_logs(client, counsellor_a):
    TOTPDevice.objects.create(user=counsellor_a, name="app", confirmed=True)
    StaticDevice.objects.create(user=counsellor_a, name="recovery")
    client.force_login(counsellor_a)
    out = io.StringIO()
    call_command("reset_second_factor", "counsellor_a", "--reason", "Ticket 42", stdout=out)
    assert "1 recovery code set(s) removed" in out.getvalue()
    assert "1 session(s) ended" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=counsellor_a).exists()
    assert not StaticDevice.objects.filter(user=counsellor_a).exists()
    entry = AccessLog.objects.get(action="account")
    assert "counsellor_a" in entry.detail
    assert "Ticket 42" in entry.detail
    assert entry.network_id == counsellor_a.counselling_role.network_id
    # The old session is gone: the dashboard asks for a login again.
    assert client.get(reverse("counselling:dashboard")).status_code == 302


def test_reset_second_factor_of_an_unknown_user_stops():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No user"):
        call_command("reset_second_factor", "nobody-here")
