"""Einstellung planen: the planning form, the timeline, saved plans, Herr Delić, calendars."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST, require_safe

from pathways import hiring
from pathways.forms.hiring import HerrDelicForm, PlanForm
from pathways.models import EmployerPlan

SESSION_KEY = "hiring_inputs"


@login_not_required
def start(request):
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            request.session[SESSION_KEY] = hiring.inputs_from(form.cleaned_data)
            return redirect("hiring:timeline")
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
    return _ics(hiring.calendar_for(result.best, "draft"), "hiring-plan.ics")


@login_not_required
@require_POST
def save(request):
    inputs = request.session.get(SESSION_KEY)
    saved = hiring.save_plan(inputs, request.LANGUAGE_CODE) if inputs else None
    if saved is None:
        return redirect("hiring:start")
    return redirect("hiring:plan", token=saved.token)


@login_not_required
@require_safe
def plan(request, token):
    saved = _active_plan(token)
    form = hiring.done_form(saved, initial={"done_on": timezone.localdate()})
    return render(request, "hiring/plan.html", hiring.plan_context(saved, form))


@login_not_required
@require_POST
def mark_done(request, token):
    saved = _active_plan(token)
    form = hiring.done_form(saved, data=request.POST)
    if form.is_valid():
        hiring.record_done(saved, form.cleaned_data["step"], form.cleaned_data["done_on"])
        return redirect("hiring:plan", token=saved.token)
    return render(request, "hiring/plan.html", hiring.plan_context(saved, form), status=400)


@login_not_required
@require_POST
def reopen(request, token):
    saved = _active_plan(token)
    hiring.reopen_last(saved)
    return redirect("hiring:plan", token=saved.token)


@login_not_required
@require_safe
def plan_calendar(request, token):
    saved = _active_plan(token)
    with translation.override(saved.language):
        tracked = hiring.track(saved.inputs, saved.baseline, saved.progress)
        body = hiring.calendar_for(tracked.timeline, saved.token[:12])
    return _ics(body, "hiring-plan.ics")


@login_not_required
@require_safe
def herr_delic(request):
    form = HerrDelicForm(request.GET or None)
    start, land = form.start_and_land()
    context = hiring.herr_delic_context(start, land, form)
    template = _partial(request, "hiring/herr_delic.html", "delic-plan")
    response = render(request, template, context, status=400 if form.errors else 200)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_not_required
@require_safe
def herr_delic_calendar(request):
    form = HerrDelicForm(request.GET or None)
    if form.errors:
        raise Http404
    start, land = form.start_and_land()
    body = hiring.calendar_for(hiring.herr_delic_timeline(start, land), f"delic-{start:%Y%m%d}")
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
