from django.contrib import admin

from csx.admin import ContentAdmin
from stories.models import Company, Story


@admin.register(Company)
class CompanyAdmin(ContentAdmin):
    list_display = ["title", "industry", "status", "updated"]
    search_fields = ["title", "industry", "summary"]
    fields = ["title", "slug", "industry", "summary", "body", "tags", "status", "published_at"]


@admin.register(Story)
class StoryAdmin(ContentAdmin):
    list_display = ["title", "kind", "outcome", "company", "featured", "status", "updated"]
    list_filter = [
        "status",
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
        ("Publishing", {"fields": ["status", "published_at", "created", "updated"]}),
    ]
