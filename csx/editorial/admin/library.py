"""The library's admins beside its content: sources, slug history, withdrawals, search
synonyms, the search log and the external links' checks. Tags have their own module
(tags.py); content types build on content.py's ContentAdmin."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html_join

from csx.editorial import usage
from csx.editorial.admin.content import URL_FIELDS
from csx.editorial.admin.filters import TitleFirstSearch, TypeFilter
from csx.editorial.admin.publisher_only import PublisherOnly
from csx.editorial.history.admin import HistoryAdmin
from csx.models import LinkCheck, SearchLog, SlugHistory, Source, Synonym, Withdrawal
from csx.search import log as search_log
from csx.search.words import synonym_phrases


@admin.register(Source)
class SourceAdmin(PublisherOnly, TitleFirstSearch, HistoryAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "kind", "author", "publisher", "year", "url"]
    list_filter = ["kind", "year"]
    search_fields = ["title", "author", "publisher", "note"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["kind", "title", "untitled", "slug", "note"]}),
        ("Who and when", {"fields": ["author", "publisher", "published_on", "year"]}),
        ("Where", {"fields": ["url", "archive_url", "accessed_on"]}),
    ]

    @admin.display(description="title", ordering="title")
    def name(self, source):
        return source.name

    delete_confirmation_template = "admin/workspace/delete_confirmation.html"

    def reaches_readers(self, source):
        """A source cited on live pages changes them at once."""
        return source is not None and usage.cited_by_live(source)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(used_in=usage.used_in(obj) if obj is not None else None)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def render_delete_form(self, request, context):
        item = context.get("object")
        context.update(used_in=usage.used_in(item) if item is not None else None)
        return super().render_delete_form(request, context)

    def get_deleted_objects(self, objs, request):
        return usage.deleted_objects(objs, request, self.admin_site)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the site writes itself: editors read them (and delete, where allowed)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SlugHistory)
class SlugHistoryAdmin(ReadOnlyAdmin):
    """Read-only: kept by renames, so old links keep answering with a redirect."""

    list_display = ["slug", "content_type", "object_id", "created"]
    list_filter = [("content_type", TypeFilter)]
    search_fields = ["slug"]


@admin.register(Withdrawal)
class WithdrawalAdmin(PublisherOnly, admin.ModelAdmin):
    """Pages readers can no longer see. Point one at a replacement to redirect its links."""

    list_display = ["title", "content_type", "slug", "withdrawn_at", "replacement"]
    list_filter = [("content_type", TypeFilter)]
    search_fields = ["title", "slug", "summary"]
    fields = ["title", "content_type", "slug", "summary", "withdrawn_at", "note", "replacement"]
    readonly_fields = ["title", "content_type", "slug", "summary", "withdrawn_at"]

    def has_add_permission(self, request):
        return False

    # A replacement redirects a page's old links at once, and deleting the record turns its
    # 410 into a 404: both change what readers get (PublisherOnly: every row).


class SynonymForm(forms.ModelForm):
    class Meta:
        model = Synonym
        fields = ["terms", "note"]

    def clean_terms(self):
        phrases = synonym_phrases(self.cleaned_data["terms"])
        if len(phrases) < 2:
            raise forms.ValidationError("Give at least two different words or phrases.")
        if any(len(phrase) > 4 for phrase in phrases):
            raise forms.ValidationError("Keep each phrase to four words or fewer.")
        return ", ".join(" ".join(phrase) for phrase in phrases)


@admin.register(Synonym)
class SynonymAdmin(PublisherOnly, admin.ModelAdmin):
    """Words readers use that the library does not: searches use them at once."""

    form = SynonymForm
    list_display = ["terms", "note"]
    search_fields = ["terms", "note"]

    # Live search reads them the moment they are saved: there is no draft to review.
    def has_add_permission(self, request):
        return self.publishers_only(request, super().has_add_permission(request))


@admin.register(SearchLog)
class SearchLogAdmin(ReadOnlyAdmin):
    """What readers searched for, by day; above the list, the last 30 days' top queries and
    the ones that found nothing. Read-only: searches write it."""

    list_display = ["query", "day", "searches", "results"]
    list_filter = ["day"]
    search_fields = ["query"]
    date_hierarchy = "day"

    def changelist_view(self, request, extra_context=None):
        search_log.flush()  # the searches still buffered belong in the list too
        extra_context = {
            "days": search_log.DAYS,
            "top_queries": search_log.top_queries(),
            "zero_result_queries": search_log.zero_result_queries(),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)


@admin.register(LinkCheck)
class LinkCheckAdmin(ReadOnlyAdmin):
    """Every external link and its last answer (csx/editorial/link_checks.py). Read-only: the
    checker writes it; mend a link where it is written."""

    list_display = ["url", "outcome", "detail", "where", "checked_at"]  # detail: the status too
    list_filter = ["outcome"]
    search_fields = ["url"]
    ordering = ["outcome", "url"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="where")
    def where(self, link):
        places = [(place["admin"], place["label"]) for place in link.found_in]
        return format_html_join(", ", '<a href="{}">{}</a>', places)
