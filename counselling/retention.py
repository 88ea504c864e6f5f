"""Retention of counselling records (``manage.py apply_retention``, run daily).

Three rules, each with its setting:

1. Clients without a consultation for ``CLIENT_RETENTION_MONTHS`` (default 36) are anonymised:
   the attributes that single a person out are blanked, the ones the aggregate figures
   (``counselling.reports.figures``) and the data-quality figures count are kept, so that every
   figure of every period stays as it was.
   - blanked on the client: year of birth, year of entry, gender (to "not stated"), languages;
     the client code is replaced by a new one starting with ``X`` (the old code, which the person
     or a paper file may hold, no longer finds the record);
   - blanked on each of their consultations and on every stored version of it (the
     django-simple-history rows): note, next steps, language of the consultation, the
     questionnaire code and the copied questionnaire answers and result;
   - kept: network, nationality, country of the qualification, reference occupation and whether
     it is regulated, residence status, flight background, recognition outcome and its dated
     changes, record key, and per consultation its date, centre, counsellor, service line,
     format, channel, duration, topics and referrals.
   Reading chosen: after this the record is no longer personal data within Art. 4 No. 1 GDPR
   as far as the portal can tell (no code, no birth or entry year, no free text); the kept
   combination of nationality and occupation is what the published figures show anyway.
2. Questionnaire answers copied into a consultation (answers, result, rules version and the
   questionnaire code) are deleted ``QUESTIONNAIRE_COPY_MONTHS`` (default 12) after the
   consultation's date; the history rows never hold the answers (excluded fields) but do hold
   the code, which is blanked there too.
3. Audit log entries older than ``AUDIT_LOG_RETENTION_DAYS`` (default 730) are deleted. The
   trigger of migration 0004 refuses UPDATE always and DELETE of entries younger than 365
   days, for every database role; this command is the one path that deletes.

All updates go through ``QuerySet.update`` so that they write no new history versions. Every
anonymised client gets an audit log entry (``anonymise``); the run itself one more.
"""

from __future__ import annotations

import calendar
import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from counselling.models import (
    CODE_ALPHABET,
    AccessAction,
    AccessLog,
    Client,
    Consultation,
    Gender,
)

ANONYMOUS_PREFIX = "X"


def months_before(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved back by ``months`` calendar months (the 31st to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def anonymous_code() -> str:
    while True:
        code = ANONYMOUS_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _ in range(7))
        if not Client.objects.filter(code=code).exists():
            return code


@dataclass
class Outcome:
    clients_anonymised: int = 0
    consultations_blanked: int = 0
    versions_blanked: int = 0
    questionnaire_copies_deleted: int = 0
    audit_entries_deleted: int = 0
    dry_run: bool = False

    def lines(self) -> list[str]:
        prefix = "would be " if self.dry_run else ""
        return [
            f"clients {prefix}anonymised: {self.clients_anonymised}",
            f"their consultations {prefix}blanked: {self.consultations_blanked}",
            f"stored versions {prefix}blanked: {self.versions_blanked}",
            f"questionnaire copies {prefix}deleted: {self.questionnaire_copies_deleted}",
            f"audit log entries {prefix}deleted: {self.audit_entries_deleted}",
        ]


def clients_due(today: datetime.date):
    """Clients whose last consultation (or, with none, whose record) is older than the limit,
    and not anonymised yet."""
    cutoff = months_before(today, settings.CLIENT_RETENTION_MONTHS)
    cutoff_moment = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return (
        Client.objects.exclude(code__startswith=ANONYMOUS_PREFIX)
        .annotate(last=Max("consultations__date"))
        .filter(Q(last__lt=cutoff) | Q(last__isnull=True, created_at__lt=cutoff_moment))
    )


def questionnaire_copies_due(today: datetime.date):
    cutoff = months_before(today, settings.QUESTIONNAIRE_COPY_MONTHS)
    return Consultation.objects.filter(date__lt=cutoff).filter(
        Q(questionnaire_answers__isnull=False)
        | Q(questionnaire_result__isnull=False)
        | ~Q(questionnaire_code="")
        | ~Q(questionnaire_rules_version="")
    )


def audit_entries_due(now: datetime.datetime):
    return AccessLog.objects.filter(
        at__lt=now - datetime.timedelta(days=settings.AUDIT_LOG_RETENTION_DAYS)
    )


CONSULTATION_BLANKS = {
    "note": "",
    "next_steps": "",
    "language": "",
    "questionnaire_code": "",
    "questionnaire_answers": None,
    "questionnaire_result": None,
    "questionnaire_rules_version": "",
}
# The history rows do not hold the answers and result (excluded fields).
VERSION_BLANKS = {
    key: value
    for key, value in CONSULTATION_BLANKS.items()
    if key not in ("questionnaire_answers", "questionnaire_result")
}


def anonymise(client_ids: list[int], *, reason: str) -> tuple[int, int]:
    """Blanks ``client_ids`` and their consultations with every stored version; returns the
    numbers of consultations and versions blanked."""
    versions_model = Consultation.versions.model
    consultations = Consultation.objects.filter(client_id__in=client_ids)
    consultation_ids = list(consultations.values_list("pk", flat=True))
    blanked = consultations.update(**CONSULTATION_BLANKS)
    versions = versions_model.objects.filter(id__in=consultation_ids).update(**VERSION_BLANKS)
    entries = []
    for client in Client.objects.filter(pk__in=client_ids):
        client.code = anonymous_code()
        Client.objects.filter(pk=client.pk).update(
            code=client.code,
            birth_year=None,
            entry_year=None,
            gender=Gender.NOT_STATED,
            languages=[],
            updated_at=timezone.now(),
        )
        entries.append(
            AccessLog(
                username="",
                action=AccessAction.ANONYMISE,
                client_id=client.pk,
                client_code=client.code,
                network_id=client.network_id,
                detail=reason[:300],
            )
        )
    AccessLog.objects.bulk_create(entries)
    return blanked, versions


def apply_retention(
    *, today: datetime.date | None = None, now: datetime.datetime | None = None, dry_run=False
) -> Outcome:
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    outcome = Outcome(dry_run=dry_run)
    with transaction.atomic():
        due = list(clients_due(today).values_list("pk", flat=True))
        copies = questionnaire_copies_due(today)
        old_entries = audit_entries_due(now)
        outcome.clients_anonymised = len(due)
        if dry_run:
            consultations = Consultation.objects.filter(client_id__in=due)
            outcome.consultations_blanked = consultations.count()
            outcome.versions_blanked = Consultation.versions.model.objects.filter(
                id__in=consultations.values("pk")
            ).count()
            outcome.questionnaire_copies_deleted = copies.exclude(client_id__in=due).count()
            outcome.audit_entries_deleted = old_entries.count()
            return outcome
        months = settings.CLIENT_RETENTION_MONTHS
        outcome.consultations_blanked, outcome.versions_blanked = anonymise(
            due, reason=f"retention: no consultation for {months} months"
        )
        copy_ids = list(copies.values_list("pk", flat=True))
        outcome.questionnaire_copies_deleted = Consultation.objects.filter(pk__in=copy_ids).update(
            questionnaire_code="",
            questionnaire_answers=None,
            questionnaire_result=None,
            questionnaire_rules_version="",
        )
        Consultation.versions.model.objects.filter(id__in=copy_ids).update(
            questionnaire_code="", questionnaire_rules_version=""
        )
        outcome.audit_entries_deleted, _ = old_entries.delete()
        AccessLog.objects.create(
            username="",
            action=AccessAction.ANONYMISE,
            detail="apply_retention: " + "; ".join(outcome.lines()),
        )
    return outcome
