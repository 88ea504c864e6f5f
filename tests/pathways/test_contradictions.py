"""The questionnaire refuses an answer that contradicts an earlier one (422, input kept)."""

import pytest
from django.urls import reverse

from tests.questionnaire.walks import current_question, post_data

pytestmark = pytest.mark.django_db

# The age of the degree matters once a Blue Card salary lies between the reduced threshold for
# recent graduates and the standard one (§ 18g Abs. 1 S. 2 AufenthG), so it is asked then.
YOUNG_GRADUATE = {
    "nationality": "IN",
    "residence": "abroad",
    "age": "22",
    "qualification": "academic",
    "qualification_state_recognised": "yes",
    "recognition": "full",
    "regulated_profession": "no",
    "job_offer": "qualified",
    "occupation_isco": "other",
    "annual_salary_eur": "47000",
    "job_needs_licence": "no",
    "temp_agency_work": "no",
    "employer_uses_accelerated_procedure": "no",
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
