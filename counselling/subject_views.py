"""Art. 15/20 GDPR: all data on one client as JSON or a printable PDF, for the counsellors of
the client's network; every export is logged (``export``). Logic in ``subject_access``."""

from __future__ import annotations

import json

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from counselling import audit
from counselling.models import AccessAction, AccessLog
from counselling.subject_access import client_data
from counselling.views import with_role


def _exported(request, code: str, kind: str):
    client = audit.visible_client_or_404(request, code)
    AccessLog.objects.record(
        request.user, AccessAction.EXPORT, client, detail=f"all data on the client ({kind})"
    )
    return client, client_data(client)


@never_cache
@require_safe
@with_role(counsellor_only=True)
def client_json(request, role, code):
    client, data = _exported(request, code, "JSON, Art. 15/20 GDPR")
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="iq-client-{client.code}.json"'
    return response


@never_cache
@require_safe
@with_role(counsellor_only=True)
def client_pdf(request, role, code):
    from weasyprint import CSS, HTML  # a heavy import, only where a PDF is made

    client, data = _exported(request, code, "PDF, Art. 15 GDPR")
    html = render_to_string(
        "counselling/client_data_pdf.html", {"client": client, "data": data}, request=request
    )
    stylesheet = CSS(filename=finders.find("css/result_pdf.css"))
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        stylesheets=[stylesheet]
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="iq-client-{client.code}.pdf"'
    return response
