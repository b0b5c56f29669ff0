"""An item's admin asks learners "I have read and understood" (csx/learning/acknowledgements.py):
a button beside the item's other tools. Not an edit of the item: it never waits for review,
and it is no part of the item's history (asking is about training, not the text)."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path
from django.views.decorators.http import require_POST

from csx.learning import acknowledgements


class AcknowledgementAdmin:
    """A ModelAdmin mixin (ContentAdmin's): the change form's "Ask learners to confirm"."""

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.acknowledgement_view))
        name = self.url_name("acknowledgement")
        return [path("<path:object_id>/acknowledgement/", view, name=name), *super().get_urls()]

    def acknowledgement_view(self, request, object_id):
        item = self.get_object(request, unquote(object_id))
        if item is None or not acknowledgements.can_ask(item):
            raise Http404("Nothing here can ask learners to confirm they read it.")
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        asking = request.POST.get("ask") == "1"
        acknowledgements.ask(item, request.user, asking)
        said = (
            f"Learners now see “I have read and understood” on “{item}”. When a publisher "
            "approves a change, they say whether it asks learners again."
            if asking
            else f"Learners are no longer asked to confirm “{item}”; confirmations are kept."
        )
        self.message_user(request, said, messages.SUCCESS)
        return HttpResponseRedirect(self.change_url(item.pk))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and acknowledgements.can_ask(obj):
            context["asks_acknowledgement"] = acknowledgements.asks(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)
