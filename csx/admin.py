from django.contrib import admin, messages
from django.db import models
from django.utils import timezone

from csx.models import SlugHistory, Source, Status, Withdrawal

# Editors paste bare addresses; read them as https (Django 6's default), not http.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ContentAdmin(admin.ModelAdmin):
    """What every content type's admin shares: status, tags, slugs, publishing."""

    formfield_overrides = URL_FIELDS
    list_display = ["title", "status", "published_at", "updated"]
    list_filter = ["status", "tags"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "updated"
    actions = ["publish", "unpublish"]
    readonly_fields = ["created", "updated"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.action(description="Publish the selected items", permissions=["change"])
    def publish(self, request, queryset):
        count = 0
        for item in queryset.exclude(status=Status.PUBLISHED):
            item.status = Status.PUBLISHED
            item.published_at = item.published_at or timezone.now()
            item.save()
            count += 1
        self.message_user(request, f"Published {count} item(s).", messages.SUCCESS)

    @admin.action(description="Return the selected items to draft", permissions=["change"])
    def unpublish(self, request, queryset):
        count = 0
        for item in queryset.filter(status=Status.PUBLISHED):
            item.status = Status.DRAFT
            item.save()
            count += 1
        self.message_user(request, f"Returned {count} item(s) to draft.", messages.SUCCESS)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "author", "year", "url"]
    list_filter = ["year"]
    search_fields = ["title", "author", "note"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(SlugHistory)
class SlugHistoryAdmin(admin.ModelAdmin):
    """Read-only: kept by renames, so old links keep answering with a redirect."""

    list_display = ["slug", "content_type", "object_id", "created"]
    list_filter = ["content_type"]
    search_fields = ["slug"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Withdrawal)
class WithdrawalAdmin(admin.ModelAdmin):
    """Pages readers can no longer see. Point one at a replacement to redirect its links."""

    list_display = ["title", "content_type", "slug", "withdrawn_at", "replacement"]
    list_filter = ["content_type"]
    search_fields = ["title", "slug", "summary"]
    fields = ["title", "content_type", "slug", "summary", "withdrawn_at", "note", "replacement"]
    readonly_fields = ["title", "content_type", "slug", "summary", "withdrawn_at"]

    def has_add_permission(self, request):
        return False
