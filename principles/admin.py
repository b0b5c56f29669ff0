from django.contrib import admin

from csx.admin import PUBLISHING, ContentAdmin, StateFilter
from principles.models import Practice, Principle, Resource, Statistic


class PracticeInline(admin.StackedInline):
    model = Practice
    extra = 0
    fields = ["order", "title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Principle)
class PrincipleAdmin(ContentAdmin):
    list_display = ["title", "order", "definition", "state_label", "updated"]
    list_editable = ["order"]
    search_fields = ["title", "definition", "summary", "body"]
    inlines = [PracticeInline]
    fields = ["title", "slug", "definition", "order", "summary", "body", "tags", *PUBLISHING]


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    """A list to find practices by; each is edited on its principle's page, so that a change
    to a published principle's practices waits for review like the rest of it."""

    list_display = ["title", "principle", "order"]
    list_filter = ["principle"]
    list_select_related = ["principle"]
    search_fields = ["title", "description"]
    list_display_links = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Statistic)
class StatisticAdmin(ContentAdmin):
    list_display = ["title", "figure", "attributed_to", "verification", "state_label", "updated"]
    list_filter = [StateFilter, "verification", "principles", "cited_in", "tags"]
    list_select_related = ["cited_in"]
    search_fields = ["title", "figure", "claim", "attributed_to", "summary"]
    autocomplete_fields = ["cited_in", "principles"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("The figure", {"fields": ["figure", "claim", "attributed_to", "year"]}),
        ("Evidence", {"fields": ["cited_in", "verification", "note"]}),
        ("Links", {"fields": ["principles", "tags"]}),
        ("Publishing", {"fields": PUBLISHING}),
    ]


@admin.register(Resource)
class ResourceAdmin(ContentAdmin):
    list_display = ["title", "kind", "creator", "state_label", "updated"]
    list_filter = [StateFilter, "kind", "principles", "tags"]
    search_fields = ["title", "creator", "summary"]
    autocomplete_fields = ["principles"]
    fields = [
        "title", "slug", "kind", "creator", "url", "summary", "body", "principles", "tags",
        *PUBLISHING,
    ]  # fmt: skip
