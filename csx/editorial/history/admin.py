"""The admin's history pages: every revision with a field-by-field diff, restore (after a
page showing what it changes; csx/editorial/restoring.py says what it does), and recovery
of deleted items. Restoring and recovering are for publishers."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from reversion.models import Version

from csx.editorial import audit, history, restoring, workflow
from csx.editorial.history import diff
from csx.editorial.permissions import can_publish
from csx.models import AuditEvent

REVISIONS_PER_PAGE = 10
EVENTS_SHOWN = 50  # the rest on the workflow log's page, filtered to the item


class HistoryAdmin(admin.ModelAdmin):
    """Every save in this admin keeps a revision; its history page shows what changed."""

    object_history_template = "admin/workspace/object_history.html"
    change_list_template = "admin/workspace/change_list.html"

    def changelist_view(self, request, extra_context=None):
        if can_publish(request.user):
            extra_context = {
                "recover_url": reverse(f"admin:{self.url_name('recoverlist')}"),
                **(extra_context or {}),
            }
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or "Created.")
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or "Saved without changes.")
        return entry

    def delete_model(self, request, obj):
        audit.record(audit.Action.DELETED, obj, request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.record(audit.Action.DELETED, obj, request.user)
        super().delete_queryset(request, queryset)

    def url_name(self, view):
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(self.restore_view),
                name=self.url_name("restore"),
            ),
            path("recover/", view(self.recover_list_view), name=self.url_name("recoverlist")),
            path(
                "recover/<int:version_id>/",
                view(require_POST(self.recover_view)),
                name=self.url_name("recover"),
            ),
            *super().get_urls(),
        ]

    def change_url(self, pk):
        return reverse(f"admin:{self.url_name('change')}", args=[pk])

    def history_view(self, request, object_id, extra_context=None):
        item = self.get_object(request, unquote(object_id))
        if item is None:
            raise Http404(f"No {self.opts.verbose_name} has the id {object_id}.")
        if not self.has_view_or_change_permission(request, item):
            raise PermissionDenied
        page = Paginator(history.versions(item), REVISIONS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"History of “{item}”",
            "subtitle": None,
            "object": item,
            "opts": self.opts,
            "module_name": str(self.opts.verbose_name_plural).capitalize(),
            "page": page,
            "entries": self.entries(item, page),
            "events": AuditEvent.of(item)[:EVENTS_SHOWN],
            "event_type": ContentType.objects.get_for_model(item),
            "can_restore": can_publish(request.user),
            "restore_url": self.url_name("restore"),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def entries(self, item, page):
        """Each revision on the page with what it changed since the one before it."""
        shown = list(page.object_list)
        if not shown:
            return []
        older = history.versions(item).filter(pk__lt=shown[-1].pk).first()
        described = [diff.describe_revision(v) for v in [*shown, *([older] if older else [])]]
        return [
            {
                "version": version,
                "changes": diff.compare(
                    described[index + 1] if index + 1 < len(described) else None,
                    described[index],
                ),
                "first": index + 1 >= len(described),
            }
            for index, version in enumerate(shown)
        ]

    def restore_view(self, request, object_id, version_id):
        """GET: what restoring the version would change, to confirm; POST: restore it."""
        if not can_publish(request.user):
            raise PermissionDenied
        item = self.get_object(request, unquote(object_id))
        if item is None:
            raise Http404(f"No {self.opts.verbose_name} has the id {object_id}.")
        version = get_object_or_404(Version.objects.get_for_object(item), pk=version_id)
        try:
            if request.method == "POST":
                restored = restoring.restore(item, version, request.user)
                return self.restored(request, item, history.when(version), restored)
            return self.restore_confirmation(request, item, version)
        except history.RevisionError as error:
            self.message_user(request, f"Could not restore that version: {error}", messages.ERROR)
            return HttpResponseRedirect(
                reverse(f"admin:{self.url_name('history')}", args=[item.pk])
            )

    def restore_confirmation(self, request, item, version):
        changes, left_out = restoring.restore_changes(item, version)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Restore the version of {history.when(version)}?",
            "subtitle": None,
            "object": item,
            "opts": self.opts,
            "held": workflow.holds(item),
            "pending_change": workflow.pending(item),
            "changes": changes,
            "left_out": left_out,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/workspace/restore_confirmation.html", context)

    def restored(self, request, item, when, restored):
        if restored.review is None:
            self.report(request, f"Restored the version of {when}", restored)
            return HttpResponseRedirect(self.change_url(item.pk))
        text = (
            f"The version of {when} is now a change waiting for approval; readers keep the "
            "live version. Read what it changes, then approve it."
        )
        if restored.left_out:
            text += " Left out: " + "; ".join(restored.left_out) + "."
        self.message_user(request, text, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:review", args=[restored.review.pk]))

    def report(self, request, done, applied):
        text = f"{done} as a new revision."
        if applied.left_out:
            text += " Left out: " + "; ".join(applied.left_out) + "."
        self.message_user(request, text, messages.SUCCESS)

    def recover_list_view(self, request):
        if not can_publish(request.user):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"Recover deleted {self.opts.verbose_name_plural}",
            "subtitle": None,
            "opts": self.opts,
            "deleted": Paginator(history.deleted(self.model), 50).get_page(request.GET.get("page")),
            "recover_url": self.url_name("recover"),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/workspace/recover_list.html", context)

    def recover_view(self, request, version_id):
        if not can_publish(request.user):
            raise PermissionDenied
        version = get_object_or_404(history.deleted(self.model), pk=version_id)
        try:
            applied = history.recover(version, request.user)
        except history.RevisionError as error:
            self.message_user(request, f"Could not recover it: {error}", messages.ERROR)
            return HttpResponseRedirect(reverse(f"admin:{self.url_name('recoverlist')}"))
        self.report(request, f"Recovered “{applied.item}” (as a draft)", applied)
        return HttpResponseRedirect(self.change_url(applied.item.pk))
