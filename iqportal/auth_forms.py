"""Login forms with the per-user delay of ``iqportal.security`` in front of the password check."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator

from iqportal.security import delay_message, login_delay


class DelayedLoginMixin:
    def clean_username(self):
        # AuthenticationForm sets the field's max_length after its validators were made:
        # a longer name would reach authenticate() and django-axes' 255-character columns.
        username = self.cleaned_data["username"]
        MaxLengthValidator(self.fields["username"].max_length)(username)
        return username

    def clean(self):
        if self.has_error("username"):
            # Too long for any account (or missing): nothing to check, nothing to count.
            return self.cleaned_data
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
