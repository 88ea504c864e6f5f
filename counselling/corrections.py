"""Corrections: a counsellor changes their own consultation within
``settings.COUNSELLING_CORRECTION_DAYS`` days of saving it. The earlier state stays as a version
(django-simple-history: ``Consultation.versions``) with who saved it and when; the figures read
the consultations themselves, so they follow the corrected data.

A corrected date can change which consultation is a client's Erstberatung, and the recognition
outcome recorded at the consultation is dated by it: both are derived again.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from counselling import rollups
from counselling.models import Consultation, StaffRole
from counselling.services import derive_first_consultation


def period() -> datetime.timedelta:
    return datetime.timedelta(days=settings.COUNSELLING_CORRECTION_DAYS)


def can_correct(user, consultation: Consultation, now: datetime.datetime | None = None) -> bool:
    """Own consultations only, and only within the period after they were saved."""
    now = now or timezone.now()
    return consultation.counsellor_id == user.pk and now - consultation.created_at <= period()


def correctable_until(consultation: Consultation) -> datetime.datetime:
    return consultation.created_at + period()


def correct(role: StaffRole, consultation: Consultation, topics) -> Consultation:
    """Saves the changed ``consultation`` (a form's instance) as a new version by ``role``'s
    user and derives what depends on its date."""
    with transaction.atomic():
        consultation._history_user = role.user
        consultation.save()
        consultation.topics.set(topics)
        if consultation.client_id:
            derive_first_consultation(consultation.client)
            consultation.outcome_changes.exclude(date=consultation.date).update(
                date=consultation.date
            )
            rollups.refresh_client(consultation.client_id, months=False)
    consultation.refresh_from_db(fields=["is_first"])
    return consultation


def versions(consultation: Consultation):
    """The saved states of ``consultation``, newest first, with the user who saved each."""
    return consultation.versions.select_related("history_user").order_by("-history_date")
