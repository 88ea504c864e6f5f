"""The result as a PDF to take along (WeasyPrint, Debian's DejaVu fonts).

The PDF renders the same partial as the print stylesheet (``questionnaire/_result_print.html``):
answers and code, the best way with all its steps, then the other ways in short, the rules
version and date. In any language but German the German result follows it (German is binding),
set left to right; Arabic and Farsi are set right to left (DejaVu Sans has the Arabic letters).
Thin views: the context comes from ``pathways.advice``.
"""

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from pathways.advice import result_context, saved_context
from pathways.questionnaire import Flow, holds, language, saved_or_404


def document(request, context):
    """The laid-out PDF (a WeasyPrint ``Document``: its ``pages`` can be counted)."""
    from weasyprint import CSS, HTML  # a heavy import, only where a PDF is made

    html = render_to_string("questionnaire/result_pdf.html", context, request=request)
    stylesheet = CSS(filename=finders.find("css/result_pdf.css"))
    # Nothing is fetched: the page has no images or links to styles, the fonts are Debian's.
    return HTML(string=html, base_url=request.build_absolute_uri("/")).render(
        stylesheets=[stylesheet]
    )


def _pdf(request, context, filename):
    response = HttpResponse(document(request, context).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_not_required
@never_cache
@require_safe
def result_pdf(request):
    flow = Flow(request)
    if not flow.complete or not flow.started:
        return redirect("questionnaire:start")
    return _pdf(request, bilingual_context(flow, language()), "iq-portal-ergebnis.pdf")


def bilingual_context(flow, lang):
    """The result in ``lang`` and, for any other language than German, the German result beside
    it (``german``): German is binding, the printout goes to authorities and employers."""
    context = result_context(flow, lang)
    if lang != "de":
        with translation.override("de"):
            context["german"] = result_context(flow, "de")
    return context


@login_not_required
@never_cache
@require_safe
def saved_pdf(request, code):
    if not holds(request, code):
        # The URL alone opens nothing (see questionnaire.reopen); no lookup, no oracle.
        raise Http404
    saved = saved_or_404(code)
    if not saved.result:
        return redirect("questionnaire:reopen", code=saved.code)
    return _pdf(request, saved_context(saved), f"iq-portal-ergebnis-{saved.code}.pdf")
