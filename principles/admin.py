from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils import timezone

from csx.editorial.admin.content import PUBLISHING, ContentAdmin
from csx.editorial.admin.filters import StateFilter
from csx.editorial.permissions import can_publish, role_of
from csx.learning.checks.admin import QuestionInline
from csx.models import Status
from principles.models import Practice, Principle, Resource, Statistic, VerificationCheck


class PracticeInline(admin.StackedInline):
    model = Practice
    extra = 0
    fields = ["order", "title", "slug", "description", "say_this", "not_this"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Principle)
class PrincipleAdmin(ContentAdmin):
    list_display = ["title", "order", "definition", "state_label", "updated"]
    list_editable = ["order"]
    search_fields = ["title", "definition", "summary", "body"]
    inlines = [PracticeInline, QuestionInline]
    autocomplete_fields = ["sources"]
    fields = [
        "title", "slug", "definition", "order", "summary", "body", "sources", "tags",
        *PUBLISHING,
    ]  # fmt: skip


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


class VerificationCheckInline(admin.StackedInline):
    """The statistic's verification log: add a check to change its state. Entries already
    made are a record, shown but never changed or removed."""

    model = VerificationCheck
    extra = 0
    fields = ["state", "what_was_checked", "result", "note", "checked_at", "who"]
    readonly_fields = ["checked_at", "who"]
    verbose_name_plural = "verification log (add a check to change the state)"
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}

    def get_queryset(self, request):
        return super().get_queryset(request).for_log()

    @admin.display(description="who")
    def who(self, check):
        return check.checker if check.pk else ""

    def has_add_permission(self, request, obj=None):
        # A check on an approved statistic changes the state readers see at once: a
        # publisher's to log. Editors log checks on drafts, which a publisher then reviews.
        approved = obj is not None and obj.status in (Status.PUBLISHED, Status.WITHDRAWN)
        return super().has_add_permission(request, obj) and (
            not approved or can_publish(request.user)
        )

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Statistic)
class StatisticAdmin(ContentAdmin):
    list_display = ["title", "figure", "attributed_to", "verification", "state_label", "updated"]
    list_filter = [StateFilter, "verification", "principles", "cited_in", "tags"]
    list_select_related = ["cited_in"]
    search_fields = ["title", "figure", "claim", "attributed_to", "other_origin", "summary"]
    autocomplete_fields = ["cited_in", "primary_source", "other_origin_source", "principles"]
    readonly_fields = [*ContentAdmin.readonly_fields, "verification"]
    inlines = [VerificationCheckInline, QuestionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("The figure", {"fields": ["figure", "claim", "attributed_to", "cited_in",
                                   "quoted_wording"]}),
        ("What was measured", {"fields": ["population", "sample_size", "method", "year"]}),
        ("Origin", {"fields": ["primary_source", "other_origin", "other_origin_source",
                               "dispute_note"]}),
        ("Verification", {"fields": ["verification", "note"],
                          "description": "The state changes only by adding a check to the "
                          "verification log below."}),
        ("Links", {"fields": ["principles", "tags"]}),
        ("Publishing", {"fields": PUBLISHING}),
    ]  # fmt: skip

    def save_formset(self, request, form, formset, change):
        # Who and when are the editor saving and now, never typed in.
        checks = formset.save(commit=False)
        for check in checks:
            check.checked_by = request.user
            check.checker_role = role_of(request.user)
            check.checked_at = timezone.now()
        if getattr(request, "csx_held", False):
            # A check is a record of work done, not text for a publisher to approve: it is
            # logged (and shown) at once, while the rest of a held change waits.
            request.csx_records.append(lambda: self.log_checks(request, checks))
            return
        for check in checks:
            check.save()
        formset.save_m2m()

    def log_checks(self, request, checks):
        for check in checks:
            check.save()
        if checks:
            self.message_user(
                request,
                f"Logged {len(checks)} check(s) in the verification log: readers see the "
                "statistic's new state now.",
                messages.SUCCESS,
            )


@admin.register(Resource)
class ResourceAdmin(ContentAdmin):
    list_display = ["title", "kind", "creator", "state_label", "updated"]
    list_filter = [StateFilter, "kind", "principles", "tags"]
    search_fields = ["title", "creator", "summary"]
    autocomplete_fields = ["principles", "sources"]
    fields = [
        "title", "slug", "kind", "creator", "url", "summary", "body", "principles", "sources",
        "tags", *PUBLISHING,
    ]  # fmt: skip
