from django.contrib import admin

from csx.admin import PUBLISHING, ContentAdmin, StateFilter
from stories.models import Company, Story


@admin.register(Company)
class CompanyAdmin(ContentAdmin):
    list_display = ["title", "industry", "state_label", "updated"]
    search_fields = ["title", "industry", "summary"]
    fields = ["title", "slug", "industry", "summary", "body", "tags", *PUBLISHING]


@admin.register(Story)
class StoryAdmin(ContentAdmin):
    list_display = ["title", "kind", "outcome", "company", "featured", "state_label", "updated"]
    list_filter = [
        StateFilter,
        "outcome",
        "kind",
        "channel",
        "featured",
        "company",
        "principles",
        "tags",
    ]
    list_select_related = ["company"]
    search_fields = ["title", "summary", "body", "takeaway", "company__title"]
    autocomplete_fields = ["company", "principles", "sources"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("The story", {"fields": ["kind", "outcome", "company", "channel", "featured"]}),
        ("For trainers", {"fields": ["takeaway", "discussion_questions"]}),
        ("Links", {"fields": ["principles", "sources", "tags"]}),
        ("Publishing", {"fields": PUBLISHING}),
    ]
