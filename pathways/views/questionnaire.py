"""Views of the questionnaire "Welcher Weg passt zu mir?".

Thin views: the flow (``pathways.questionnaire.Flow``) rebuilds the person's state from the
answers in the session; the views parse, ask the flow, and render. With htmx, a question page
answers with its ``question`` partial only; without JavaScript every step is POST, redirect,
GET.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import HttpResponseClientRedirect

from pathways import throttle
from pathways.advice import result_context, saved_context
from pathways.forms.questionnaire import AnswerForm, CodeForm, initial_answer
from pathways.questionnaire import (
    KEPT,
    PROMISE,
    TITLES,
    Flow,
    countries,
    find_saved,
    holds,
    language,
    normalise_code,
    saved_or_404,
    unlock,
)
from pathways.rules.questions import choices_for

GET_POST = require_http_methods(["GET", "POST"])


def _url(step: str | None) -> str:
    """The URL of a question id, of "review", or of the start page (None)."""
    if step is None:
        return reverse("questionnaire:start")
    if step == "review":
        return reverse("questionnaire:review")
    return reverse("questionnaire:question", args=[step])


def _next_url(flow: Flow) -> str:
    return _url(flow.current.id if flow.current else "review")


def _page(request, template, context, *, partial=None, status=200):
    """The full page, or for htmx (not a history restore) only its partial, URL pushed."""
    fragment = bool(partial and request.htmx and not request.htmx.history_restore_request)
    name = f"{template}#{partial}" if fragment else template
    response = render(request, name, {**context, "fragment": fragment}, status=status)
    if fragment and request.method == "GET":
        response["HX-Push-Url"] = request.get_full_path()
    patch_vary_headers(response, ["HX-Request"])
    return response


def _why(flow, question):
    """ "Warum fragen wir das?": the ways this question's answer decides, by name."""
    lang = language()
    return [TITLES[key].get(lang) for key in flow.decides(question) if key in TITLES]


def _question_page(request, flow, question, form, *, status=200, notice=None):
    number, total = flow.position(question)
    title = question.label.get(language())
    context = {
        "title": f"{_('Error:')} {title}" if form.message or notice else title,
        "question": question,
        "form": form,
        "typed": form.typed,
        "number": number,
        "total": total,
        "back_url": _url(flow.back(question)),
        "back_is_question": flow.back(question) not in (None, "review"),
        "action": _url(question.id),
        "countries": countries(language()) if question.kind == "country" else (),
        "notice": notice,
        "why": _why(flow, question),
        "choices": choices_for(question, flow.answers),
    }
    return _page(request, "questionnaire/question.html", context, partial="question", status=status)


@login_not_required
@require_safe
def start(request):
    flow = Flow(request)
    return render(
        request,
        "questionnaire/start.html",
        {"flow": flow, "next_url": _next_url(flow), "kept": KEPT, "promise": PROMISE},
    )


@login_not_required
@never_cache
@GET_POST
def question(request, question_id):
    flow = Flow(request)
    asked = flow.question(question_id)
    if not flow.reachable(asked):
        if request.method == "GET":
            return redirect(_next_url(flow))
        return _out_of_order(request, flow)
    initial = {"answer": initial_answer(asked, flow.answers)}
    form = AnswerForm(
        asked,
        request.POST if request.method == "POST" else None,
        initial=initial,
        answers=flow.answers,
    )
    if form.is_bound and form.is_valid():
        flow.answer(asked, form.cleaned_data["value"], form.cleaned_data.get("also"))
        if request.htmx and flow.complete:
            return HttpResponseClientRedirect(_next_url(flow))
        return redirect(_next_url(flow))
    return _question_page(request, flow, asked, form, status=form.status if form.is_bound else 200)


def _out_of_order(request, flow):
    """A post to a question that is not (or no longer) asked: say so, show the current one."""
    notice = _(
        "This question is not asked yet or no longer applies to you. "
        "Your answers so far are kept; please continue here."
    )
    if flow.complete:
        context = {"notice": notice, "next_url": _next_url(flow)}
        return _page(
            request, "questionnaire/out_of_order.html", context, partial="question", status=409
        )
    current = flow.current
    form = AnswerForm(current, initial={"answer": ""})
    return _question_page(request, flow, current, form, status=409, notice=notice)


@login_not_required
@never_cache
@require_safe
def review(request):
    flow = Flow(request)
    if not flow.complete or not flow.started:
        return redirect(_next_url(flow))
    context = {"rows": flow.rows(), "flow": flow, "more": len(flow.remaining())}
    return render(request, "questionnaire/review.html", context)


@login_not_required
@never_cache
@require_http_methods(["POST"])
def more(request):
    """ "Weitere Wege prüfen": the questions that only the other ways need, after the best
    way is settled."""
    flow = Flow(request)
    if not flow.started:
        return redirect("questionnaire:start")
    flow.check_more()
    return redirect(_next_url(flow))


@login_not_required
@never_cache
@require_safe
def result(request):
    flow = Flow(request)
    if not flow.complete or not flow.started:
        return redirect(_next_url(flow))
    context = {**result_context(flow, language()), "more": len(flow.remaining())}
    return render(request, "questionnaire/result.html", context)


@login_not_required
@never_cache
@GET_POST
def save(request):
    flow = Flow(request)
    if request.method == "POST" and flow.started:
        flow.save(language())
        return redirect("questionnaire:save")
    saved = flow.saved()
    if saved is None:
        return redirect("questionnaire:start")
    # The link to type the code at: a link with the code in it would be a bearer secret in
    # browser histories and logs.
    link = request.build_absolute_uri(reverse("questionnaire:resume"))
    return render(
        request,
        "questionnaire/saved.html",
        {"saved": saved, "link": link, "flow": flow, "kept": KEPT},
    )


@login_not_required
@never_cache
@GET_POST
def resume(request):
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        if not (verdict := throttle.check(request)).allowed:
            return _too_many(request, verdict)
        saved = find_saved(form.cleaned_data["code"])
        if saved is not None:
            unlock(request, saved.code)
            _log_reopening(request, saved.code)
            return redirect("questionnaire:reopen", code=saved.code)
        throttle.wrong_code(request)
        form.add_error(
            "code",
            _(
                "We found no saved answers for this code. Check the code; "
                "codes expire after %(code_days)s days."
            )
            % KEPT,
        )
    status = 400 if form.is_bound else 200
    return render(request, "questionnaire/resume.html", {"form": form}, status=status)


@login_not_required
@never_cache
@GET_POST
def reopen(request, code):
    if not holds(request, code):
        # Only the URL: no lookup (so no guessing oracle) and nothing of the answers.
        notice = _("To see saved answers, enter their code.")
        context = {"form": CodeForm(), "notice": notice}
        return render(request, "questionnaire/resume.html", context)
    saved = saved_or_404(code)
    if request.method == "POST":
        flow = Flow(request)
        flow.reopen(saved)
        _log_reopening(request, saved.code)
        if request.POST.get("next") == "review" and flow.complete:
            return redirect("questionnaire:review")
        return redirect(_next_url(flow) if not flow.complete else "questionnaire:result")
    return render(request, "questionnaire/reopen.html", saved_context(saved))


@login_not_required
@never_cache
@GET_POST
def delete(request):
    """Deletes the session's answers and those saved behind its code; answers saved behind
    another code only with that code typed again (throttled like "Continue with a code")."""
    flow = Flow(request)
    if request.method == "GET":
        return render(request, "questionnaire/delete.html", {"flow": flow, "form": CodeForm()})
    code = normalise_code(request.POST.get("code", ""))
    if code and not holds(request, code):
        return _delete_by_typed_code(request, flow)
    saved = find_saved(code) if code else None
    if saved is None and not (flow.started or flow.code):
        context = {"flow": flow, "form": CodeForm(), "nothing": True}
        return render(request, "questionnaire/delete.html", context, status=400)
    if saved is not None:
        saved.delete()
    flow.delete()
    messages.success(request, _("Your answers have been deleted."))
    return redirect("questionnaire:start")


def _delete_by_typed_code(request, flow):
    form = CodeForm(request.POST)
    if not form.is_valid():
        context = {"flow": flow, "form": form}
        return render(request, "questionnaire/delete.html", context, status=400)
    if not (verdict := throttle.check(request)).allowed:
        return _too_many(request, verdict)
    saved = find_saved(form.cleaned_data["code"])
    if saved is None:
        throttle.wrong_code(request)
        form.add_error("code", _("We found no saved answers for this code. Check the code."))
        context = {"flow": flow, "form": form}
        return render(request, "questionnaire/delete.html", context, status=404)
    saved.delete()
    messages.success(request, _("The answers saved behind this code have been deleted."))
    return redirect("questionnaire:start")


def _too_many(request, verdict):
    minutes = max(1, -(-verdict.retry_after // 60))
    response = render(request, "questionnaire/too_many.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


def _log_reopening(request, code: str) -> None:
    from counselling.audit import reopened  # the audit log lives in counselling

    reopened(request, code)
