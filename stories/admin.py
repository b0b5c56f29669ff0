from django.contrib import admin

from csx.editorial.admin.content import PUBLISHING, ContentAdmin
from csx.editorial.admin.filters import StateFilter
from csx.editorial.admin.images import PictureChooser
from csx.learning.checks.admin import QuestionInline
from stories.models import Company, Story


@admin.register(Company)
class CompanyAdmin(ContentAdmin):
    list_display = ["title", "industry", "state_label", "updated"]
    search_fields = ["title", "industry", "summary"]
    autocomplete_fields = ["sources"]
    fields = ["title", "slug", "industry", "summary", "body", "sources", "tags", *PUBLISHING]


@admin.register(Story)
class StoryAdmin(ContentAdmin):
    # At 1280 px beside the filters: where each story stands (state, owner, updated and
    # review-by, the last two added by ContentAdmin) stays in view; kind, provenance and
    # "featured" are filters.
    list_display = ["title", "company", "outcome", "state_label", "updated"]
    list_filter = [
        StateFilter,
        "outcome",
        "kind",
        "provenance",
        "channel",
        "featured",
        "company",
        "principles",
        "tags",
    ]
    list_select_related = ["company"]
    # Not the body: reading 50,000 bodies for a word took 2 s a query on PostgreSQL, and a
    # search runs two (the count and the page). Words in a story's text: the site's search.
    # The company's name without a join to companies (filters.TitleContains): each column
    # is then read from its trigram index on PostgreSQL (Story.Meta.indexes).
    search_fields = ["title", "summary", "takeaway", "company__title_contains"]
    autocomplete_fields = ["company", "principles", "sources"]
    inlines = [QuestionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "lead_image", "body"]}),
        ("The story", {"fields": ["kind", "outcome", "company", "channel", "featured"]}),
        ("How we know it", {"fields": ["provenance", "provenance_note", "sources"]}),
        ("For trainers", {"fields": ["takeaway", "discussion_questions"]}),
        ("Links", {"fields": ["principles", "tags"]}),
        ("Publishing", {"fields": PUBLISHING}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lead_image":
            kwargs["widget"] = PictureChooser(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "lead_image":
            # Upload a new picture from here ("+"), but never change or delete one in the
            # library from a story's form: other stories may show it.
            field.widget.can_change_related = field.widget.can_delete_related = False
        return field
