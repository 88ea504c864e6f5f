"""The client list's rows (``{% client_rows %}``): each client's code as a link to the client, the
year of birth and the nationality, in the page's language."""

import pytest
from django.urls import reverse

from tests.counselling.factory import make_client

pytestmark = pytest.mark.django_db


def rows(client, **headers) -> list[str]:
    page = client.get(reverse("counselling:client_search"), {"q": "K"}, **headers)
    assert page.status_code == 200
    listed = page.content.decode().split('<ul class="client-list">', 1)[1].split("</ul>", 1)[0]
    return [row.split("</li>", 1)[0] for row in listed.split("<li>")[1:]]


def test_each_row_links_the_code_and_says_year_of_birth_and_nationality(
    client, counsellor_a, client_of_a, network_a
):
    unknown = make_client(network_a)
    client.force_login(counsellor_a)
    german = {row.split('class="client-code">', 1)[1].split("<", 1)[0]: row for row in rows(client)}
    assert set(german) == {client_of_a.code, unknown.code}
    link = reverse("counselling:client", args=[client_of_a.code])
    assert german[client_of_a.code].startswith(f'<a href="{link}" class="client-code">')
    assert "<span>geboren 1990 · Syrien</span>" in german[client_of_a.code]
    assert "<span></span>" in german[unknown.code]
    english = rows(client, HTTP_ACCEPT_LANGUAGE="en")
    assert any("<span>born 1990 · Syria</span>" in row for row in english)
