"""Editors build onboarding paths: the path, and its ordered items inline."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from csx.admin import PUBLISHING, ContentAdmin, StateFilter
from csx.paths.models import TARGETS, Path, PathItem


class PathItemInline(admin.TabularInline):
    model = PathItem
    extra = 1
    fields = ["order", *TARGETS, "trainer_note", "discussion_questions", "minutes", "for_readers"]
    readonly_fields = ["for_readers"]
    autocomplete_fields = TARGETS
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*TARGETS)

    @admin.display(description="For readers")
    def for_readers(self, item):
        if item.pk is None:
            return ""
        return "Shown" if item.is_published else "Not published: readers skip this item"


@admin.register(Path)
class PathAdmin(ContentAdmin):
    list_display = ["title", "state_label", "item_count", "skipped_count", "updated"]
    list_filter = [StateFilter]
    inlines = [PathItemInline]
    fields = ["title", "slug", "summary", "body", *PUBLISHING]
    actions = [*ContentAdmin.actions, "make_draft_copies"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                item_count=Count("items", distinct=True),
                skipped_count=Count(
                    "items", filter=Q(items__in=PathItem.objects.unpublished()), distinct=True
                ),
            )
        )

    @admin.display(description="Items", ordering="item_count")
    def item_count(self, path):
        return path.item_count

    @admin.display(description="Readers skip", ordering="skipped_count")
    def skipped_count(self, path):
        return path.skipped_count

    @admin.action(description="Make a draft copy of the selected paths", permissions=["add"])
    def make_draft_copies(self, request, queryset):
        """A trainer adapts a copy and leaves the original as it is. One copy opens for
        editing at once; several are listed, each with a link."""
        copies = [path.copy() for path in queryset.order_by("title")]
        if len(copies) == 1:
            copy = copies[0]
            self.message_user(
                request,
                f"Made “{copy.title}”, a draft copy with {copy.items.count()} item(s). "
                "Readers see nothing of it until it is published.",
                messages.SUCCESS,
            )
            return redirect(reverse("admin:paths_path_change", args=[copy.pk]))
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:paths_path_change", args=[copy.pk]), copy.title) for copy in copies),
        )
        self.message_user(
            request, format_html("Made {} draft copies: {}.", len(copies), links), messages.SUCCESS
        )
        return None
