"""The audit log of one network, for its coordinator (and nobody else in the app)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from counselling import audit
from counselling.models import AccessAction, AccessLog, Role, role_of

PER_PAGE = 50


@require_safe
def network_log(request):
    role = role_of(request.user)
    if role is None or role.role != Role.COORDINATOR:
        audit.refused(request, f"GET {request.path[:120]}: only coordinators")
        return render(request, "counselling/no_access.html", {"role": role}, status=403)
    entries = AccessLog.objects.of_network(role.network_id)
    action = request.GET.get("action", "")
    if action in AccessAction.values:
        entries = entries.filter(action=action)
    number = request.GET.get("page", "1")
    # Reading the log is itself logged (it names people and client codes), before the page is
    # counted, so that the count and the rows shown agree.
    AccessLog.objects.record(
        request.user, AccessAction.VIEW, detail=f"audit log page {number[:10]}"
    )
    page = Paginator(entries.order_by("-at", "-pk"), PER_PAGE).get_page(number)
    context = {"role": role, "page": page, "actions": AccessAction.choices, "action": action}
    return render(request, "counselling/audit_log.html", context)
