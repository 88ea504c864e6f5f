"""Throttles for guessing questionnaire codes: per address and for the whole portal.

Saved answers are reached by a code (a bearer secret). A wrong code typed at "Continue with a
code" or "Delete my answers" counts against the typing address (``iqportal.security.client_ip``,
the trusted proxy header only) and against all addresses together; over either limit, every
code lookup answers 429 until the window ends. A right code counts nothing, so a person
opening their own answers is never held up by others.

The counts live in Django's cache (``settings.CACHES["throttle"]``): the database cache by
default, Redis when ``REDIS_URL`` is set, so that every gunicorn worker and every server count
together; never per-process local memory, which five workers would each count separately.
Windows are fixed (``CODE_THROTTLE_WINDOW_SECONDS``); the database cache's increment is a read
and a write, so concurrent wrong guesses may be undercounted by the few racing at once.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

from iqportal.security import client_ip


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends


def _cache():
    return caches["throttle"]


def _window() -> tuple[int, int]:
    size = settings.CODE_THROTTLE_WINDOW_SECONDS
    now = int(time.time())
    return now // size, size - now % size


def _keys(request) -> tuple[str, str]:
    number, _left = _window()
    address = hashlib.sha256(client_ip(request).encode()).hexdigest()[:16]
    return f"code-guess:{number}:addr:{address}", f"code-guess:{number}:all"


def check(request) -> Verdict:
    """Whether a code may be looked up for ``request`` now."""
    per_address, everyone = _keys(request)
    counts = _cache().get_many([per_address, everyone])
    _number, left = _window()
    over = counts.get(per_address, 0) >= settings.CODE_GUESSES_PER_ADDRESS or counts.get(
        everyone, 0
    ) >= settings.CODE_GUESSES_GLOBAL
    return Verdict(allowed=not over, retry_after=left)


def wrong_code(request) -> None:
    """Counts one wrong code against the address and against everyone."""
    cache = _cache()
    timeout = settings.CODE_THROTTLE_WINDOW_SECONDS + 5
    for key in _keys(request):
        if not cache.add(key, 1, timeout):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout)
