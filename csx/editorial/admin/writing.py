"""Help with writing in the change forms: the reference picker's search, a warning after a
save about links readers will not get, and the time zone beside every schedule field.

    GET   references/?q=giraffe    items of any type to link to, as JSON (the picker,
                                   static/csx/admin/markdown-preview.js)
    POST  links/check/             check the external links in the background (publishers;
                                   the dashboard's "Check now")

A save with a broken reference or an unknown scheme still happens (a draft may link to an
item not written yet); the message after it names each such link and why, so the editor can
mend it now rather than find plain text on the page later.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from csx.content import references
from csx.editorial import link_checks
from csx.editorial.permissions import can_publish
from csx.formats import with_time_zone
from csx.serving import tasks

SEARCH_LIMIT = 100  # characters of a search: more is no title

# The schedule fields of every content type: each says the time zone its times are in.
SCHEDULE_FIELDS = ("published_at", "take_down_at")


def urls(site):
    return [
        path("references/", site.admin_view(reference_search), name="reference_search"),
        path("links/check/", site.admin_view(check_links), name="check_links"),
    ]


@require_GET
def reference_search(request):
    found = references.find(request.GET.get("q", "")[:SEARCH_LIMIT])
    return JsonResponse(
        {
            "results": [
                {"title": item.title, "kind": item.kind, "reference": item.reference,
                 "live": item.live, "markdown": item.markdown()}
                for item in found
            ]
        }
    )  # fmt: skip


@require_POST
def check_links(request):
    if not can_publish(request.user):
        raise PermissionDenied
    tasks.enqueue(link_checks.check_all)
    messages.success(
        request,
        "The links are being checked in the background, gently (one request at a time); the "
        "panel below shows what they answer as the check goes.",
    )
    return HttpResponseRedirect(reverse("admin:index") + "#links-heading")


class WritingHelp:
    """For a content type's admin: schedule fields that say their time zone, and a warning
    after a save about the links in its Markdown that readers will not get."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        # Through the form's help texts, so a read-only schedule field (an editor's) says it
        # as well as one a publisher types in.
        notes = {
            name: with_time_zone(self.model._meta.get_field(name).help_text)
            for name in SCHEDULE_FIELDS
        }
        kwargs["help_texts"] = {**notes, **kwargs.get("help_texts", {})}
        return super().get_form(request, obj, change=change, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Read once its inlines are saved: a principle's practices are Markdown too. (A change
        # to a live item is saved inside a transaction rolled back later, so this is still
        # the text as typed.)
        request.csx_link_problems = references.problems_in(form.instance.markdown_texts())

    def warn_about_links(self, request):
        """After the save's own message: the links readers will not get as written."""
        problems = getattr(request, "csx_link_problems", ())
        if problems:
            self.message_user(
                request,
                f"Saved, but {len(problems)} link{'s' if len(problems) > 1 else ''} will not "
                f"work for readers: {'; '.join(problems)}.",
                messages.WARNING,
            )
