"""Editors build onboarding paths: the path, and its steps inline, each showing one story,
principle, statistic or resource picked through a single search box, in an order set by
dragging the rows (django-admin-sortable2) or by typing the numbers."""

from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableTabularInline
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from csx.content import registry
from csx.content.admin_links import admin_url
from csx.editorial.admin.content import PUBLISHING, ContentAdmin
from csx.editorial.admin.filters import StateFilter
from csx.learning.checks.admin import StepQuestionInline
from csx.paths import targets
from csx.paths.models import TARGETS, Path, PathItem


class TargetSelect(AutocompleteSelect):
    """The admin's own search-as-you-type box (select2), asking PathAdmin.targets_view for
    items of every kind a step can show."""

    def __init__(self, attrs=None):
        super().__init__(PathItem._meta.get_field("story"), admin.site, attrs)

    def get_url(self):
        return reverse(f"{self.admin_site.name}:paths_path_targets")

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-placeholder"] = "Search stories, principles, statistics, resources"
        return attrs

    def optgroups(self, name, value, attr=None):
        chosen = targets.find(value[0] if value else "")
        options = [self.create_option(name, "", "", False, 0)]
        if chosen is not None:
            options.append(
                self.create_option(name, targets.value_of(chosen), targets.label(chosen), True, 1)
            )
        return [(None, options, 0)]


class PathItemForm(forms.ModelForm):
    target = forms.CharField(label="Shows", required=False)

    class Meta:
        model = PathItem
        fields = ["order", "target", "trainer_note", "discussion_questions", "minutes"]
        widgets = {
            "trainer_note": forms.Textarea(attrs={"rows": 2, "cols": 28}),
            "discussion_questions": forms.Textarea(attrs={"rows": 2, "cols": 24}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].widget = TargetSelect()
        self.fields["target"].initial = targets.value_of(self.instance.target)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        chosen = targets.find(cleaned.get("target"))
        if chosen is None:
            self.add_error(
                "target",
                "Choose the story, principle, statistic or resource this step shows."
                if not cleaned.get("target")
                else "That item no longer exists; choose another.",
            )
        else:
            kind = registry.of(chosen).name
            for name in TARGETS:
                setattr(self.instance, name, chosen if name == kind else None)
        return cleaned


class StepsFormSet(CustomInlineFormSet):
    """Sortable2 hides the order numbers; they stay, as a fallback to dragging (and for
    keyboards): dragging renumbers them, typing numbers reorders on save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.base_fields[self.default_order_field].widget = forms.NumberInput(
            attrs={"class": "_reorder_ csx-order", "min": 0, "aria-label": "Position"}
        )


class PathItemInline(SortableTabularInline):
    model = PathItem
    form = PathItemForm
    formset = StepsFormSet
    extra = 1
    fields = [
        "order", "target", "trainer_note", "discussion_questions", "minutes", "for_readers",
    ]  # fmt: skip
    readonly_fields = ["for_readers"]
    verbose_name = "step"
    verbose_name_plural = "steps (drag a row by its handle to reorder, or type the numbers)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*TARGETS)

    @admin.display(description="For readers")
    def for_readers(self, item):
        if item.pk is None:
            return ""
        return "Shown" if item.is_published else "Skipped: not published"


@admin.register(Path)
class PathAdmin(SortableAdminBase, ContentAdmin):
    list_display = ["title", "state_label", "item_count", "skipped_count", "updated"]
    list_filter = [StateFilter]
    inlines = [PathItemInline, StepQuestionInline]
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

    def get_urls(self):
        view = self.admin_site.admin_view(self.targets_view)
        return [path("targets/", view, name="paths_path_targets"), *super().get_urls()]

    def targets_view(self, request):
        """What a step could show, for the builder's search box (select2's JSON)."""
        if not self.has_view_or_change_permission(request):
            return JsonResponse({"results": []}, status=403)
        groups = targets.search(request.GET.get("term", "")[:100])
        results = [
            {"text": plural, "children": [{"id": value, "text": text} for value, text in found]}
            for plural, found in groups
        ]
        return JsonResponse({"results": results, "pagination": {"more": False}})

    @admin.action(description="Make a draft copy of the selected paths", permissions=["add"])
    def make_draft_copies(self, request, queryset):
        """A trainer adapts a copy and leaves the original as it is. One copy opens for
        editing at once; several are listed, each with a link."""
        copies = [original.copy(request.user) for original in queryset.order_by("title")]
        if len(copies) == 1:
            copy = copies[0]
            self.message_user(
                request,
                f"Made “{copy.title}”, a draft copy with {copy.items.count()} item(s). "
                "Readers see nothing of it until it is published.",
                messages.SUCCESS,
            )
            return redirect(admin_url(copy))
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((admin_url(copy), copy.title) for copy in copies),
        )
        self.message_user(
            request, format_html("Made {} draft copies: {}.", len(copies), links), messages.SUCCESS
        )
        return None
