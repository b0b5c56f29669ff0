"""The story list's company and tag filters at any size of library: a text box that takes a
name (or a slug, as links give it) with a short list of suggestions, never a <select> of
every company and tag (5,000 and 2,000 at 50,000 stories drew 14,000 options: 23 s).

- The box's <datalist> holds the companies and tags used most by the newest stories
  (`RECENT` of them, read from the newest-first index): one grouped query of a bounded
  sample, so its cost does not grow with the library. The browser narrows it as the reader
  types, without JavaScript.
- With JavaScript (static/js/filters.js), the list is refilled as the reader types from the
  header search's suggestions (`/search/suggest/?q=…&kind=company`), so every company and
  tag can be found.
- A name typed that names nothing answers the "not one we know" page, listing the names
  that hold what was typed (`near()`): typing part of a name works without JavaScript too.
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils.html import format_html, format_html_join
from taggit.models import TaggedItem

from stories.models import Company, Story

SUGGESTED = 12  # names in a box's list before the reader types
RECENT = 300  # the newest stories whose companies and tags are suggested (an index range)
NEAR = 10  # names offered on the "not one we know" page
LONGEST = 200  # characters of a name: longer is no name of ours


def clean(text):
    return " ".join(str(text).split())


def naming(to_field, name_field, text):
    """The condition an item meets when `text` is its slug or its name (any case)."""
    text = clean(text)
    return Q(**{to_field: text}) | Q(**{f"{name_field}__iexact": text})


class SuggestingInput(forms.TextInput):
    """A text box with a <datalist> of suggestions, read only when the box is drawn."""

    def __init__(self, suggest, kind, hint, attrs=None):
        super().__init__(attrs={"autocomplete": "off", "placeholder": hint, **(attrs or {})})
        self.suggest, self.kind = suggest, kind

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        listed = f"{attrs.get('id', name)}-suggestions"
        attrs.update({"list": listed, "data-suggest-kind": self.kind})
        box = super().render(name, value, attrs, renderer)
        names = format_html_join("", '<option value="{}"></option>', ((n,) for n in self.suggest()))
        return box + format_html('<datalist id="{}">{}</datalist>', listed, names)


class NamedChoiceField(forms.ModelChoiceField):
    """An item by its slug (links) or its name as a reader types it (any case, any spacing):
    the slug first when both match."""

    default_error_messages = {
        "invalid_choice": "Nothing in the library goes by that name.",
    }

    def __init__(self, *args, name_field, **kwargs):
        kwargs.pop("empty_label", None)
        super().__init__(*args, empty_label=None, **kwargs)
        self.name_field = name_field
        self.chosen = None

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = clean(value)
        if len(text) > LONGEST or "\x00" in text:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        slug_first = Case(
            When(**{self.to_field_name: text}, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        found = (
            self.queryset.filter(naming(self.to_field_name, self.name_field, text))
            .annotate(slug_first=slug_first)
            .order_by("slug_first", "pk")
            .first()
        )
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        self.chosen = found
        return found

    def prepare_value(self, value):
        # The box shows the chosen item's name, though the address holds its slug.
        if self.chosen is not None and value in (self.chosen, self.chosen.slug):
            return str(self.chosen)
        if hasattr(value, "_meta"):
            return str(value)
        return value

    def near(self, text, limit=NEAR):
        """Up to `limit` items whose names hold `text`, those that begin with it first."""
        text = clean(text)[:LONGEST].replace("\x00", "")
        if not text:
            return []
        name = self.name_field
        begins = Case(
            When(**{f"{name}__istartswith": text}, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        found = self.queryset.filter(**{f"{name}__icontains": text}).annotate(begins=begins)
        return list(found.order_by("begins", name, "pk")[:limit])


def newest_stories():
    return Story.objects.published().order_by("-published_at").values("pk")[:RECENT]


def popular_companies(limit=None):
    """The names of the published companies the newest stories name most, most first."""
    rows = (
        Story.objects.filter(pk__in=newest_stories(), company__in=Company.objects.published())
        .values("company__title")
        .annotate(n=Count("pk"))
        .order_by("-n", "company__title")
    )
    return [row["company__title"] for row in rows[: limit or SUGGESTED]]


def popular_tags(limit=None):
    """The names of the tags the newest stories carry most, most first."""
    rows = (
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Story),
            object_id__in=newest_stories(),
        )
        .values("tag__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "tag__name")
    )
    return [row["tag__name"] for row in rows[: limit or SUGGESTED]]
