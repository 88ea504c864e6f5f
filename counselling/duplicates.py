"""One client per person: before a new client is created, the people it may already be.

Two checks, both within the counsellor's network (the records they may open):
- a questionnaire code already imported with an earlier consultation: the client it was
  imported for;
- a client whose year of birth, nationality and reference occupation all equal the new one's
  and who was counselled at the same centre in the last ``SAME_PERSON_MONTHS`` months. All three
  must be known: two unknowns are no evidence of one person.
The counsellor answers "same person?"; nothing is merged without that answer.
"""

from __future__ import annotations

import datetime

from django.db.models import Max

from counselling.models import Client, Consultation, StaffRole, normalise_code

SAME_PERSON_MONTHS = 12


def earlier_import(user, code: str) -> Consultation | None:
    """The latest consultation that imported the questionnaire ``code``, if ``user`` may see it."""
    if not code:
        return None
    found = Consultation.objects.visible_to(user).filter(
        questionnaire_code=normalise_code(code), client__isnull=False
    )
    return found.select_related("client").order_by("-date", "-created_at").first()


def _months_before(day: datetime.date, months: int) -> datetime.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def possible_same_people(role: StaffRole, client: Client, today: datetime.date) -> list[Client]:
    """Clients of ``role``'s centre seen in the last 12 months who match ``client`` (unsaved)
    on year of birth, nationality and reference occupation; newest seen first."""
    if not (client.birth_year and client.nationality and client.reference_occupation_id):
        return []
    since = _months_before(today, SAME_PERSON_MONTHS)
    matching = Client.objects.filter(
        network_id=role.network_id,
        birth_year=client.birth_year,
        nationality=client.nationality,
        reference_occupation_id=client.reference_occupation_id,
        consultations__centre_id=role.centre_id,
        consultations__date__gte=since,
    )
    return list(
        matching.annotate(last_seen=Max("consultations__date")).order_by("-last_seen", "code")[:5]
    )
