"""All data the portal holds on one client, for Art. 15 GDPR (access) and Art. 20 (portability):
a JSON document and a printable PDF of the same content.

Included: the client record, every consultation with its topics and referrals, the stored
earlier versions of each consultation (corrections), the dated recognition outcomes, and the
audit log entries about the client (who opened or changed the record and when: the recipients
of Art. 15(1)(c) within the network). Counsellors' names are given as the user names the log
holds. Not included: the figures, which hold no personal data.
"""

from __future__ import annotations

import datetime

from counselling.models import AccessLog, Client

CLIENT_FIELDS = (
    "code", "birth_year", "gender", "nationality", "qualification_country", "residence_status",
    "entry_year", "flight_background", "languages", "occupation_regulated", "recognition_outcome",
)  # fmt: skip
CONSULTATION_FIELDS = (
    "date", "is_first", "service_line", "format", "channel", "language", "duration_minutes",
    "referrals", "next_steps", "note", "questionnaire_code", "questionnaire_answers",
    "questionnaire_result", "questionnaire_rules_version",
)  # fmt: skip
VERSION_FIELDS = ("date", "service_line", "channel", "language", "duration_minutes",
                  "referrals", "next_steps", "note")  # fmt: skip


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _user(user) -> str:
    return user.get_username() if user else ""


def client_data(client: Client) -> dict:
    consultations = []
    for consultation in client.consultations.select_related("centre", "counsellor").order_by(
        "date", "created_at"
    ):
        entry = {name: _plain(getattr(consultation, name)) for name in CONSULTATION_FIELDS}
        entry["centre"] = consultation.centre.name
        entry["counsellor"] = _user(consultation.counsellor)
        entry["topics"] = [topic.name_de for topic in consultation.topics.all()]
        entry["recorded_at"] = _plain(consultation.created_at)
        entry["versions"] = [
            {
                **{name: _plain(getattr(version, name)) for name in VERSION_FIELDS},
                "saved_at": _plain(version.history_date),
                "saved_by": _user(version.history_user),
            }
            for version in consultation.versions.order_by("history_date")
        ]
        consultations.append(entry)
    record = {name: _plain(getattr(client, name)) for name in CLIENT_FIELDS}
    record["network"] = client.network.short_name
    record["reference_occupation"] = (
        client.reference_occupation.name_de if client.reference_occupation else None
    )
    record["created_at"] = _plain(client.created_at)
    return {
        "client": record,
        "consultations": consultations,
        "recognition_outcomes": [
            {
                "date": _plain(change.date),
                "outcome": change.outcome,
                "recorded_by": _user(change.recorded_by),
            }
            for change in client.outcome_changes.in_order().select_related("recorded_by")
        ],
        "access_log": [
            {
                "at": _plain(entry.at),
                "user": entry.username,
                "action": entry.action,
                "detail": entry.detail,
            }
            for entry in AccessLog.objects.filter(client_id=client.pk).order_by("at")
        ],
    }
