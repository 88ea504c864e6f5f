"""A Fachkraft's Chancenkarte on the result page: no points and no language certificate asked
for (§ 20a Abs. 3 Nr. 1 AufenthG), as the way's own check says; the route by points keeps both."""

import re

import pytest
from django.urls import reverse

from pathways.advice import advice
from pathways.rules.opportunity_card import SKILLED_WORKER_RULE
from tests.questionnaire.walks import DELIC, POINTS, walk

pytestmark = pytest.mark.django_db

NO_CERTIFICATE = "Als Fachkraft brauchen Sie für die Chancenkarte keinen Sprachnachweis"


def card_panel(client, person) -> str:
    walk(client, person)
    response = client.get(reverse("questionnaire:result"))
    assert response.status_code == 200
    page = response.content.decode()
    found = re.search(r'id="pathway-opportunity_card".*?</section>', page, re.S)
    assert found, "the Chancenkarte is an open way of this person"
    return found.group(0)


def test_a_recognised_skilled_worker_sees_neither_points_nor_a_language_certificate(client):
    panel = card_panel(client, DELIC)
    assert "Sie sind Fachkraft und brauchen weder Punkte noch Sprachnachweis" in panel
    assert "points-gap" not in panel
    assert 'class="points"' not in panel
    assert NO_CERTIFICATE in panel
    # The step is still listed, as not needed, with its reason.
    assert "Sie legen ein Sprachzertifikat vor" in panel


def test_the_points_route_shows_the_points_and_asks_for_the_certificate(client):
    panel = card_panel(client, POINTS)
    assert "points-gap" in panel
    assert 'class="points"' in panel
    assert NO_CERTIFICATE not in panel
    assert "Sie legen ein Sprachzertifikat vor" in panel


def test_a_result_saved_earlier_with_points_shows_them_no_more_for_a_skilled_worker():
    """Results saved before this rule hold the arithmetic; the page leaves it out."""
    card = {
        "title": "Chancenkarte",
        "verdict": "possible",
        "points": 1,
        "checks": [{"rule": SKILLED_WORKER_RULE, "status": "met", "text": "Fachkraft"}],
    }
    result = {
        "pathways": {"opportunity_card": card},
        "order": ["opportunity_card"],
        "points_gap": {"summary": "1 Punkt, nötig: 6", "missing": 5, "additions": []},
    }
    arranged = advice(result)
    assert arranged["points_gap"] is None
    assert arranged["open"][0]["no_points_needed"] is True
    card["checks"][0]["status"] = "unknown"  # recognition open: the points may still count
    assert advice(result)["points_gap"] is not None
