"""What of the pathways must persist: questionnaire answers behind a resume code, and
employers' hiring plans behind a private link. Both are anonymous and expire."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Crockford's base32 without I, L, O, U: nothing a person can misread when copying a code.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


# Ten characters of 32: 50 bits. With the guessing throttles of ``pathways.throttle`` (at most
# CODE_GUESSES_GLOBAL wrong codes per window for everyone together) a guess finds one of even
# 100,000 saved codes about once in 10^10 tries. Codes of 8 characters saved earlier stay valid.
RESUME_CODE_LENGTH = 10


def new_resume_code(length: int = RESUME_CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_plan_token() -> str:
    return secrets.token_urlsafe(24)


class ExpiringQuerySet(models.QuerySet):
    def active(self):
        return self.filter(expires_at__gt=timezone.now())

    def expired(self):
        return self.filter(expires_at__lte=timezone.now())


class SavedAnswers(models.Model):
    """A questionnaire's answers and its last result, reachable by a short code.

    The code is what a migrant shows an IQ counsellor; no name or account is stored.
    """

    code = models.CharField(_("code"), max_length=12, unique=True, default=new_resume_code)
    answers = models.JSONField(_("answers"), default=dict)
    result = models.JSONField(_("result"), null=True, blank=True)
    rules_version = models.CharField(_("rules version"), max_length=32, blank=True)
    evaluated_on = models.DateField(_("rules as of"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, default="de")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    expires_at = models.DateTimeField(_("expires"))

    objects = ExpiringQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved answers")
        verbose_name_plural = _("saved answers")

    def __str__(self):
        return self.code


class EmployerPlan(models.Model):
    """An employer's hiring plan behind an unguessable link, with the steps marked done."""

    token = models.CharField(_("token"), max_length=64, unique=True, default=new_plan_token)
    inputs = models.JSONField(_("inputs"), default=dict)
    baseline = models.JSONField(_("first plan"), default=dict)
    progress = models.JSONField(_("steps done"), default=dict)
    language = models.CharField(_("language"), max_length=8, default="de")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    expires_at = models.DateTimeField(_("expires"))

    objects = ExpiringQuerySet.as_manager()

    class Meta:
        verbose_name = _("hiring plan")
        verbose_name_plural = _("hiring plans")

    def __str__(self):
        return self.token[:6]
