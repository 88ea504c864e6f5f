"""The rendered figures are kept under the versions of their data (counselling.figures_cache):
every change that alters a figure shows on the next view, and an unchanged page is not
computed again."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from counselling import rollups
from tests.counselling.factory import make_client, make_consultation, make_outcome_change

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def german():
    """A page asked for in English leaves English active in this thread: not for the next."""
    with translation.override("de"):
        yield


PERIOD = {"start": "2025-01-01", "end": "2025-06-30"}
CUT = {"start": "2025-01-15", "end": "2025-05-20"}  # days from the raw rows as well


def summary(client, period=PERIOD):
    response = client.get(reverse("counselling:figures"), period)
    assert response.status_code == 200
    return response.content.decode()


def first_consultations(html: str) -> str:
    # The summary table's first row: "Erstberatungen" and its number.
    row = html.split('<table id="table-summary">', 1)[1].split("</tr>", 2)[1]
    return row.rsplit('<td class="num">', 1)[1].split("</td>", 1)[0]


def figures_part(html: str) -> str:
    return html.split('<div id="figures">', 1)[1].split("</main>", 1)[0]


@pytest.fixture
def coordinator(client, coordinator_a):
    client.force_login(coordinator_a)
    return client


@pytest.fixture(params=[False, True], ids=["raw rows", "roll-ups"])
def built(request, network_a):
    """The figures counted from the raw rows (no roll-ups yet) or from the roll-ups."""
    client = make_client(network_a, nationality="SY")
    make_consultation(client, datetime.date(2025, 2, 10))
    if request.param:
        rollups.rebuild()
    return client


@pytest.mark.parametrize("period", [PERIOD, CUT], ids=["whole months", "cut days"])
def test_a_new_consultation_shows_at_once_on_a_page_seen_before(coordinator, built, period):
    assert first_consultations(summary(coordinator, period)) == "1"
    make_consultation(make_client(built.network, nationality="TR"), datetime.date(2025, 3, 3))
    assert first_consultations(summary(coordinator, period)) == "2"


def test_a_changed_nationality_shows_at_once(coordinator, built):
    assert "Syrien" in summary(coordinator)
    built.nationality = "UA"
    built.save()
    html = summary(coordinator)
    assert "Ukraine" in html
    assert "Syrien" not in html


def test_a_recorded_outcome_shows_at_once(coordinator, built):
    before = summary(coordinator, CUT)
    make_outcome_change(built, "full", datetime.date(2025, 3, 1))
    assert summary(coordinator, CUT) != before


def test_a_renamed_network_shows_its_new_name(coordinator, built, network_a):
    assert network_a.name in summary(coordinator)
    network_a.name = "Netzwerk mit neuem Namen"
    network_a.save()
    assert "Netzwerk mit neuem Namen" in summary(coordinator)


def test_a_deleted_consultation_leaves_the_figures_at_once(coordinator, built):
    assert first_consultations(summary(coordinator)) == "1"
    built.consultations.all().delete()
    assert first_consultations(summary(coordinator)) == "0"


def test_an_unchanged_page_is_rendered_once_and_then_read_from_the_cache(coordinator, built):
    with CaptureQueriesContext(connection) as first:
        html = summary(coordinator)
    with CaptureQueriesContext(connection) as again:
        again_html = summary(coordinator)
    assert figures_part(again_html) == figures_part(html)
    assert len(again) < len(first) - 5, (len(first), len(again))
    assert len(caches["figures"]._cache) == 2  # the figures and the filter form above them


def test_the_same_network_perturbed_for_the_programme_is_not_shown_to_its_coordinator(
    client, coordinator_a, programme_user, built, network_a
):
    query = {**PERIOD, "network": network_a.slug}
    client.force_login(programme_user)
    perturbed = client.get(reverse("counselling:figures"), query).content.decode()
    assert '<p class="notice">' in perturbed
    client.force_login(coordinator_a)
    exact = client.get(reverse("counselling:figures"), query).content.decode()
    assert '<p class="notice">' not in exact
    assert first_consultations(exact) == "1"
    assert first_consultations(perturbed) != "1"  # 1 to 4 are never shown as they are


def test_each_language_has_its_own_page(coordinator, built):
    german = summary(coordinator)
    english = summary(coordinator, {**PERIOD, "lang": "en"})
    assert "Beratene Personen" in figures_part(german)
    assert "People counselled" in figures_part(english)
    assert "Beratene Personen" not in figures_part(english)


def network_options(html: str) -> list[str]:
    """The names in the network list, without the years of validity."""
    select = html.split('<select name="network" id="id_network">', 1)[1].split("</select>", 1)[0]
    names = [option.split(">", 1)[1].split("<", 1)[0] for option in select.split("<option")[1:]]
    return sorted(re.sub(" \\(\\d{4}\u2013(\\d{4})?\\)$", "", name) for name in names)


def test_the_programme_roles_network_list_follows_new_and_renamed_networks(
    client, programme_user, built, network_a
):
    """The filter form is kept with the figures: its list of networks must not be the one of
    the first view once a network is added or renamed (each raises every figures version)."""
    from tests.counselling.factory import make_network

    client.force_login(programme_user)
    query = {**PERIOD, "network": network_a.slug}
    assert network_options(summary(client, query)) == ["Alle Netzwerke", "Netzwerk A"]
    make_network("netz-neu", short_name="Netzwerk Neu")
    assert network_options(summary(client, query)) == [
        "Alle Netzwerke", "Netzwerk A", "Netzwerk Neu"
    ]  # fmt: skip
    network_a.short_name = "Netzwerk A (umbenannt)"
    network_a.save()
    assert "Netzwerk A (umbenannt)" in network_options(summary(client, query))


def test_the_filter_form_shows_the_dates_and_network_asked_for(
    client, programme_user, built, network_a
):
    client.force_login(programme_user)
    for period in (PERIOD, CUT, PERIOD):
        html = summary(client, {**period, "network": network_a.slug})
        assert f'name="start" value="{period["start"]}"' in html
        assert f'name="end" value="{period["end"]}"' in html
        assert f'<option value="{network_a.slug}" selected>' in html
    html = summary(client, {**PERIOD, "network": "all"})
    assert '<option value="all" selected>' in html
    assert f'<option value="{network_a.slug}" selected>' not in html
    # The same whole months for the programme role (so the same figures), typed differently:
    # the form shows what was typed.
    html = summary(client, {"start": "2025-01-15", "end": "2025-06-30", "network": "all"})
    assert 'name="start" value="2025-01-15"' in html


def test_a_coordinator_does_not_get_the_programme_roles_network_list(
    client, coordinator_a, programme_user, built, network_a, network_b
):
    query = {**PERIOD, "network": network_a.slug}
    client.force_login(programme_user)
    assert network_options(summary(client, query)) == ["Alle Netzwerke", "Netzwerk A", "Netzwerk B"]
    client.force_login(coordinator_a)
    assert network_options(summary(client, query)) == ["Netzwerk A"]
