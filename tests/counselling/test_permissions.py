"""The permission matrix: for each role, each view and export, what it may and may not see."""

import pytest
from django.urls import reverse

from counselling.models import AccessLog, Client, Consultation, Network
from tests.counselling.factory import make_consultation

pytestmark = pytest.mark.django_db

ALLOWED, FORBIDDEN, NOT_FOUND, LOGIN = 200, 403, 404, 302


def _urls(own, other):
    """Views by name, each for the requesting user's network (own) and another (other)."""
    return {
        "dashboard": reverse("counselling:dashboard"),
        "search": reverse("counselling:client_search") + f"?q={own.code[:3]}",
        "new consultation": reverse("counselling:first_consultation"),
        "group session": reverse("counselling:group_session"),
        "employer consultation": reverse("counselling:employer_consultation"),
        "client": reverse("counselling:client", args=[own.code]),
        "follow-up": reverse("counselling:follow_up", args=[own.code]),
        "client of another network": reverse("counselling:client", args=[other.code]),
        "follow-up of another network": reverse("counselling:follow_up", args=[other.code]),
        "countries": reverse("counselling:country_options") + "?q=syr",
        "occupations": reverse("counselling:occupation_options") + "?q=arzt",
        "figures": reverse("counselling:figures"),
        "figures of network b": reverse("counselling:figures") + "?network=netz-b",
        "figures of network a": reverse("counselling:figures") + "?network=netz-a",
        "csv": reverse("counselling:export", args=["summary", "csv"]),
        "csv of network b": reverse("counselling:export", args=["summary", "csv"])
        + "?network=netz-b",
        "xlsx of all": reverse("counselling:export", args=["all", "xlsx"]) + "?network=all",
    }


# What each role gets; the counsellor of network A's row is the main case.
MATRIX = {
    "counsellor_a": {
        "dashboard": ALLOWED, "search": ALLOWED, "new consultation": ALLOWED,
        "group session": ALLOWED, "employer consultation": ALLOWED, "client": ALLOWED,
        "follow-up": ALLOWED, "client of another network": NOT_FOUND,
        "follow-up of another network": NOT_FOUND, "countries": ALLOWED, "occupations": ALLOWED,
        "figures": ALLOWED, "figures of network b": NOT_FOUND, "figures of network a": ALLOWED,
        "csv": ALLOWED, "csv of network b": NOT_FOUND, "xlsx of all": ALLOWED,
    },
    "coordinator_a": {
        "dashboard": ALLOWED, "search": FORBIDDEN, "new consultation": FORBIDDEN,
        "group session": FORBIDDEN, "employer consultation": FORBIDDEN,
        "client": FORBIDDEN, "follow-up": FORBIDDEN, "client of another network": FORBIDDEN,
        "follow-up of another network": FORBIDDEN, "countries": FORBIDDEN,
        "occupations": FORBIDDEN, "figures": ALLOWED, "figures of network b": NOT_FOUND,
        "figures of network a": ALLOWED, "csv": ALLOWED, "csv of network b": NOT_FOUND,
        "xlsx of all": ALLOWED,
    },
    "programme_user": {
        "dashboard": ALLOWED, "search": FORBIDDEN, "new consultation": FORBIDDEN,
        "group session": FORBIDDEN, "employer consultation": FORBIDDEN,
        "client": FORBIDDEN, "follow-up": FORBIDDEN, "client of another network": FORBIDDEN,
        "follow-up of another network": FORBIDDEN, "countries": FORBIDDEN,
        "occupations": FORBIDDEN, "figures": ALLOWED, "figures of network b": ALLOWED,
        "figures of network a": ALLOWED, "csv": ALLOWED, "csv of network b": ALLOWED,
        "xlsx of all": ALLOWED,
    },
    "roleless_user": {
        "dashboard": ALLOWED, "search": FORBIDDEN, "new consultation": FORBIDDEN,
        "group session": FORBIDDEN, "employer consultation": FORBIDDEN,
        "client": FORBIDDEN, "follow-up": FORBIDDEN, "client of another network": FORBIDDEN,
        "follow-up of another network": FORBIDDEN, "countries": FORBIDDEN,
        "occupations": FORBIDDEN, "figures": FORBIDDEN, "figures of network b": FORBIDDEN,
        "figures of network a": FORBIDDEN, "csv": FORBIDDEN, "csv of network b": FORBIDDEN,
        "xlsx of all": FORBIDDEN,
    },
}  # fmt: skip


@pytest.mark.parametrize("who", list(MATRIX))
def test_each_role_gets_exactly_what_the_matrix_allows(
    request, client, who, client_of_a, client_of_b
):
    user = request.getfixturevalue(who)
    client.force_login(user)
    answers = {
        name: client.get(url).status_code for name, url in _urls(client_of_a, client_of_b).items()
    }
    assert answers == MATRIX[who]


def test_a_counsellor_of_network_b_gets_404_for_network_a_clients_and_exports(
    client, counsellor_b, client_of_a, client_of_b
):
    client.force_login(counsellor_b)
    answers = {
        name: client.get(url).status_code for name, url in _urls(client_of_b, client_of_a).items()
    }
    assert answers["client of another network"] == NOT_FOUND
    assert answers["follow-up of another network"] == NOT_FOUND
    assert client.get(reverse("counselling:figures") + "?network=netz-a").status_code == 404
    csv = reverse("counselling:export", args=["nationalities", "csv"]) + "?network=netz-a"
    assert client.get(csv).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_for_every_view(client, client_of_a, client_of_b):
    for url in _urls(client_of_a, client_of_b).values():
        response = client.get(url)
        assert response.status_code == LOGIN
        assert response["Location"].startswith(reverse("login"))


def test_search_and_type_ahead_never_show_another_networks_clients(
    client, counsellor_a, client_of_a, client_of_b
):
    client.force_login(counsellor_a)
    link_to_b = reverse("counselling:client", args=[client_of_b.code])
    for query in (client_of_b.code, client_of_b.code[:4], "K"):
        for htmx in ({"HTTP_HX_REQUEST": "true"}, {}):
            page = client.get(reverse("counselling:client_search"), {"q": query}, **htmx)
            assert page.status_code == 200
            assert link_to_b not in page.content.decode()
    page = client.get(reverse("counselling:client_search"), {"q": "K"}, HTTP_HX_REQUEST="true")
    assert client_of_a.code in page.content.decode()


def test_a_counsellor_posting_a_follow_up_for_another_networks_client_gets_404_and_nothing_is_saved(
    client, counsellor_a, client_of_b
):
    client.force_login(counsellor_a)
    response = client.post(reverse("counselling:follow_up", args=[client_of_b.code]), {})
    assert response.status_code == 404
    assert not Consultation.objects.exists()


def test_network_a_figures_for_the_coordinator_leave_out_network_b(
    client, coordinator_a, client_of_a, client_of_b
):
    make_consultation(client_of_a, "2025-03-01")
    make_consultation(client_of_b, "2025-03-02")
    client.force_login(coordinator_a)
    csv = client.get(
        reverse("counselling:export", args=["networks", "csv"]),
        {"start": "2025-01-01", "end": "2025-12-31"},
    ).content.decode()
    assert "Netzwerk A" in csv
    assert "Netzwerk B" not in csv


def test_querysets_scope_clients_by_role(
    counsellor_a, counsellor_b, coordinator_a, programme_user, client_of_a, client_of_b
):
    assert list(Client.objects.visible_to(counsellor_a)) == [client_of_a]
    assert list(Client.objects.visible_to(counsellor_b)) == [client_of_b]
    assert not Client.objects.visible_to(coordinator_a).exists()
    assert not Client.objects.visible_to(programme_user).exists()
    assert list(Network.objects.reportable_by(coordinator_a)) == [client_of_a.network]
    assert Network.objects.reportable_by(programme_user).count() == 2


def test_opening_a_client_writes_an_access_log_row(client, counsellor_a, client_of_a):
    client.force_login(counsellor_a)
    client.get(reverse("counselling:client", args=[client_of_a.code]))
    entry = AccessLog.objects.get()
    assert (entry.user, entry.client, entry.action) == (counsellor_a, client_of_a, "view")


def test_a_refused_look_at_another_networks_client_is_logged_as_refused(
    client, counsellor_a, client_of_b
):
    client.force_login(counsellor_a)
    assert client.get(reverse("counselling:client", args=[client_of_b.code])).status_code == 404
    entry = AccessLog.objects.get()
    assert (entry.user, entry.action, entry.client_code) == (
        counsellor_a, "refused", client_of_b.code
    )
    # Filed under the network that holds the client, whose coordinator sees the attempt.
    assert entry.network == client_of_b.network
    assert "in another network" in entry.detail
    assert not AccessLog.objects.filter(action="view").exists()


SESSION = {
    "date": "2025-03-03",
    "participants": "10",
    "channel": "in_person",
    "language": "de",
    "duration_minutes": "60",
    "service_line": "recognition",
    "submission_token": "t",
}


@pytest.mark.parametrize("who", ["coordinator_a", "programme_user", "roleless_user"])
@pytest.mark.parametrize("url_name", ["group_session", "employer_consultation"])
def test_only_counsellors_can_post_a_consultation_without_a_client(request, client, who, url_name):
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse(f"counselling:{url_name}"), SESSION).status_code == FORBIDDEN
    assert not Consultation.objects.exists()


def test_a_group_session_counts_for_the_counsellors_network_only(
    client, counsellor_b, coordinator_a, network_b
):
    client.force_login(counsellor_b)
    client.post(
        reverse("counselling:group_session"), {**SESSION, "network": "netz-a", "centre": "1"}
    )
    assert Consultation.objects.get().network == network_b
    client.force_login(coordinator_a)
    figures = client.get(reverse("counselling:figures"), {"start": "2025-01-01"}).context["figures"]
    assert figures.table("summary").rows[4][1][0].value == 0
