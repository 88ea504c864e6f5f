"""Audit log helpers for the views: refusals and reads that a view alone would not log.

The log is ``AccessLog`` (append-only, see its docstring). Questionnaire codes are bearer
secrets, so the log names a saved questionnaire by a short hash of its code, never the code.
"""

from __future__ import annotations

import hashlib

from django.http import Http404

from counselling.models import AccessAction, AccessLog, Client, normalise_code


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()[:12]


def refused(request, detail: str, *, client: Client | None = None, network=None) -> None:
    AccessLog.objects.record(
        request.user, AccessAction.REFUSED, client, detail=detail, network=network
    )


def visible_client_or_404(request, code: str) -> Client:
    """The client with ``code`` in the user's network; a 404 otherwise, logged as refused and
    filed under the network that holds the client (its coordinator sees the attempt)."""
    wanted = normalise_code(code)
    client = Client.objects.visible_to(request.user).filter(code=wanted).first()
    if client is not None:
        return client
    elsewhere = Client.objects.filter(code=wanted).first()
    reason = "in another network" if elsewhere else "no such client"
    refused(request, f"{request.method} {request.path[:120]}: {reason}", client=elsewhere)
    raise Http404


def questionnaire_read(request, code: str) -> None:
    detail = f"questionnaire {code_hash(code)} via {request.path[:120]}"
    AccessLog.objects.record(request.user, AccessAction.IMPORT, detail=detail)


def reopened(request, code: str) -> None:
    """Saved answers reopened by someone with the code (anonymous, as a rule)."""
    AccessLog.objects.record(
        request.user, AccessAction.REOPEN, detail=f"questionnaire {code_hash(code)}"
    )
