from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils import timezone

from csx import references
from csx.models import SearchLog, SlugHistory, Source, Status, Synonym, Withdrawal
from csx.search import log as search_log
from csx.search.words import synonym_phrases

# Editors paste bare addresses; read them as https (Django 6's default), not http.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ReviewFilter(admin.SimpleListFilter):
    """Items by their review date: what is overdue, what falls due soon, what nobody owns."""

    title = "review"
    parameter_name = "review"
    SOON = timedelta(days=30)

    def lookups(self, request, model_admin):
        return [
            ("due", "Due for review"),
            ("soon", "Due within 30 days"),
            ("unowned", "No owner"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return queryset.due_for_review(today)
        if self.value() == "soon":
            return queryset.due_for_review(today + self.SOON)
        if self.value() == "unowned":
            return queryset.filter(owner__isnull=True)
        return queryset


class ReferencesFilter(admin.SimpleListFilter):
    """Items whose Markdown links to an item readers cannot see (csx/references.py)."""

    title = "references"
    parameter_name = "references"

    def lookups(self, request, model_admin):
        return [("broken", "Broken or withdrawn references")]

    def queryset(self, request, queryset):
        if self.value() != "broken":
            return queryset
        broken = references.broken([queryset.model])
        return queryset.filter(pk__in={reference.holder.pk for reference in broken})


class ContentAdmin(admin.ModelAdmin):
    """What every content type's admin shares: status, tags, slugs, publishing, review."""

    formfield_overrides = URL_FIELDS
    list_display = ["title", "status", "published_at", "updated"]
    list_filter = ["status", "tags"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "updated"
    actions = ["publish", "unpublish", "mark_reviewed"]
    readonly_fields = ["created", "updated"]
    review_fields = ["owner", "reviewed_on", "review_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def get_fieldsets(self, request, obj=None):
        # Every type is reviewed the same way, so its admin need not list these fields.
        fieldsets = super().get_fieldsets(request, obj)
        return [*fieldsets, ("Review", {"fields": self.review_fields})]

    def get_fields(self, request, obj=None):
        return [f for f in super().get_fields(request, obj) if f not in self.review_fields]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "review_by"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ReviewFilter, ReferencesFilter]

    def save_model(self, request, obj, form, change):
        # Whoever first saves an item looks after it until someone else takes it on.
        if obj.owner_id is None and request.user.is_staff:
            obj.owner = request.user
        super().save_model(request, obj, form, change)

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

    @admin.action(description="Mark the selected items reviewed today", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        items = list(queryset)
        for item in items:
            item.mark_reviewed()
            item.save(update_fields=["reviewed_on", "review_by"])
        self.message_user(
            request,
            f"Marked {len(items)} item(s) reviewed today; each is due again after its "
            "type's review interval.",
            messages.SUCCESS,
        )


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
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
    list_filter = ["content_type"]
    search_fields = ["slug"]


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
class SynonymAdmin(admin.ModelAdmin):
    """Words readers use that the library does not: searches use them at once."""

    form = SynonymForm
    list_display = ["terms", "note"]
    search_fields = ["terms", "note"]


@admin.register(SearchLog)
class SearchLogAdmin(ReadOnlyAdmin):
    """What readers searched for, by day; above the list, the last 30 days' top queries and
    the ones that found nothing. Read-only: searches write it."""

    list_display = ["query", "day", "searches", "results"]
    list_filter = ["day"]
    search_fields = ["query"]
    date_hierarchy = "day"

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "days": search_log.DAYS,
            "top_queries": search_log.top_queries(),
            "zero_result_queries": search_log.zero_result_queries(),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)
