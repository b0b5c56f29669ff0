"""Admin sign-in: the form, with its authenticator code (django-otp's TOTP), and under
django-axes the page a locked-out editor sees. Whose address a failed attempt counts against:
csx/serving/client_address.py. How to unlock: README, "Editors locked out"."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from django.utils import timezone
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_totp.models import TOTPDevice


class StaffSignInForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    """Name and password, and the code from an authenticator app: asked of whoever has one
    set up (manage.py add_totp_device), and of all staff when CSX_STAFF_OTP_REQUIRED is on."""

    otp_token = forms.CharField(
        label="Code from your authenticator app",
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": "Enter the code your authenticator app shows for CSX Library.",
        "invalid_token": "That code is wrong or has expired: enter the one your app shows now.",
    }
    no_device_message = (
        "Signing in needs a code from an authenticator app, and you have none set up yet: "
        "ask an administrator to add one for you."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not settings.CSX_STAFF_OTP_REQUIRED:
            self.fields["otp_token"].help_text = "If you have set one up; else leave it empty."

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned
        if self.device(user) is not None:
            try:
                self.clean_otp(user)
            except forms.ValidationError:
                # A wrong or missing code counts toward django-axes' lockout as a wrong
                # password does: guessing codes stops after the same few tries.
                user_login_failed.send(
                    sender=type(self),
                    credentials={"username": user.get_username()},
                    request=self.request,
                )
                raise
        elif settings.CSX_STAFF_OTP_REQUIRED:
            raise forms.ValidationError(self.no_device_message, code="no_device")
        return cleaned

    @staticmethod
    def device(user):
        """The person's authenticator: one each (add_totp_device replaces an older one)."""
        return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()

    def _chosen_device(self, user):
        # No device menu: the only kind offered is TOTP, and each person has one.
        return self.device(user)


def locked_out(request, original_response=None, credentials=None):
    cooloff = timedelta(hours=settings.AXES_COOLOFF_TIME)
    until = timezone.now() + cooloff
    context = {
        **admin.site.each_context(request),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "until": until,
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(cooloff.total_seconds()))
    return response
