"""The employer form's answers for a case like Herr Delić's, from India, shared by the hiring
tests (for a Bosnian the ranking puts the Westbalkanregelung first, see test_views)."""

BASE = {
    "nationality": "IN",
    "age": "36",
    "qualification": "vocational",
    "recognition": "none",
    "regulated": "no",
    "german_level": "B2",
    "salary": "42000",
    "land": "BY",
    "start": "2026-03-02",
    "accelerated": "yes",
}


def case(**changes: str) -> dict[str, str]:
    """The base case with ``changes`` applied (a new dict each call)."""
    return {**BASE, **changes}
