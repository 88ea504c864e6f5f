"""POST /api/evaluate: one profile as JSON in, the evaluation as JSON out (``?on=YYYY-MM-DD``)."""

import json

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from pathways.rules.engine import evaluate, parse_on
from pathways.rules.texts import ProfileError, Text

INVALID_JSON = Text("Der Inhalt ist kein gültiges JSON.", "The body is not valid JSON.")


def _error(field: str, message: Text, lang: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"field": field, "error": message.get(lang)}, status=status)


@csrf_exempt
@login_not_required
def evaluate_api(request):
    lang = request.GET.get("lang") or getattr(request, "LANGUAGE_CODE", "de")
    if request.method != "POST":
        response = _error(
            "method", Text("Nur POST ist erlaubt.", "Only POST is allowed."), lang, status=405
        )
        response["Allow"] = "POST"
        return response
    try:
        profile = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):  # "["*20000 nests too deep
        return _error("profile", INVALID_JSON, lang)
    try:
        result = evaluate(profile, on=parse_on(request.GET.get("on")))
    except ProfileError as error:
        return _error(error.field, error.message, lang)
    return JsonResponse(result.to_dict(lang), json_dumps_params={"ensure_ascii": False})
