"""Writes that touch several models: a consultation with its client, topics, derived
Erstberatung/Folgeberatung and access log, all in one transaction.

A form carries a one-time ``submission_token``; the unique constraint on it makes a second
POST of the same form (double click, retry after a timeout) return the first consultation
instead of creating another.
"""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction

from counselling.models import (
    AccessAction,
    AccessLog,
    Client,
    Consultation,
    ConsultationFormat,
    StaffRole,
    new_client_code,
)
from counselling.questionnaire import Imported


def new_submission_token() -> str:
    return secrets.token_urlsafe(24)


def derive_first_consultation(client: Client) -> None:
    """Marks the client's earliest individual consultation first and the others follow-ups."""
    individual = Consultation.objects.filter(client=client).individual()
    first_pk = individual.order_by("date", "created_at", "pk").values_list("pk", flat=True)[:1]
    individual.exclude(pk__in=first_pk).exclude(is_first=False).update(is_first=False)
    individual.filter(pk__in=first_pk).exclude(is_first=True).update(is_first=True)


def _attach_questionnaire(consultation: Consultation, imported: Imported | None) -> None:
    if imported is None:
        return
    consultation.questionnaire_code = imported.code
    consultation.questionnaire_answers = imported.answers
    consultation.questionnaire_result = imported.result
    consultation.questionnaire_rules_version = imported.rules_version


def _already_submitted(token: str) -> Consultation | None:
    return Consultation.objects.filter(submission_token=token).select_related("client").first()


def record_consultation(
    *,
    role: StaffRole,
    client: Client,
    consultation: Consultation,
    topics,
    token: str,
    imported: Imported | None = None,
) -> Consultation:
    """Saves ``client`` (new or changed) and a new individual ``consultation`` of theirs at the
    counsellor's centre; returns the consultation, or the earlier one for a repeated token."""
    token = token or new_submission_token()
    earlier = _already_submitted(token)
    if earlier is not None:
        return earlier
    is_new_client = client.pk is None
    try:
        with transaction.atomic():
            client.network_id = role.network_id
            while is_new_client and Client.objects.filter(code=client.code).exists():
                client.code = new_client_code()
            client.save()
            consultation.client = client
            consultation.network_id = role.network_id
            consultation.centre_id = role.centre_id
            consultation.counsellor_id = role.user_id
            consultation.format = ConsultationFormat.INDIVIDUAL
            consultation.participants = 1
            consultation.submission_token = token
            _attach_questionnaire(consultation, imported)
            consultation.save()
            consultation.topics.set(topics)
            derive_first_consultation(client)
            action = AccessAction.CREATE if is_new_client else AccessAction.UPDATE
            AccessLog.objects.record(role.user, action, client)
    except IntegrityError:
        earlier = _already_submitted(token)
        if earlier is None:
            raise
        return earlier
    consultation.refresh_from_db(fields=["is_first"])
    return consultation
