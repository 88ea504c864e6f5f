"""Art. 17 GDPR: erasure of one client's personal data, asked by one person and approved by a
second (the four-eyes rule). Views in ``erasure_views``.

- Asking: a counsellor or the coordinator of the client's network, with a reason. One open
  request per client; an already anonymised client cannot be asked for again.
- Deciding: a coordinator of the same network who did not ask (the database refuses the same
  person too: constraint ``erasure_second_person``). Everyone else is refused; the refusal is
  logged.
- Approving anonymises the client exactly as retention does (``retention.anonymise``): what
  singles the person out (code, years of birth and entry, gender, languages, every free text,
  the questionnaire copies, also in the stored versions) is blanked, what the figures count is
  kept, so every aggregate figure stays the same (tests/counselling/test_erasure.py compares).

Reading chosen: Art. 17(3)(b)/(e) and § 35 BDSG let the programme keep what its reporting duty
needs; the kept attributes are no longer personal data as far as the portal can tell, so
anonymising is erasure within Art. 17. The audit log is not rewritten: its entries keep the old
client code until the log's retention period ends (Art. 17(3)(e), proof of lawful processing).
Each step is an ``erasure`` entry in the log, approval also an ``anonymise`` one.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from counselling.models import (
    AccessAction,
    AccessLog,
    Client,
    ErasureDecision,
    ErasureRequest,
    Role,
    StaffRole,
    normalise_code,
    role_of,
)
from counselling.retention import ANONYMOUS_PREFIX, anonymise


class Refused(Exception):
    """The user may not do this; ``status`` is the HTTP status to answer (403 or 404)."""

    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status = status
        self.detail = detail


def may_request(role: StaffRole | None) -> bool:
    return role is not None and role.role in (Role.COUNSELLOR, Role.COORDINATOR)


def client_for_request(role: StaffRole, raw_code: str) -> Client | None:
    """The client with this code in the requester's network, or None."""
    code = normalise_code(raw_code)
    if not code:
        return None
    return Client.objects.filter(code=code, network_id=role.network_id).first()


def request_problem(client: Client) -> str:
    """Why no request can be made for ``client`` now, or ''."""
    if client.code.startswith(ANONYMOUS_PREFIX):
        return _("This client's data has already been erased.")
    if client.erasure_requests.filter(decision=ErasureDecision.PENDING).exists():
        return _("An erasure of this client's data has already been requested.")
    return ""


def request_erasure(user, client: Client, reason: str) -> ErasureRequest | None:
    """Files the request and logs it; None when another request got there first."""
    try:
        with transaction.atomic():
            erasure = ErasureRequest.objects.create(client=client, requested_by=user, reason=reason)
            AccessLog.objects.record(
                user, AccessAction.ERASURE, client, detail=f"erasure #{erasure.pk} requested"
            )
    except IntegrityError:
        return None
    return erasure


def pending_for(role: StaffRole):
    return ErasureRequest.objects.filter(
        client__network_id=role.network_id, decision=ErasureDecision.PENDING
    ).select_related("client", "requested_by")


def decided_for(role: StaffRole):
    return (
        ErasureRequest.objects.filter(client__network_id=role.network_id)
        .exclude(decision=ErasureDecision.PENDING)
        .select_related("client", "requested_by", "decided_by")[:50]
    )


def decide(user, pk: int, approve: bool) -> ErasureRequest:
    """Approves (and erases) or rejects request ``pk``; raises ``Refused`` otherwise."""
    role = role_of(user)
    with transaction.atomic():
        erasure = (
            ErasureRequest.objects.select_for_update()
            .select_related("client")
            .filter(pk=pk)
            .first()
        )
        if erasure is None or role is None or erasure.client.network_id != role.network_id:
            raise Refused(404, f"erasure #{pk}: not in the user's network")
        if role.role != Role.COORDINATOR:
            raise Refused(403, f"erasure #{pk}: only a coordinator decides")
        if erasure.requested_by_id == user.pk:
            raise Refused(403, f"erasure #{pk}: the requester cannot decide their own request")
        if erasure.decision != ErasureDecision.PENDING:
            raise Refused(403, f"erasure #{pk}: already decided")
        erasure.decided_by = user
        erasure.decided_at = timezone.now()
        erasure.decision = ErasureDecision.APPROVED if approve else ErasureDecision.REJECTED
        erasure.save(update_fields=["decided_by", "decided_at", "decision"])
        AccessLog.objects.record(
            user,
            AccessAction.ERASURE,
            erasure.client,
            detail=f"erasure #{pk} {erasure.decision} (asked by {erasure.requested_by})",
        )
        if approve:
            anonymise([erasure.client_id], reason=f"erasure #{pk} (Art. 17 GDPR)")
            erasure.client.refresh_from_db()
    return erasure
