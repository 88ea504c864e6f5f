"""Einstellung planen: the planning form, the timeline, saved plans, Herr Delić, calendars.

Thin views: the plan comes from ``pathways.hiring``, the forms from ``pathways.forms.hiring``.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pathways import hiring
from pathways.forms.hiring import DoneForm, HerrDelicForm, PlanForm
from pathways.models import EmployerPlan

SESSION_KEY = "hiring_inputs"


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def start(request):
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid() and not form.needs_details:
            previous = request.session.get(SESSION_KEY) or {}
            request.session[SESSION_KEY] = hiring.inputs_from(
                form.cleaned_data, previous.get("plan_id")
            )
            return redirect("hiring:timeline")
        if form.is_valid():
            # Second step: the questions on the qualification, nothing wrong yet.
            return render(request, "hiring/start.html", {"form": form, "second_step": True})
        return render(request, "hiring/start.html", {"form": form}, status=400)
    form = PlanForm(initial=hiring.initial_from(request.session.get(SESSION_KEY)))
    return render(request, "hiring/start.html", {"form": form})


@login_not_required
@require_safe
def timeline(request):
    inputs = request.session.get(SESSION_KEY)
    if not inputs:
        return redirect("hiring:start")
    result = hiring.build(inputs)
    return render(request, "hiring/timeline.html", hiring.timeline_context(result))


@login_not_required
@require_safe
def timeline_calendar(request):
    inputs = request.session.get(SESSION_KEY)
    result = hiring.build(inputs) if inputs else None
    if result is None or result.best is None:
        raise Http404
    return _ics(hiring.calendar_for(result.best, _plan_id(inputs)), "hiring-plan.ics")


@login_not_required
@require_POST
def save(request):
    inputs = request.session.get(SESSION_KEY)
    saved = hiring.save_plan(inputs, request.LANGUAGE_CODE) if inputs else None
    if saved is None:
        return redirect("hiring:start")
    return redirect("hiring:plan", token=saved.token)


def _done_form(saved, *, data=None):
    keys, earliest = hiring.done_bounds(saved)
    initial = {"step": keys[0] if keys else "", "done_on": timezone.localdate()}
    return DoneForm(data, initial=initial, step_keys=keys, earliest=earliest)


def _confirmation(request, saved):
    """The message after an action, named in the query string (focus moves to it)."""
    rows = {row["key"]: row for row in hiring.plan_context(saved, None)["view"]["steps"]}
    done, reopened = request.GET.get("done"), request.GET.get("reopened")
    if done in rows:
        return gettext("Step %(number)s is marked done. The steps after it are planned again.") % {
            "number": rows[done]["number"]
        }
    if reopened in rows:
        return gettext("Step %(number)s is open again.") % {"number": rows[reopened]["number"]}
    return ""


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan(request, token):
    """The saved plan; its form marks the next step done at this same address."""
    saved = _active_plan(token)
    if request.method == "POST":
        form = _done_form(saved, data=request.POST)
        if form.is_valid():
            key = form.cleaned_data["step"]
            hiring.record_done(saved, key, form.cleaned_data["done_on"])
            return redirect(f"{reverse('hiring:plan', args=[saved.token])}?done={key}")
        context = hiring.plan_context(saved, form)
        return render(request, "hiring/plan.html", context, status=400)
    context = hiring.plan_context(
        saved, _done_form(saved), confirmation=_confirmation(request, saved)
    )
    return render(request, "hiring/plan.html", context)


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def mark_done(request, token):
    """The former address of the form: a POST is handled, a visit goes to the plan."""
    if request.method == "POST":
        return plan(request, token)
    _active_plan(token)
    return redirect("hiring:plan", token=token)


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def reopen(request, token):
    saved = _active_plan(token)
    if request.method != "POST":
        return redirect("hiring:plan", token=saved.token)
    key = hiring.reopen_last(saved)
    url = reverse("hiring:plan", args=[saved.token])
    return redirect(f"{url}?reopened={key}" if key else url)


@login_not_required
@require_safe
def plan_calendar(request, token):
    saved = _active_plan(token)
    with translation.override(saved.language):
        tracked = hiring.track(saved.inputs, saved.baseline, saved.progress)
        body = hiring.calendar_for(tracked.timeline, _plan_id(saved.inputs, saved.token))
    return _ics(body, "hiring-plan.ics")


def _plan_id(inputs, token="draft"):
    """The id the event UIDs derive from: the draft's, kept by the plan saved from it."""
    return inputs.get("plan_id") or token


def _herr_delic_form(request):
    """The example's form, showing the Land and the date of the plan below it."""
    form = HerrDelicForm(request.GET or None)
    start, land = form.start_and_land()
    if not form.is_bound:
        form = HerrDelicForm(initial={"start": start, "land": land})
    return form, start, land


@login_not_required
@require_safe
def herr_delic(request):
    form, start, land = _herr_delic_form(request)
    context = hiring.herr_delic_context(start, land, form)
    template = _partial(request, "hiring/herr_delic.html", "delic-plan")
    response = render(request, template, context, status=400 if form.errors else 200)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_not_required
@require_safe
def herr_delic_calendar(request):
    form, start, land = _herr_delic_form(request)
    if form.errors:
        raise Http404
    body = hiring.calendar_for(hiring.herr_delic_timeline(start, land), f"delic-{start}-{land}")
    return _ics(body, "herr-delic.ics")


def _active_plan(token):
    saved = EmployerPlan.objects.active().filter(token=token).first()
    if saved is None:
        raise Http404
    return saved


def _partial(request, template, name):
    if request.htmx and not request.htmx.history_restore_request:
        return f"{template}#{name}"
    return template


def _ics(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
