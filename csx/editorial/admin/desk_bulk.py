"""The list's bulk edit: tags, principles, owner, company and review-by date of a selection,
asked on a confirmation page that lists every item and what the edit does to it (a draft is
changed; a live item gets a pending change for a publisher to approve), then made through
the editorial service (csx/editorial/changes.py)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.contrib.auth import get_user_model
from django.template.response import TemplateResponse
from taggit.models import Tag

from csx.content.tags import normalise
from csx.editorial import changes, workflow


def tag_names(text):
    return [normalise(name) for name in text.split(",") if name.strip()]


class BulkEditForm(forms.Form):
    add_tags = forms.CharField(required=False, help_text="Separated by commas.")
    remove_tags = forms.CharField(required=False, help_text="Separated by commas.")
    add_principles = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    remove_principles = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    owner = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_staff=True, is_active=True),
        required=False,
        empty_label="(leave as it is)",
    )
    company = forms.ModelChoiceField(queryset=None, required=False)
    clear_company = forms.BooleanField(required=False, label="No company")
    review_by = forms.DateField(required=False, widget=AdminDateWidget)

    def __init__(self, model, admin_site, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = {f.name for f in model._meta.get_fields()}
        if "principles" in names:
            principles = model._meta.get_field("principles").related_model.objects.order_by(
                "order", "title"
            )
            self.fields["add_principles"].queryset = principles
            self.fields["remove_principles"].queryset = principles
        else:
            del self.fields["add_principles"], self.fields["remove_principles"]
        if "company" in names:
            field = model._meta.get_field("company")
            company = self.fields["company"]
            company.queryset = field.related_model.objects.all()
            company.widget = AutocompleteSelect(field, admin_site)
            company.widget.choices = company.choices  # typed: hundreds of companies
        else:
            del self.fields["company"], self.fields["clear_company"]

    def edits(self):
        """The keyword arguments of changes.edit_each for what was filled in."""
        data = self.cleaned_data
        edits = {
            "add_tags": [self.tag(name) for name in tag_names(data["add_tags"])],
            "remove_tags": list(Tag.objects.filter(name__in=tag_names(data["remove_tags"]))),
            "add_principles": list(data.get("add_principles") or []),
            "remove_principles": list(data.get("remove_principles") or []),
        }
        if data["owner"] is not None:
            edits["owner"] = data["owner"]
        if data.get("clear_company"):
            edits["company"] = None
        elif data.get("company") is not None:
            edits["company"] = data["company"]
        if data["review_by"] is not None:
            edits["review_by"] = data["review_by"]
        return edits

    @staticmethod
    def tag(name):
        return Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)

    def is_empty(self):
        data = self.cleaned_data
        return not any(value for key, value in data.items())


class BulkEdit:
    """A ModelAdmin mixin: the "Edit the selected items" action."""

    actions = ["edit_selected"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "edit_selected" not in actions:
            actions["edit_selected"] = self.get_action("edit_selected")
        return actions

    @admin.action(description="Edit tags, principles, owner, company or review date")
    def edit_selected(self, request, queryset):
        items = list(queryset)
        posted = request.POST.get("post") == "yes"
        form = BulkEditForm(self.model, self.admin_site, request.POST if posted else None)
        if posted and form.is_valid() and not form.is_empty():
            done = changes.edit_each(items, request.user, **form.edits())
            self.message_user(
                request,
                f"Edited {len(done[changes.CHANGED])} draft(s) in place; "
                f"{len(done[changes.HELD])} live item(s) now have a pending change that waits "
                "for a publisher's approval.",
                messages.SUCCESS,
            )
            return None
        if posted and form.is_valid():
            form.add_error(None, "Fill in at least one thing to change.")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Edit {len(items)} item(s)",
            "subtitle": None,
            "opts": self.opts,
            "form": form,
            "media": self.media + form.media,
            "entries": [{"item": item, "held": workflow.holds(item)} for item in items],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/workspace/bulk_edit.html", context)
