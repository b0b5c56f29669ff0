from django.contrib import admin

from csx.admin import ContentAdmin
from principles.models import Practice, Principle, Resource, Statistic


class PracticeInline(admin.StackedInline):
    model = Practice
    extra = 0
    fields = ["order", "title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Principle)
class PrincipleAdmin(ContentAdmin):
    list_display = ["title", "order", "definition", "status", "updated"]
    list_editable = ["order"]
    search_fields = ["title", "definition", "summary", "body"]
    inlines = [PracticeInline]
    fields = [
        "title", "slug", "definition", "order", "summary", "body", "tags",
        "status", "published_at", "created", "updated",
    ]  # fmt: skip


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "principle", "order"]
    list_filter = ["principle"]
    list_select_related = ["principle"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["principle"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Statistic)
class StatisticAdmin(ContentAdmin):
    list_display = ["title", "figure", "attributed_to", "verification", "status", "updated"]
    list_filter = ["status", "verification", "principles", "cited_in", "tags"]
    list_select_related = ["cited_in"]
    search_fields = ["title", "figure", "claim", "attributed_to", "summary"]
    autocomplete_fields = ["cited_in", "principles"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("The figure", {"fields": ["figure", "claim", "attributed_to", "year"]}),
        ("Evidence", {"fields": ["cited_in", "verification", "note"]}),
        ("Links", {"fields": ["principles", "tags"]}),
        ("Publishing", {"fields": ["status", "published_at", "created", "updated"]}),
    ]


@admin.register(Resource)
class ResourceAdmin(ContentAdmin):
    list_display = ["title", "kind", "creator", "status", "updated"]
    list_filter = ["status", "kind", "principles", "tags"]
    search_fields = ["title", "creator", "summary"]
    autocomplete_fields = ["principles"]
    fields = [
        "title", "slug", "kind", "creator", "url", "summary", "body", "principles", "tags",
        "status", "published_at", "created", "updated",
    ]  # fmt: skip
