"""The change forms' autosave (csx/editorial/autosave.py) in the admin: its two endpoints, and
what the form needs to offer an editor's typing back (static/csx/admin/autosave.js).

    POST   autosave/<app>/<model>/<pk or "add">/           keep the form as typed (JSON)
    POST   autosave/<app>/<model>/<pk or "add">/discard/   discard it
    GET    autosave/session/                     still signed in? and the CSRF token now

They answer JSON only, never a redirect to the sign-in page: a page whose session expired
learns so (401), keeps the text, and tells the editor to sign in again in another tab; the
session endpoint then hands it the new CSRF token (signing in changes it), and saving works.
A refused CSRF token is a 403 in JSON too, so the page can tell it from a signed-out one.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.timezone import localtime
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from csx.content import registry
from csx.editorial import autosave
from csx.formats import date_and_time


def when(saved_at):
    """The time alone today ("10:42"), the date and time on another day."""
    if localtime(saved_at).date() == timezone.localdate():
        return format_date(localtime(saved_at), "H:i")
    return date_and_time(saved_at)


def refused(status, error, message):
    return JsonResponse({"error": error, "message": message}, status=status)


def signed_out():
    return refused(401, "signed_out", "You were signed out: sign in again in a new tab.")


def csrf_refusal(request):
    """The CSRF middleware's verdict, as a JSON answer (or None when the token holds)."""
    checker = CsrfViewMiddleware(lambda request: None)
    verdict = checker.process_view(request, None, (), {})
    if verdict is None:
        return None
    return refused(403, "csrf", "The page's security token is out of date: reload it.")


def urls(site):
    def endpoint(request, app_label, model_name, key, discard=False):
        return keep_or_discard(site, request, app_label, model_name, key, discard)

    def session(request):
        if not (request.user.is_active and site.has_permission(request)):
            return signed_out()
        return JsonResponse({"signed_in": True, "csrf_token": get_token(request)})

    return [
        path("autosave/session/", never_cache(session), name="autosave_session"),
        path(
            "autosave/<str:app_label>/<str:model_name>/<str:key>/",
            never_cache(csrf_exempt(endpoint)),  # checked below, to answer in JSON
            name="autosave",
        ),
        path(
            "autosave/<str:app_label>/<str:model_name>/<str:key>/discard/",
            never_cache(csrf_exempt(endpoint)),
            {"discard": True},
            name="autosave_discard",
        ),
    ]


def keep_or_discard(site, request, app_label, model_name, key, discard):
    if request.method != "POST":
        return refused(405, "method", "POST the fields (or to discard/, nothing).")
    if not (request.user.is_active and site.has_permission(request)):
        return signed_out()
    refusal = csrf_refusal(request)
    if refusal is not None:
        return refusal
    content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
    model = content_type.model_class() if content_type else None
    model_admin = site._registry.get(model)
    if model_admin is None or registry.of(model) is None:
        return refused(404, "not_found", "The library has no such kind of item.")
    if key == "add":
        pk, allowed = None, model_admin.has_add_permission(request)
    elif key.isdigit() and len(key) < 19:
        pk = int(key)
        item = model_admin.get_object(request, key)
        if item is None:
            return refused(404, "not_found", "There is no such item (deleted?).")
        allowed = model_admin.has_change_permission(request, item)
    else:
        return refused(400, "bad_key", 'Name an item by its number, or "add".')
    if not allowed:
        return refused(403, "forbidden", "You may not change this item.")
    if discard:
        autosave.forget(request.user, model, pk)
        return JsonResponse({"discarded": True})
    try:
        fields = autosave.parse(request.body)
    except autosave.Refused as error:
        return refused(400, "bad_input", str(error))
    kept = autosave.keep(request.user, model, pk, fields)
    return JsonResponse({"saved_at": kept.saved_at.isoformat(), "when": when(kept.saved_at)})


class AutosaveAdmin:
    """For a content type's admin: the change form knows where to autosave and what to
    offer back; a successful save forgets the editor's copy."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        pk = obj.pk if obj is not None else None
        opts = self.model._meta
        kept = autosave.newer(request.user, self.model, pk, obj)
        config = {
            "url": reverse(
                f"{self.admin_site.name}:autosave",
                args=[opts.app_label, opts.model_name, pk or "add"],
            ),
            "session_url": reverse(f"{self.admin_site.name}:autosave_session"),
            "login_url": reverse(f"{self.admin_site.name}:login"),
            "key": f"csx-autosave:{request.user.pk}:{opts.label_lower}:{pk or 'add'}",
            "kept": {"fields": kept.fields, "when": when(kept.saved_at),
                     "saved_at": kept.saved_at.isoformat()} if kept else None,
            # A form shown again with its errors holds what was posted: nothing to offer.
            "offer": request.method == "GET",
        }  # fmt: skip
        context["autosave"] = {**config, "json": json.dumps(config)}  # escaped in the page
        return super().render_change_form(request, context, add, change, form_url, obj)

    def forget_autosave(self, request, pk):
        records = getattr(request, "csx_records", None)
        forget = lambda: autosave.forget(request.user, self.model, pk)  # noqa: E731
        if records is not None:
            records.append(forget)  # a held edit is rolled back: forget it after
        else:
            forget()

    def log_addition(self, request, obj, message):
        self.forget_autosave(request, None)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self.forget_autosave(request, obj.pk)
        return super().log_change(request, obj, message)
