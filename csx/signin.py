"""Admin sign-in under django-axes: whose address a failed attempt counts against, and the
page a locked-out editor sees. How to unlock: README, "Editors locked out"."""

from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone


def client_ip(request):
    """The reader's address. Behind the proxy (DJANGO_BEHIND_PROXY=1) it is the last one in
    X-Forwarded-For, the one the proxy added; the earlier ones are whatever the client sent."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    until = timezone.now() + timedelta(hours=settings.AXES_COOLOFF_TIME)
    context = {
        **admin.site.each_context(request),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "until": until,
    }
    return render(request, "admin/locked_out.html", context, status=429)
