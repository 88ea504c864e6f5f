"""Writes that touch several models: a consultation with its client, topics, derived
Erstberatung/Folgeberatung, dated recognition outcome and access log, all in one transaction.

A form carries a one-time ``submission_token``; the unique constraint on it makes a second
POST of the same form (double click, retry after a timeout) return the first consultation
instead of creating another. Group sessions and employers' consultations (no client) go through
``record_without_client`` with the same protection.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.db import IntegrityError, transaction

from counselling import rollups
from counselling.models import (
    AccessAction,
    AccessLog,
    Client,
    Consultation,
    ConsultationFormat,
    RecognitionOutcomeChange,
    ServiceLine,
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
    rollups.refresh_client(client.pk)


def record_outcome_change(
    client: Client, previous: str | None, consultation: Consultation, user=None
) -> RecognitionOutcomeChange | None:
    """Dates ``client``'s recognition outcome at ``consultation`` if it differs from
    ``previous`` (the outcome stored before, None for a new client); returns the new row."""
    if client.recognition_outcome == previous:
        return None
    return RecognitionOutcomeChange.objects.create(
        client=client,
        network_id=client.network_id,
        outcome=client.recognition_outcome,
        date=consultation.date,
        recorded_by=user,
        consultation=consultation,
    )


def _attach_questionnaire(consultation: Consultation, imported: Imported | None) -> None:
    if imported is None:
        return
    consultation.questionnaire_code = imported.code
    consultation.questionnaire_answers = imported.answers
    consultation.questionnaire_result = imported.result
    consultation.questionnaire_rules_version = imported.rules_version


def _already_submitted(token: str) -> Consultation | None:
    return Consultation.objects.filter(submission_token=token).select_related("client").first()


def _once(token: str, write: Callable[[], Consultation]) -> Consultation:
    """Runs ``write`` in a transaction unless ``token`` was used already; a second POST racing
    the first loses on the unique token and gets the first one's consultation."""
    earlier = _already_submitted(token)
    if earlier is not None:
        return earlier
    try:
        with transaction.atomic():
            return write()
    except IntegrityError:
        earlier = _already_submitted(token)
        if earlier is None:
            raise
        return earlier


def _stored_outcome(client: Client) -> str | None:
    """The outcome in the database, before a form changed ``client`` in memory."""
    stored = Client.objects.select_for_update().filter(pk=client.pk)
    return stored.values_list("recognition_outcome", flat=True).first()


def _at_centre(consultation: Consultation, role: StaffRole, token: str) -> None:
    consultation.network_id = role.network_id
    consultation.centre_id = role.centre_id
    consultation.counsellor_id = role.user_id
    consultation.submission_token = token


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
    is_new_client = client.pk is None
    # The generated token is the one stored: never '' (unique), which would refuse the next.
    token = token or new_submission_token()

    def write() -> Consultation:
        client.network_id = role.network_id
        while is_new_client and Client.objects.filter(code=client.code).exists():
            client.code = new_client_code()
        previous = None if is_new_client else _stored_outcome(client)
        client.save()
        consultation.client = client
        _at_centre(consultation, role, token)
        consultation.format = ConsultationFormat.INDIVIDUAL
        consultation.participants = 1
        _attach_questionnaire(consultation, imported)
        consultation.save()
        consultation.topics.set(topics)
        derive_first_consultation(client)
        record_outcome_change(client, previous, consultation, role.user)
        action = AccessAction.CREATE if is_new_client else AccessAction.UPDATE
        AccessLog.objects.record(role.user, action, client)
        consultation.refresh_from_db(fields=["is_first"])
        return consultation

    return _once(token, write)


def record_without_client(
    *, role: StaffRole, consultation: Consultation, topics, token: str
) -> Consultation:
    """Saves a group session or an employer's consultation (``consultation.format`` says
    which) at the counsellor's centre; no client, so no Erst-/Folgeberatung and no access log.
    Returns the consultation, or the earlier one for a repeated token."""
    token = token or new_submission_token()

    def write() -> Consultation:
        consultation.client = None
        consultation.is_first = None
        _at_centre(consultation, role, token)
        if consultation.format == ConsultationFormat.EMPLOYER:
            consultation.service_line = ServiceLine.EMPLOYERS
        if consultation.format != ConsultationFormat.GROUP:
            consultation.participants = 1
        consultation.save()
        consultation.topics.set(topics)
        return consultation

    return _once(token, write)
