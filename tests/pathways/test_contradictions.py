"""The questionnaire refuses an answer that contradicts an earlier one (422, input kept)."""

import pytest
from django.urls import reverse

from tests.questionnaire.walks import current_question, post_data

pytestmark = pytest.mark.django_db

YOUNG_GRADUATE = {
    "nationality": "IN",
    "residence": "abroad",
    "age": "22",
    "qualification": "academic",
    "qualification_state_recognised": "yes",
    "recognition": "partial",
    "regulated_profession": "no",
}


def test_a_degree_older_than_the_person_allows_is_refused_with_the_reason(client):
    while (question := current_question(client)) in YOUNG_GRADUATE:
        url = reverse("questionnaire:question", args=[question])
        assert client.post(url, post_data(YOUNG_GRADUATE[question])).status_code == 302
    assert question == "degree_years_ago"
    url = reverse("questionnaire:question", args=[question])
    response = client.post(url, {"answer": "12"})
    assert response.status_code == 422
    text = response.content.decode()
    assert "Mit 22 Jahren kann Ihr Abschluss nicht 12 Jahre zurückreichen." in text
    assert current_question(client) == "degree_years_ago"
    assert client.post(url, {"answer": "2"}).status_code == 302
