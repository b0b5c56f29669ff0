"""The forms and widgets of the editors' admin: edit conflicts, and Markdown shown rendered
beside the text."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.formats import time_format
from django.utils.timezone import localtime
from taggit.forms import TagWidget

from csx.content import references
from csx.content.markdown import render_markdown
from csx.editorial import history
from csx.editorial.history import diff


class MarkdownWidget(forms.Textarea):
    """A Markdown text area with the text rendered beside it, as readers will see it (the
    site's own renderer and sanitiser, asked again as the editor types, scrolled along with
    the text), a picker that writes links to other items, and a short cheat sheet."""

    # In csx/templates/: widgets are drawn by the form renderer, from app folders.
    template_name = "csx/widgets/markdown.html"

    def __init__(self, attrs=None):
        super().__init__({"rows": 16, "class": "markdown-source", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["preview"] = render_markdown(value or "")
        context["widget"]["schemes"] = references.schemes_in_use()  # for the cheat sheet
        return context

    class Media:
        css = {"all": ["csx/admin/editor.css"]}
        js = ["csx/admin/markdown-preview.js"]


class TagSuggestWidget(TagWidget):
    """Tags as comma-separated text, offering the tags already in use as the editor types
    (the list comes from the admin's suggestions view, csx.content.tags.suggestions)."""

    template_name = "csx/widgets/tags.html"

    def __init__(self, attrs=None):
        super().__init__(
            {"class": "vTextField csx-tags", "autocomplete": "off",
             "data-suggest-url": reverse_lazy("admin:tag_suggestions"), **(attrs or {})}
        )  # fmt: skip

    class Media:
        js = ["csx/admin/tags.js"]


class ContentForm(forms.ModelForm):
    """Refuses a save when someone else saved the item since this form was opened, showing
    what they changed; the form keeps everything this editor typed, and saving again keeps
    this editor's version."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    current_stamp = None  # set per request by the admin: the item's stamp as it is now

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        self.fields["seen"].initial = self.current_stamp

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("seen")
        if self.instance.pk and seen and self.current_stamp and seen != self.current_stamp:
            self.conflict = self.changes_since(seen)
            data = self.data.copy()
            data[self.add_prefix("seen")] = self.current_stamp  # saving again overrides
            self.data = data
            latest = history.versions(self.instance).first()
            who = f" by {latest.revision.user}" if latest and latest.revision.user else ""
            at = f" at {time_format(localtime(latest.revision.date_created))}" if latest else ""
            raise ValidationError(
                f"Someone else saved this page{who}{at}, while you were editing it. What they "
                "changed is shown below; your text is still in the form. Save again to keep "
                "your version over theirs, or copy what you need and reload the page.",
                code="conflict",
            )
        return cleaned

    def _post_clean(self):
        super()._post_clean()  # the instance now holds what was typed
        if self.data.get("_action") == "publish":  # the admin's Publish button
            links = {
                field.name: self.cleaned_data[field.name]
                for field in self.instance._meta.many_to_many
                if field.name in self.cleaned_data
            }
            for problem in self.instance.publish_problems(links):
                self.add_error(None, problem)

    def changes_since(self, seen):
        """What changed since the version this form was opened at: the item as it stands
        now (with its pending change, which the admin applies before the form sees it)."""
        return diff.since(seen, diff.describe_item(self.instance))
