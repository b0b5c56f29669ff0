"""The tags admin: one spelling per tag, and renames, merges and deletions as recorded,
undoable changes (csx/editorial/tag_changes.py)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from csx.content import tags
from csx.editorial import tag_changes, usage
from csx.editorial.admin.filters import TitleFirstSearch
from csx.editorial.admin.publisher_only import PublisherOnly
from csx.editorial.permissions import can_publish
from csx.models import TagChange


class TagForm(forms.ModelForm):
    def clean_name(self):
        name = tags.normalise(self.cleaned_data["name"])
        same = Tag.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).first()
        if same is not None:
            raise forms.ValidationError(
                f"The tag “{same}” already exists: use it, or merge this one into it "
                "(select both in the list, then “Merge selected tags”)."
            )
        return name


admin.site.unregister(Tag)


class MergeForm(forms.Form):
    name = forms.CharField(
        label="Merge them into the tag",
        max_length=100,
        help_text="A tag in use, or a new name. Lower case, single spaces.",
    )

    def clean_name(self):
        name = tags.normalise(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("Give the name of the tag to keep.")
        return name


@admin.register(Tag)
class TagAdmin(PublisherOnly, TitleFirstSearch, TaggitTagAdmin):
    """Taggit's, with one spelling per tag (lower case, single spaces). Renaming, merging
    and deleting a tag change every page carrying it at once: publishers only, after a page
    listing the live ones, kept in each item's history, and undoable
    (csx/editorial/tag_changes.py)."""

    form = TagForm
    title_field = "name"
    show_full_result_count = False  # no second count(*) of every tag (ContentAdmin's reason)
    inlines = []  # taggit's inline attached tags to live items at once; items' own forms do it
    actions = ["merge_selected"]

    @staticmethod
    def on_live_items(tag):
        return any(getattr(item, "is_published", False) for item in tag_changes.touched([tag]))

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def reaches_readers(self, tag):
        return tag is not None and self.on_live_items(tag)

    def get_urls(self):
        # Taggit's merge page merged at once with no record; ours is the action below.
        undo = path(
            "changes/<int:change_id>/undo/",
            self.admin_site.admin_view(self.undo_view),
            name="taggit_tag_undo",
        )
        return [undo, *admin.ModelAdmin.get_urls(self)]

    def touched_pages(self, tag_list):
        return [
            usage.Use(item, "its tags")
            for item in tag_changes.touched(tag_list)
            if getattr(item, "is_published", False)
        ]

    def changed(self, request, change):
        done = f"{capfirst(str(change))}: the pages carrying it changed now; their history says so."
        if not can_publish(request.user):  # an editor's, on tags only drafts carry
            self.message_user(request, done, messages.SUCCESS)
            return
        undo = reverse("admin:taggit_tag_undo", args=[change.pk])
        message = format_html('{} <a href="{}">Undo this change</a>', done, undo)
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description="Merge selected tags", permissions=["publish"])
    def merge_selected(self, request, queryset):
        chosen = list(queryset.order_by("name"))
        form = MergeForm(request.POST if "post" in request.POST else None)
        if form.is_valid():
            try:
                change = tag_changes.merge(chosen, form.cleaned_data["name"], request.user)
            except tag_changes.TagChangeError as error:
                form.add_error("name", str(error))
            else:
                self.changed(request, change)
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge these tags?",
            "subtitle": None,
            "opts": self.opts,
            "tags": chosen,
            "form": form,
            "used_in": self.touched_pages(chosen),
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/workspace/tag_merge.html", context)

    def save_model(self, request, obj, form, change):
        if change and {"name", "slug"} & set(form.changed_data):
            request.csx_tag_change = tag_changes.rename(obj, request.user)
        else:
            super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        change = getattr(request, "csx_tag_change", None)
        if change is None:
            return super().response_change(request, obj)
        self.changed(request, change)
        return HttpResponseRedirect(reverse("admin:taggit_tag_changelist"))

    def get_deleted_objects(self, objs, request):
        """The delete page lists the live pages that lose the tag, not taggit's rows."""
        uses = self.touched_pages(list(objs))
        listed = [
            format_html('{} <a href="{}">{}</a> loses the tag', use.kind, use.admin_url, use.item)
            for use in uses
        ]
        perms_needed = set()
        if not all(self.has_delete_permission(request, obj) for obj in objs):
            perms_needed.add("tag")
        return [str(obj) for obj in objs] + listed, {"live pages": len(uses)}, perms_needed, []

    def delete_model(self, request, obj):
        self.delete_queryset(request, [obj])

    def delete_queryset(self, request, queryset):
        change = tag_changes.delete(list(queryset), request.user)
        self.changed(request, change)

    def response_delete(self, request, obj_display, obj_id):
        # The message with its undo link is given; Django's own would say it again.
        return HttpResponseRedirect(reverse("admin:taggit_tag_changelist"))

    def undo_view(self, request, change_id):
        if not can_publish(request.user):
            raise PermissionDenied
        change = TagChange.objects.filter(pk=change_id).first()
        if change is None:
            raise Http404("That tag change has been undone already, or never was.")
        if request.method == "POST":
            try:
                tag_changes.undo(change, request.user)
            except tag_changes.TagChangeError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    "Undone: every page it touched has its tags back as they were before, "
                    "and its history says so.",
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(reverse("admin:taggit_tag_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Undo this tag change? {capfirst(str(change))}",
            "subtitle": None,
            "opts": self.opts,
            "change": change,
            "used_in": [usage.Use(item, "its tags") for item in tag_changes.items_of(change)],
        }
        return TemplateResponse(request, "admin/workspace/tag_undo.html", context)
