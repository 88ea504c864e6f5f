"""Example profiles of the domain digest (§10) and a plain ``make_profile`` helper."""

from __future__ import annotations

from datetime import date
from typing import Any

ON = date(2026, 1, 15)

# T18, seed 000: Herr Delić, Bosnia and Herzegovina, 36, 4-year Techniker Mechatronik, 14 years'
# experience, good German (B2 certificate), job offer; the employer runs § 81a.
DELIC: dict[str, Any] = {
    "nationality": "BA",
    "age": 36,
    "residence": "abroad",
    "residence_country": "BA",
    "asylum_benefits_months_ago": None,
    "qualification": "vocational",
    "qualification_state_recognised": True,
    "recognition": "none",
    "regulated_profession": False,
    "occupation_isco": "other",
    "german_level": "B2",
    "experience_years_last5": 5,
    "experience_years_last7": 7,
    "job_offer": "qualified",
    "temp_agency_work": False,
    "employer_uses_accelerated_procedure": True,
    "means_secured": True,
}

# T01: Serbian kitchen helper without a formal qualification.
SERBIAN_HELPER: dict[str, Any] = {
    "nationality": "RS",
    "age": 28,
    "residence": "abroad",
    "residence_country": "RS",
    "asylum_benefits_months_ago": None,
    "qualification": "none",
    "job_offer": "unqualified",
    "temp_agency_work": False,
    "german_level": "none",
    "means_secured": True,
}

# T11: Indian computer scientist, MSc comparable, ISCO 25.
INDIAN_IT: dict[str, Any] = {
    "nationality": "IN",
    "age": 29,
    "residence": "abroad",
    "qualification": "academic",
    "qualification_state_recognised": True,
    "recognition": "full",
    "regulated_profession": False,
    "occupation_isco": "25",
    "degree_years_ago": 5,
    "job_offer": "qualified",
    "annual_salary_eur": 52000,
    "temp_agency_work": False,
    "german_level": "none",
    "english_level": "C1",
    "means_secured": True,
}

# A degree holder in a non-shortage occupation, graduated long ago: standard Blue Card threshold.
ECONOMIST: dict[str, Any] = {
    **INDIAN_IT,
    "nationality": "BR",
    "occupation_isco": "other",
    "degree_years_ago": 10,
}

# T27: Vietnamese cook, 2-year state-recognised training, German A2, hotel with training
# experience, signed agreement.
VIETNAMESE_COOK: dict[str, Any] = {
    "nationality": "VN",
    "age": 27,
    "residence": "abroad",
    "qualification": "vocational",
    "qualification_state_recognised": True,
    "recognition": "none",
    "regulated_profession": False,
    "occupation_isco": "other",
    "job_offer": "qualified",
    "annual_salary_eur": 32000,
    "temp_agency_work": False,
    "employer_collective_agreement": False,
    "employer_suitable_for_training": True,
    "recognition_partnership_agreement": True,
    "german_level": "A2",
    "experience_years_last5": 1,
    "means_secured": True,
}

# Chancenkarte points base: state-recognised vocational training, no job, abroad, means secured,
# and nothing else that gives points.
CK_BASE: dict[str, Any] = {
    "nationality": "IN",
    "age": 45,
    "residence": "abroad",
    "qualification": "vocational",
    "qualification_state_recognised": True,
    "recognition": "none",
    "regulated_profession": False,
    "occupation_isco": "other",
    "job_offer": "none",
    "german_level": "none",
    "english_level": "none",
    "experience_years_last5": 0,
    "experience_years_last7": 0,
    "stay_germany_6_months_last5": False,
    "partner_applies_too": False,
    "means_secured": True,
}


def make_profile(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of ``base`` with ``changes``; a change to ``...`` drops the key (unknown)."""
    profile = {**base, **changes}
    return {key: value for key, value in profile.items() if value is not ...}


def on(iso: str) -> date:
    return date.fromisoformat(iso)
