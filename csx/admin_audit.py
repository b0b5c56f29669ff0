"""The workflow log across items (csx/audit.py): filter by event, person, type and date,
and export what the filters show as CSV."""

import csv

from django.contrib import admin
from django.http import HttpResponse
from django.urls import path
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime

from csx.models import AuditEvent

CSV_COLUMNS = ["when", "who", "event", "type", "item id", "item", "comment"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "content_type", "item_link", "comment"]
    list_filter = ["action", "content_type", "actor_name"]
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
                date_format(localtime(event.at), "Y-m-d H:i:s"), event.actor_name,
                event.get_action_display(), event.content_type.name, event.object_id,
                event.title, event.comment,
            ])  # fmt: skip
        return response
