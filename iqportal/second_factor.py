"""The second factor (django-otp): a TOTP app on the phone, plus ten one-time recovery codes.

Counsellors, coordinators, the programme role and admin users (``security.needs_second_factor``)
log in with their password and then a six-digit code; ``middleware.SecondFactorMiddleware`` sends
them here until the session is verified. The first time, they set the app up (QR code and the key
as text) and are shown their recovery codes once.
"""

from __future__ import annotations

import base64
import io
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
APP_DEVICE, RECOVERY_DEVICE = "app", "recovery"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        help_text=gettext_lazy("The six digits your app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split()).replace("-", "").lower()


def has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _next(request) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("counselling:dashboard")


def url_for(request, user) -> str:
    """Where an unverified session goes: set the app up, or type a code."""
    name = "second_factor_verify" if has_app(user) else "second_factor_setup"
    return f"{reverse(name)}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}"


def _qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _key_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def new_recovery_codes(user) -> list[str]:
    """Ten new one-time codes; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    user = request.user
    if has_app(user):
        return redirect(url_for(request, user))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = new_recovery_codes(user)
            otp_login(request, device)
            _audit(request, "second factor set up")
            context = {"codes": codes, "next": _next(request)}
            return render(request, "registration/recovery_codes.html", context)
        form.add_error("token", _("This code is not right. Check the time on your phone and "
                                  "type the code the app shows now."))  # fmt: skip
    context = {
        "form": form,
        "form_list": [form],
        "qr": _qr_data_uri(device.config_url),
        "key": _key_text(device),
        "next": _next(request),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/second_factor_setup.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    if not has_app(user):
        return redirect(url_for(request, user))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                _audit(request, f"recovery code used, {left} left")
                messages.warning(
                    request,
                    _("You logged in with a recovery code; %(n)d are left. Make new ones "
                      "under “Recovery codes”.") % {"n": left},
                )  # fmt: skip
            return redirect(_next(request))
        _audit(request, "wrong second factor code", refused=True)
        form.add_error("token", _("This code is not right, or it was used already."))
    context = {"form": form, "form_list": [form], "next": _next(request)}
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/second_factor_verify.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """New recovery codes, for a verified session only (the page is under /accounts/, which
    the middleware leaves open)."""
    if not request.user.is_verified():
        return redirect(url_for(request, request.user))
    if request.method == "POST":
        codes = new_recovery_codes(request.user)
        _audit(request, "new recovery codes")
        context = {"codes": codes, "next": reverse("counselling:dashboard")}
        return render(request, "registration/recovery_codes.html", context)
    return render(request, "registration/recovery_codes_new.html")


def _audit(request, detail: str, *, refused: bool = False) -> None:
    from counselling.models import AccessAction, AccessLog

    action = AccessAction.REFUSED if refused else AccessAction.ACCOUNT
    AccessLog.objects.record(request.user, action, detail=detail)
