"""Art. 17 GDPR erasure with a second person's approval: thin views over ``erasure``.

- ``erasure_new``: a counsellor or the coordinator of the client's network asks, with a reason.
- ``erasure_list``: open and decided requests of the user's network; coordinators decide there.
- ``erasure_decide``: POST only; the decision of a coordinator who did not ask.
Every refusal answers 403 or 404 and is logged (``refused``). Works without JavaScript.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from counselling import audit, erasure
from counselling.models import Role, role_of


class ErasureRequestForm(forms.Form):
    client_code = forms.CharField(label=gettext_lazy("Client code"), max_length=20)
    reason = forms.CharField(
        label=gettext_lazy("Reason for the erasure"),
        help_text=gettext_lazy(
            "For example: the client asked for erasure on a given day. No names, please."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, role=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.role = role
        self.client = None

    def clean_client_code(self):
        raw = self.cleaned_data["client_code"]
        client = erasure.client_for_request(self.role, raw)
        if client is None:
            raise forms.ValidationError(_("No client with this code in your network."))
        problem = erasure.request_problem(client)
        if problem:
            raise forms.ValidationError(problem)
        self.client = client
        return client.code


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])


def _no_access(request, role, detail: str, status: int = 403):
    audit.refused(request, f"{request.method} {request.path[:100]}: {detail}")
    return render(request, "counselling/no_access.html", {"role": role}, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def erasure_new(request):
    role = role_of(request.user)
    if not erasure.may_request(role):
        return _no_access(request, role, "erasure request needs a counsellor or coordinator")
    initial = {"client_code": request.GET.get("client", "")[:20]}
    form = ErasureRequestForm(request.POST or None, initial=initial, role=role)
    if request.method == "POST":
        if form.is_valid():
            done = erasure.request_erasure(request.user, form.client, form.cleaned_data["reason"])
            if done is not None:
                messages.success(
                    request,
                    _("Erasure requested. A coordinator of your network other than you decides."),
                )
                return redirect("counselling:erasure_list")
            form.add_error(
                "client_code", _("An erasure of this client's data has already been requested.")
            )
        return render(request, "counselling/erasure_form.html", {"form": form}, status=400)
    return render(request, "counselling/erasure_form.html", {"form": form})


@never_cache
@require_http_methods(["GET", "HEAD"])
def erasure_list(request):
    role = role_of(request.user)
    if not erasure.may_request(role):
        return _no_access(request, role, "erasure requests need a counsellor or coordinator")
    return _list(request, role)


def _list(request, role, *, error: str = "", status: int = 200):
    context = {
        "role": role,
        "pending": erasure.pending_for(role),
        "decided": erasure.decided_for(role),
        "decides": role.role == Role.COORDINATOR,
        "error": error,
    }
    return render(request, "counselling/erasure_list.html", context, status=status)


@never_cache
@require_POST
def erasure_decide(request, pk: int):
    role = role_of(request.user)
    form = DecisionForm(request.POST)
    if not erasure.may_request(role):
        return _no_access(request, role, f"erasure #{pk}: needs a coordinator")
    if not form.is_valid():
        return _list(request, role, error=_("Please choose to approve or to reject."), status=400)
    try:
        decided = erasure.decide(request.user, pk, form.cleaned_data["decision"] == "approve")
    except erasure.Refused as refusal:
        if refusal.status == 404:
            audit.refused(request, f"POST {request.path[:100]}: {refusal.detail}")
            raise Http404 from refusal
        return _no_access(request, role, refusal.detail)
    if decided.decision == "approved":
        messages.success(
            request,
            _("The client's personal data has been erased; the figures are unchanged."),
        )
    else:
        messages.success(request, _("The erasure request has been rejected."))
    return redirect("counselling:erasure_list")
