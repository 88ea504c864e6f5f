"""People who walk the questionnaire, as the form values they would send, and a client walk.

A value is what the page posts for the question: a choice's value, "yes"/"no", digits, a
country code, or ("special", "never"/"unknown") for the buttons beside a number field.
"""

from django.urls import reverse

from pathways.rules.parameters import WESTBALKAN_STATES
from pathways.rules.questions import HOME_ABROAD

NEVER = ("special", "never")
UNKNOWN = ("special", "unknown")

# Seed 000: 36, Bosnia and Herzegovina, 4-year training as Techniker für Mechatronik, 14 years'
# experience, good German, job offer as Mechatroniker; the employer uses § 81a.
DELIC = {
    "nationality": "BA",
    "residence": "abroad",
    "residence_country": "BA",
    "asylum_benefits_months_ago": NEVER,
    "age": "36",
    "qualification": "vocational",
    "qualification_state_recognised": "yes",
    "recognition": "full",
    "regulated_profession": "no",
    "job_offer": "qualified",
    "occupation_isco": "other",
    "annual_salary_eur": "48000",
    "job_needs_licence": "no",
    "temp_agency_work": "no",
    "employer_collective_agreement": "no",
    "employer_uses_accelerated_procedure": "yes",
    "german_level": "B1",
    "experience_years_last5": "5",
    "means_secured": "yes",
}

# A Kosovar who received AsylbLG benefits 10 months ago, with a job offer as a helper.
KOSOVAR = {
    "nationality": "XK",
    "residence": "abroad",
    "residence_country": "XK",
    "asylum_benefits_months_ago": "10",
    "age": "29",
    "qualification": "none",
    "job_offer": "unqualified",
    "job_needs_licence": "no",
    "temp_agency_work": "no",
    "german_level": "A2",
    "means_secured": "yes",
}

# A Serbian without a vocational qualification, living in Serbia, with a job offer as a helper.
SERBIAN = {
    "nationality": "RS",
    "residence": "abroad",
    "residence_country": "RS",
    "asylum_benefits_months_ago": NEVER,
    "age": "30",
    "qualification": "none",
    "job_offer": "unqualified",
    "annual_salary_eur": "30000",
    "job_needs_licence": "no",
    "temp_agency_work": "no",
    "german_level": "A2",
    "means_secured": "yes",
}

# Digest T19: partial recognition (Defizitbescheid), German B1, age 36: 4 + 2 + 1 = 7 points.
POINTS = {
    "nationality": "IN",
    "residence": "abroad",
    "age": "36",
    "qualification": "academic",
    "qualification_state_recognised": "yes",
    "recognition": "partial",
    "regulated_profession": "no",
    "degree_years_ago": "3",
    "job_offer": "none",
    "occupation_isco": "other",
    "german_level": "B1",
    "english_level": "none",
    "experience_years_last5": "0",
    "stay_germany_6_months_last5": "no",
    "partner_applies_too": "no",
    "means_secured": "yes",
}


def page_value(person, question):
    """What the person picks on the page: a national of a Western Balkan state living in that
    state picks "abroad, in <state>", which answers the country of residence too."""
    nationality = person.get("nationality")
    if (
        question == "residence"
        and nationality in WESTBALKAN_STATES
        and person.get("residence") == "abroad"
        and person.get("residence_country") == nationality
    ):
        return HOME_ABROAD
    return person[question]


def post_data(value):
    if isinstance(value, tuple):
        return {value[0]: value[1]}
    return {"answer": value}


def current_question(client):
    """The id of the question due now, or None once the check page answers."""
    response = client.get(reverse("questionnaire:review"))
    if response.status_code == 200:
        return None
    return response.url.rstrip("/").rsplit("/", 1)[-1]


def walk(client, person):
    """Answer every question this person is asked; returns the ids in the order asked."""
    asked = []
    while (question := current_question(client)) is not None:
        assert question not in asked, f"{question} asked twice"
        asked.append(question)
        response = client.post(
            reverse("questionnaire:question", args=[question]),
            post_data(page_value(person, question)),
        )
        assert response.status_code == 302, (question, response.content.decode()[:2000])
    return asked
