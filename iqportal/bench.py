"""Benchmark-only parts, off unless ``BENCH_FLOOR=1`` (scripts/bench.sh sets it).

The floor view is the bare view pages are compared with: a tiny response through the same
middleware stack (benchmarks/bench_pages.py counts queries per page with the test client).
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse


@login_not_required
def floor(request):
    if not settings.BENCH_FLOOR:
        raise Http404
    return HttpResponse(b"ok", content_type="text/plain")
