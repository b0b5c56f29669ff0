"""Admin sign-in under django-axes: the page a locked-out editor sees. Whose address a failed
attempt counts against: csx/client_address.py. How to unlock: README, "Editors locked out"."""

from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone


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
