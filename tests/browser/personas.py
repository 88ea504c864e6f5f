"""The five personas of issue 10, as the form values they would send (see
tests/questionnaire/walks.py for the value format), and what each must see first."""

from tests.questionnaire.walks import NEVER

# A Syrian nurse living in Germany with a Duldung, a three-year nursing training and a job
# offer from a hospital: she must never be told to leave without a warning.
SYRIAN_NURSE = {
    "nationality": "SY",
    "residence": "germany_duldung",
    "asylum_benefits_months_ago": "2",
    "age": "32",
    "qualification": "vocational",
    "qualification_state_recognised": "yes",
    "recognition": "none",
    "regulated_profession": "yes",
    "job_needs_licence": "yes",
    "job_offer": "qualified",
    "occupation_isco": "other",
    "annual_salary_eur": "38000",
    "temp_agency_work": "no",
    "employer_collective_agreement": "yes",
    "employer_suitable_for_training": "yes",
    "recognition_partnership_agreement": "no",
    "employer_uses_accelerated_procedure": "no",
    "german_level": "B1",
    "english_level": "A2",
    "experience_years_last5": "4",
    "experience_years_last7": "6",
    "stay_germany_6_months_last5": "yes",
    "partner_applies_too": "no",
    "means_secured": "no",
    "residence_title_kind": "other",
}

# An Indian software engineer with a master's degree and an offer of 52,000 €.
INDIAN_ENGINEER = {
    "nationality": "IN",
    "residence": "abroad",
    "asylum_benefits_months_ago": NEVER,
    "age": "29",
    "qualification": "academic",
    "qualification_state_recognised": "yes",
    "recognition": "full",
    "regulated_profession": "no",
    "job_needs_licence": "no",
    "degree_years_ago": "4",
    "job_offer": "qualified",
    "occupation_isco": "25",
    "annual_salary_eur": "52000",
    "temp_agency_work": "no",
    "employer_collective_agreement": "no",
    "employer_uses_accelerated_procedure": "no",
    "german_level": "none",
    "english_level": "C1",
    "experience_years_last5": "4",
    "experience_years_last7": "4",
    "it_experience_years_last7": "4",
    "stay_germany_6_months_last5": "no",
    "partner_applies_too": "no",
    "means_secured": "yes",
}

# A Moroccan electrician who has a notice of deficits (Defizitbescheid) already.
MOROCCAN_ELECTRICIAN = {
    "nationality": "MA",
    "residence": "abroad",
    "asylum_benefits_months_ago": NEVER,
    "age": "31",
    "qualification": "vocational",
    "qualification_state_recognised": "yes",
    "recognition": "partial",
    "regulated_profession": "no",
    "job_needs_licence": "no",
    "job_offer": "none",
    "occupation_isco": "other",
    "german_level": "B1",
    "english_level": "none",
    "experience_years_last5": "5",
    "experience_years_last7": "7",
    "stay_germany_6_months_last5": "no",
    "partner_applies_too": "no",
    "means_secured": "yes",
}

# A Brazilian looking for work, who does not know how far the recognition is.
BRAZILIAN_JOB_SEEKER = {
    "nationality": "BR",
    "residence": "abroad",
    "asylum_benefits_months_ago": NEVER,
    "age": "30",
    "qualification": "vocational",
    "qualification_state_recognised": "yes",
    "recognition": "unknown",
    "regulated_profession": "no",
    "job_needs_licence": "no",
    "job_offer": "none",
    "occupation_isco": "other",
    "german_level": "A2",
    "english_level": "B2",
    "experience_years_last5": "3",
    "experience_years_last7": "3",
    "stay_germany_6_months_last5": "no",
    "partner_applies_too": "no",
    "means_secured": "yes",
}

# A cook from Kosovo with a job offer in a restaurant.
KOSOVAR_COOK = {
    "nationality": "XK",
    "residence": "abroad",
    "residence_country": "XK",
    "asylum_benefits_months_ago": NEVER,
    "age": "27",
    "qualification": "vocational",
    "qualification_state_recognised": "yes",
    "recognition": "none",
    "regulated_profession": "no",
    "job_needs_licence": "no",
    "job_offer": "qualified",
    "occupation_isco": "other",
    "annual_salary_eur": "32000",
    "temp_agency_work": "no",
    "employer_collective_agreement": "no",
    "employer_suitable_for_training": "no",
    "employer_uses_accelerated_procedure": "no",
    "german_level": "A2",
    "english_level": "none",
    "experience_years_last5": "5",
    "experience_years_last7": "6",
    "stay_germany_6_months_last5": "no",
    "partner_applies_too": "no",
    "means_secured": "yes",
}

PERSONAS = {
    "syrian_nurse": SYRIAN_NURSE,
    "indian_engineer": INDIAN_ENGINEER,
    "moroccan_electrician": MOROCCAN_ELECTRICIAN,
    "brazilian_job_seeker": BRAZILIAN_JOB_SEEKER,
    "kosovar_cook": KOSOVAR_COOK,
}
