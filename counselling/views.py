"""Counselling views: thin; scoping comes from the QuerySets, writes from ``services``."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import HttpResponseClientRedirect

from counselling import (
    audit,
    corrections,
    disclosure,
    duplicates,
    exports,
    figures_cache,
    monitoring_export,
    quality,
    questionnaire,
    reference,
    reports,
    spreadsheet,
)
from counselling.forms import (
    SUBMISSION_TOKEN,
    ClientForm,
    ClientSearchForm,
    ConsultationForm,
    EmployerConsultationForm,
    FiguresForm,
    GroupSessionForm,
    RecognitionUpdateForm,
    recent_defaults,
)
from counselling.models import (
    AccessAction,
    AccessLog,
    Client,
    Consultation,
    ConsultationFormat,
    Network,
    Occupation,
    normalise_code,
    role_of,
)
from counselling.services import (
    new_submission_token,
    record_consultation,
    record_without_client,
)
from iqportal.db_routers import reports_db


def with_role(*, counsellor_only: bool):
    """Passes the user's ``StaffRole``; without a (fitting) role, a 403 page that says why."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            role = role_of(request.user)
            if role is None or (counsellor_only and not role.is_counsellor):
                audit.refused(request, f"{request.method} {request.path[:120]}: role")
                return render(request, "counselling/no_access.html", {"role": role}, status=403)
            return view(request, role, *args, **kwargs)

        return wrapped

    return decorator


def _htmx_render(request, template: str, partial: str, context: dict, status: int = 200):
    if request.htmx and status >= 400:
        # htmx swaps no 4xx response, and the error summary stands above the partial: the
        # browser loads the whole page of the same address instead (GET views only), which
        # shows the errors with what was typed.
        return HttpResponseClientRedirect(request.get_full_path())
    name = (
        f"{template}#{partial}"
        if request.htmx and not request.htmx.history_restore_request
        else template
    )
    response = render(request, name, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def dashboard(request):
    role = role_of(request.user)
    latest = Consultation.objects.latest_without_client_by(request.user)
    context = {"role": role, "search": ClientSearchForm(), "latest": latest}
    return render(request, "counselling/dashboard.html", context)


@require_safe
@with_role(counsellor_only=True)
def client_search(request, role):
    form = ClientSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = Client.objects.visible_to(request.user).code_starts_with(query)
    # Only what the list shows: the other fields (dates, the languages' JSON) of twenty rows
    # were converted for nothing.
    clients = list(found.only("code", "birth_year", "nationality")[:20])
    if len(clients) == 1 and clients[0].code == normalise_code(query) and not request.htmx:
        return redirect("counselling:client", code=clients[0].code)
    if query:
        AccessLog.objects.record(request.user, AccessAction.SEARCH, detail=query)
    context = {"form": form, "query": query, "clients": clients}
    return _htmx_render(request, "counselling/client_search.html", "results", context)


@require_safe
@with_role(counsellor_only=True)
def client_detail(request, role, code):
    client = audit.visible_client_or_404(request, code)
    AccessLog.objects.record(request.user, AccessAction.VIEW, client)
    history = list(client.consultations.history())
    context = {
        "client": client,
        "history": history,
        "carried": history[0] if history else None,
        "outcomes": client.outcome_changes.latest_first().select_related("recorded_by"),
    }
    return render(request, "counselling/client_detail.html", context)


def _imported(request):
    raw = request.POST.get("questionnaire_code") or request.GET.get("questionnaire", "")
    found = questionnaire.find(raw) if raw.strip() else None
    if found:
        audit.questionnaire_read(request, found.code)
    return raw.strip(), found


def _import_context(raw_code, imported):
    error = _("No questionnaire with this code was found, or it has expired.")
    return {"imported": imported, "raw_code": raw_code,
            "import_error": error if raw_code and not imported else ""}  # fmt: skip


def _status(request, raw_code, imported) -> int:
    """400 for a form with errors, 404 for a questionnaire code that finds nothing."""
    if request.method == "POST":
        return 400
    return 404 if raw_code and not imported else 200


def _consultation_form(request, imported, defaults):
    initial = {"submission_token": new_submission_token(), **defaults}
    if imported:
        initial["questionnaire_code"] = imported.code
    return ConsultationForm(request.POST or None, initial=initial)


CORRECTED = gettext_lazy("The correction has been saved; the earlier version is kept.")


def _resubmitted(request, role):
    """A form sent again after it was saved (Back, change, save): the change is a correction of
    the consultation saved first, while the counsellor may still correct it."""
    token = request.POST.get("submission_token", "")
    if not SUBMISSION_TOKEN.fullmatch(token):
        return None
    earlier = Consultation.objects.visible_to(request.user).filter(submission_token=token).first()
    if earlier is None:
        return None
    form = ConsultationForm(request.POST, instance=earlier)
    if corrections.can_correct(request.user, earlier) and form.is_valid() and form.has_changed():
        corrections.correct(role, form.save(commit=False), form.cleaned_data["topics"])
        messages.success(request, CORRECTED)
    else:
        messages.info(request, _("This consultation had already been saved."))
    return redirect("counselling:client", code=earlier.client.code)


def _same_person_answer(request):
    return request.POST.get("new_person") or request.GET.get("new_person")


@require_http_methods(["GET", "POST"])
@with_role(counsellor_only=True)
def first_consultation(request, role):
    if request.method == "POST" and (resubmitted := _resubmitted(request, role)):
        return resubmitted
    raw_code, imported = _imported(request)
    earlier = None if _same_person_answer(request) or not imported else (
        duplicates.earlier_import(request.user, imported.code))  # fmt: skip
    if earlier is not None:
        context = {"earlier": earlier, "imported": imported}
        return render(request, "counselling/same_person.html", context)
    today = timezone.localdate()
    defaults = (
        questionnaire.client_defaults(imported.answers, today, imported.language)
        if imported
        else {}
    )
    client_form = ClientForm(request.POST or None, initial=defaults, prefix="client")
    form = _consultation_form(
        request, imported, recent_defaults(Consultation.objects.recent_by(request.user))
    )
    candidates = []
    if request.method == "POST" and client_form.is_valid() and form.is_valid():
        client = client_form.save(commit=False)
        same = request.POST.get("same_as")
        if same:
            client = audit.visible_client_or_404(request, same)
        elif not _same_person_answer(request):
            candidates = duplicates.possible_same_people(role, client, today)
        if not candidates:
            consultation = record_consultation(
                role=role, client=client, consultation=form.save(commit=False),
                topics=form.cleaned_data["topics"], token=form.cleaned_data["submission_token"],
                imported=imported,
            )  # fmt: skip
            messages.success(request, _("The consultation has been saved.") if same
                             else _("The first consultation has been saved."))  # fmt: skip
            return redirect("counselling:client", code=consultation.client.code)
    derived = questionnaire.birth_year_from_age(imported.answers, today) if imported else None
    context = {"client_form": client_form, "form": form, "form_list": [client_form, form],
               "candidates": candidates, "derived_birth_year": derived,
               **_import_context(raw_code, imported)}  # fmt: skip
    status = 200 if candidates else _status(request, raw_code, imported)
    return render(request, "counselling/consultation_form.html", context, status=status)


def _follow_up_defaults(request, last):
    """The counsellor's usual choices, and the language of the client's last consultation."""
    defaults = recent_defaults(Consultation.objects.recent_by(request.user))
    if last is not None:
        defaults["language"] = last.language
    return defaults


@require_http_methods(["GET", "POST"])
@with_role(counsellor_only=True)
def follow_up(request, role, code):
    client = audit.visible_client_or_404(request, code)
    if request.method == "POST" and (resubmitted := _resubmitted(request, role)):
        return resubmitted
    raw_code, imported = _imported(request)
    history = list(client.consultations.history())
    last = history[0] if history else None
    client_form = RecognitionUpdateForm(request.POST or None, instance=client, prefix="client")
    form = _consultation_form(request, imported, _follow_up_defaults(request, last))
    if request.method == "POST" and client_form.is_valid() and form.is_valid():
        record_consultation(
            role=role, client=client_form.save(commit=False), consultation=form.save(commit=False),
            topics=form.cleaned_data["topics"], token=form.cleaned_data["submission_token"],
            imported=imported,
        )  # fmt: skip
        messages.success(request, _("The follow-up consultation has been saved."))
        return redirect("counselling:client", code=client.code)
    AccessLog.objects.record(request.user, AccessAction.VIEW, client)
    context = {"client": client, "client_form": client_form, "form": form,
               "form_list": [client_form, form], "history": history, "carried": last,
               **_import_context(raw_code, imported)}  # fmt: skip
    status = _status(request, raw_code, imported)
    return render(request, "counselling/consultation_form.html", context, status=status)


# Consultations without a client record: the form and the message once it is saved, by kind.
WITHOUT_CLIENT = {
    "group": (GroupSessionForm, gettext_lazy("The group session has been saved.")),
    "employer": (
        EmployerConsultationForm,
        gettext_lazy("The employer consultation has been saved."),
    ),
}


@require_http_methods(["GET", "POST"])
@with_role(counsellor_only=True)
def consultation_without_client(request, role, kind):
    form_class, saved = WITHOUT_CLIENT[kind]
    form = form_class(request.POST or None, initial={"submission_token": new_submission_token()})
    if request.method == "POST" and form.is_valid():
        record_without_client(
            role=role, consultation=form.save(commit=False), topics=form.cleaned_data["topics"],
            token=form.cleaned_data["submission_token"],
        )  # fmt: skip
        messages.success(request, saved)
        return redirect("counselling:dashboard")
    context = {"form": form, "form_list": [form], "kind": kind}
    status = 400 if request.method == "POST" else 200
    return render(request, "counselling/session_form.html", context, status=status)


EDIT_FORMS = {
    ConsultationFormat.INDIVIDUAL: ConsultationForm,
    ConsultationFormat.GROUP: GroupSessionForm,
    ConsultationFormat.EMPLOYER: EmployerConsultationForm,
}


@require_http_methods(["GET", "POST"])
@with_role(counsellor_only=True)
def consultation_edit(request, role, pk):
    consultation = get_object_or_404(Consultation.objects.visible_to(request.user), pk=pk)
    if not corrections.can_correct(request.user, consultation):
        context = {"role": role, "consultation": consultation,
                   "until": corrections.correctable_until(consultation)}  # fmt: skip
        return render(request, "counselling/no_correction.html", context, status=403)
    form = EDIT_FORMS[consultation.format](request.POST or None, instance=consultation)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            corrections.correct(role, form.save(commit=False), form.cleaned_data["topics"])
            messages.success(request, CORRECTED)
        else:
            messages.info(request, _("Nothing was changed."))
        if consultation.client_id:
            return redirect("counselling:client", code=consultation.client.code)
        return redirect("counselling:dashboard")
    context = {"form": form, "form_list": [form], "consultation": consultation,
               "versions": corrections.versions(consultation),
               "until": corrections.correctable_until(consultation)}  # fmt: skip
    status = 400 if request.method == "POST" else 200
    return render(request, "counselling/consultation_edit.html", context, status=status)


@require_safe
@with_role(counsellor_only=True)
def country_options(request, role):
    text = (
        request.GET.get("q")
        or request.GET.get("client-nationality")
        or request.GET.get("client-qualification_country", "")
    )
    options = [country.name for country in reference.countries_matching(text)]
    return render(request, "counselling/lookup.html#country-options", {"options": options})


@require_safe
@with_role(counsellor_only=True)
def occupation_options(request, role):
    text = request.GET.get("q") or request.GET.get("client-reference_occupation", "")
    options = [o.name for o in Occupation.objects.matching(text)[:12]] if text.strip() else []
    return render(request, "counselling/lookup.html#occupation-options", {"options": options})


def _scope(request, role):
    """The networks whose figures are asked for: one (by slug) or all the role may see."""
    reportable = Network.objects.reportable_by(request.user)
    slug = request.GET.get("network", "")
    if slug and slug != "all":
        network = reportable.filter(slug=slug).first()
        if network is None:
            audit.refused(request, f"figures of network {slug[:80]!r}")
            raise Http404
        return reportable.filter(pk=network.pk), slug
    if role.suppresses_small_cells:
        return reportable, "all"
    return reportable, reportable.values_list("slug", flat=True).first() or ""


def _period(form, role):
    """The period asked for; whole calendar months for the programme-wide role, whose figures
    are perturbed (``counselling.disclosure``). Coordinators see exact figures of their own
    network only (``Network.objects.reportable_by``)."""
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    if role.suppresses_small_cells:
        return disclosure.whole_months(start, end)
    return start, end


@require_safe
@with_role(counsellor_only=False)
def figures(request, role):
    networks, slug = _scope(request, role)
    form = FiguresForm(request.GET)
    choices = Network.objects.reportable_by(request.user).order_by("-valid_from", "short_name")
    context = {"form": form, "form_list": [form], "role": role, "slug": slug, "choices": choices,
               "figures": None}  # fmt: skip
    if form.is_valid():
        start, end = _period(form, role)
        suppressed = role.suppresses_small_cells

        def computed():
            result = reports.figures(networks, start, end, suppressed=suppressed)
            return quality.with_quality(result)

        # Computed only where the template does not find the rendered figures in the cache.
        context["figures"] = SimpleLazyObject(computed)
        context["figures_key"] = figures_cache.key(
            networks.using(reports_db()), start, end, suppressed
        )
        # The query of every download link (about thirty on the page).
        context["period_query"] = f"network={slug}&start={start:%Y-%m-%d}&end={end:%Y-%m-%d}"
    return _htmx_render(
        request, "counselling/figures.html", "figures", context, 200 if form.is_valid() else 400
    )


@require_safe
@with_role(counsellor_only=False)
def export(request, role, key, extension):
    networks, _slug = _scope(request, role)
    form = FiguresForm(request.GET)
    if not form.is_valid():
        return render(request, "counselling/figures.html", {"form": form, "role": role}, status=400)
    start, end = _period(form, role)
    result = reports.figures(networks, start, end, suppressed=role.suppresses_small_cells)
    result = quality.with_quality(result)
    tables = result.tables if key == "all" else [t for t in result.tables if t.key == key]
    if not tables or (extension == "csv" and key == "all"):
        raise Http404
    AccessLog.objects.record(
        request.user, AccessAction.EXPORT,
        detail=f"figures {key}.{extension} {_slug or 'all'} {start:%Y-%m-%d}..{end:%Y-%m-%d}",
    )  # fmt: skip
    if extension == "csv":
        return exports.csv_response(result, tables[0], spreadsheet.separator_of(request))
    return exports.xlsx_response(result, tables, key)


@require_safe
@with_role(counsellor_only=False)
def monitoring(request, role, extension):
    """Every consultation of the network in the period, one row each, for the programme's
    monitoring; the programme-wide role sees aggregates only, so it gets no rows."""
    if role.suppresses_small_cells:
        return render(request, "counselling/no_access.html", {"role": role}, status=403)
    networks, _slug = _scope(request, role)
    form = FiguresForm(request.GET)
    if not form.is_valid():
        return render(request, "counselling/figures.html", {"form": form, "role": role}, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    AccessLog.objects.record(
        request.user, AccessAction.EXPORT,
        detail=f"monitoring.{extension} {_slug or 'all'} {start:%Y-%m-%d}..{end:%Y-%m-%d}",
    )  # fmt: skip
    return monitoring_export.response(
        networks, start, end, extension, spreadsheet.separator_of(request)
    )


@require_safe
@with_role(counsellor_only=False)
def monitoring_dictionary(request, role, extension):
    return monitoring_export.dictionary_response(extension, spreadsheet.separator_of(request))
