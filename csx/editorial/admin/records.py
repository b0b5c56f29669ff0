"""The workflow's records in the admin: the log of events across items (csx/editorial/audit.py),
filtered by event, person, type and date and exported as CSV; and every share link
(csx/editorial/preview.py), with who made it, until when and when it was last opened, to
withdraw (all of them, or one item's: ?content_type__id__exact=…&object_id=…)."""

import csv

from django.contrib import admin
from django.http import HttpResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.timezone import localtime

from csx.editorial import preview
from csx.editorial.admin.filters import TypeFilter
from csx.formats import date_and_time
from csx.models import AuditEvent, ShareLink

CSV_COLUMNS = ["when", "who", "event", "type", "item id", "item", "comment"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "content_type", "item_link", "comment"]
    list_filter = ["action", ("content_type", TypeFilter), "actor_name"]
    date_hierarchy = "at"
    search_fields = ["title", "comment", "actor_name"]
    list_per_page = 50
    change_list_template = "admin/csx/auditevent/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a log nobody can rewrite

    def lookup_allowed(self, lookup, value, request=None):
        # An item's history page links here with its events only.
        return lookup == "object_id" or super().lookup_allowed(lookup, value, request)

    @admin.display(description="item", ordering="title")
    def item_link(self, event):
        return format_html('<a href="{}">{}</a>', event.item_admin_url, event.title)

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [path("export.csv", export, name="csx_auditevent_export"), *super().get_urls()]

    def export_view(self, request):
        """The events the list's filters show (every page of them), as CSV."""
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        events = self.get_changelist_instance(request).get_queryset(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="workflow-events.csv"'
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for event in events.select_related("content_type").iterator():
            writer.writerow([
                localtime(event.at).isoformat(timespec="seconds"), event.actor_name,
                event.get_action_display(), event.content_type.name, event.object_id,
                event.title, event.comment,
            ])  # fmt: skip
        return response


class LinkState(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("working", "Working"), ("closed", "Expired or withdrawn")]

    def queryset(self, request, queryset):
        working = ShareLink.objects.working()
        if self.value() == "working":
            return queryset.filter(pk__in=working)
        if self.value() == "closed":
            return queryset.exclude(pk__in=working)
        return queryset


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ["item_link", "made", "expires", "last_opened", "state"]
    list_filter = [LinkState, ("content_type", TypeFilter)]
    list_select_related = ["created_by", "revoked_by"]
    search_fields = ["title"]
    actions = ["revoke_selected"]

    def lookup_allowed(self, lookup, value, request=None):
        # An item's share page links here with that item's links only.
        return lookup == "object_id" or super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request):
        return False  # made from the item's "Share a preview" page

    def has_change_permission(self, request, obj=None):
        return False

    def has_revoke_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description="item", ordering="title")
    def item_link(self, link):
        return format_html('<a href="{}">{}</a>', link.item_admin_url, link.title)

    # Short columns, so the list fits a laptop's screen with its filters beside it.
    @admin.display(description="made", ordering="created_at")
    def made(self, link):
        by = f" by {link.created_by}" if link.created_by else ""
        return f"{date_and_time(link.created_at)}{by}"

    @admin.display(description="expires", ordering="expires_at")
    def expires(self, link):
        return date_and_time(link.expires_at)

    @admin.display(description="last opened", ordering="last_used_at")
    def last_opened(self, link):
        return date_and_time(link.last_used_at) if link.last_used_at else "Not yet"

    @admin.display(description="state")
    def state(self, link):
        if link.revoked_at:
            return f"Withdrawn by {link.revoked_by or 'someone'}"
        return "Working" if link.working else "Expired"

    @admin.action(description="Withdraw the selected links", permissions=["revoke"])
    def revoke_selected(self, request, queryset):
        for link in queryset.filter(revoked_at__isnull=True):
            preview.revoke(link, request.user)
        self.message_user(request, "Withdrawn: those links no longer open.")
