"""Login forms with the per-user delay of ``iqportal.security`` in front of the password check."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from iqportal.security import delay_message, login_delay


class DelayedLoginMixin:
    def clean(self):
        username = (self.data.get("username") or "")[:150]
        wait = login_delay(username)
        if wait:
            # Not handed to authenticate(): a try during the wait counts for nothing.
            raise forms.ValidationError(delay_message(wait), code="login_delayed")
        return super().clean()


class PortalAuthenticationForm(DelayedLoginMixin, AuthenticationForm):
    pass


class PortalAdminAuthenticationForm(DelayedLoginMixin, AdminAuthenticationForm):
    pass
