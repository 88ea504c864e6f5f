"""Login protection: the client's address behind a trusted proxy, a per-user exponential delay,
password rules with context words, and who needs a second factor.

django-axes limits wrong passwords per address (``AXES_LOCKOUT_PARAMETERS = ["ip_address"]``):
an outsider guessing from one address is stopped there, but cannot lock a real user out from
somewhere else. Guesses at one user name from many addresses meet the per-user delay below
instead: it doubles with every wrong password and never locks, so the real user waits at most
``LOGIN_DELAY_MAX_SECONDS``.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CONTEXT_WORDS_FILE = Path(__file__).resolve().parent / "password_context_words.txt"


def client_ip(request) -> str:
    """The address of the person, not of the proxy in front of the portal.

    The header (``TRUSTED_PROXY_HEADER``, e.g. ``HTTP_X_FORWARDED_FOR``) is believed only when
    the request comes from one of ``TRUSTED_PROXIES``; otherwise anyone could send one and pick
    the address that django-axes counts. Of X-Forwarded-For the last entry counts: it is the one
    our proxy added; earlier entries are what the client claimed.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    header = settings.TRUSTED_PROXY_HEADER
    if header and remote in settings.TRUSTED_PROXIES:
        forwarded = request.META.get(header, "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return remote


# --- per-user exponential delay ------------------------------------------------------------


def _failures(username: str):
    from axes.models import AccessAttempt

    return AccessAttempt.objects.filter(username=username)


def login_delay(username: str) -> int:
    """Seconds the next password for ``username`` must wait (0: none).

    The count is of wrong passwords for this user name from any address within the axes
    cool-off period; the first ``LOGIN_DELAY_FREE_FAILURES`` cost nothing, each further one
    doubles the wait, up to ``LOGIN_DELAY_MAX_SECONDS``.
    """
    if not username:
        return 0
    attempts = list(_failures(username).values_list("failures_since_start", "attempt_time"))
    failures = sum(count for count, _at in attempts)
    free = settings.LOGIN_DELAY_FREE_FAILURES
    if failures < free:
        return 0
    wait = min(2 ** (failures - free), settings.LOGIN_DELAY_MAX_SECONDS)
    last = max(at for _count, at in attempts)
    remaining = (last + timedelta(seconds=wait) - timezone.now()).total_seconds()
    return max(0, int(remaining + 0.999))


def delay_message(seconds: int) -> str:
    return ngettext(
        "There were several wrong passwords for this user name. Please wait %(n)d second "
        "and try again.",
        "There were several wrong passwords for this user name. Please wait %(n)d seconds "
        "and try again.",
        seconds,
    ) % {"n": seconds}


# --- passwords -------------------------------------------------------------------------------


def _letters(text: str) -> str:
    """Lower case, umlauts folded, common digit-for-letter swaps undone, only letters left."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("ß", "ss")
    text = text.translate(str.maketrans("013457@$", "oleastas"))
    return re.sub(r"[^a-z]", "", text)


def context_words() -> list[str]:
    words = CONTEXT_WORDS_FILE.read_text(encoding="utf-8").split("\n")
    found = {_letters(w) for w in words if w.strip() and not w.startswith("#")}
    return sorted((w for w in found if len(w) >= 3), key=len, reverse=True)


class ContextWordValidator:
    """Refuses passwords made of words an attacker of this portal tries first (seasons, months,
    the portal's and the programme's names, the networks' cities) plus a few digits or signs:
    ``Sommer2026``, ``iqportal2026``, ``Frankfurt1``.

    The words are taken out; at least ``min_rest`` other characters must remain, so a long
    passphrase that happens to contain "Frankfurt" is still fine.
    """

    def __init__(self, min_rest: int = 8):
        self.min_rest = min_rest

    def validate(self, password: str, user=None) -> None:
        letters = _letters(password)
        hit = False
        for word in context_words():
            if word in letters:
                hit = True
                letters = letters.replace(word, "")
        if not hit:
            return
        if len(letters) < self.min_rest:
            raise ValidationError(
                _(
                    "This password is built on a word that is easy to guess here (a season, "
                    "a month, a city or the portal's name). Choose a longer passphrase."
                ),
                code="password_context_word",
            )

    def get_help_text(self) -> str:
        return _("Your password cannot be a season, a month, a city or the portal's name plus "
                 "a few digits.")  # fmt: skip


# --- second factor ---------------------------------------------------------------------------


def needs_second_factor(user) -> bool:
    """Counsellors, coordinators, the programme role and everyone in the admin."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    from counselling.models import role_of

    return role_of(user) is not None
