"""The story list's filters: each one a query parameter that a trainer can share."""

import django_filters
from django.db.models import Q
from django.http import QueryDict

from csx.content.tags import tags_on
from principles.models import Principle
from stories.choosers import (
    NamedChoiceField,
    SuggestingInput,
    naming,
    popular_companies,
    popular_tags,
)
from stories.models import LIST_ORDER, Company, Story


def published(model):
    return lambda request: model.objects.published()


class NamedChoiceFilter(django_filters.ModelChoiceFilter):
    """A company or a tag, typed by name or given by slug: a box with suggestions, never a
    list of every one of them (5,000 companies and 2,000 tags at 50,000 stories)."""

    field_class = NamedChoiceField


class StoryFilter(django_filters.FilterSet):
    outcome = django_filters.ChoiceFilter(choices=Story.Outcome.choices, empty_label="Any outcome")
    kind = django_filters.ChoiceFilter(choices=Story.Kind.choices, empty_label="Any kind")
    channel = django_filters.ChoiceFilter(choices=Story.Channel.choices, empty_label="Any channel")
    principle = django_filters.ModelChoiceFilter(
        field_name="principles",
        to_field_name="slug",
        queryset=published(Principle),
        empty_label="Any principle",
    )
    company = NamedChoiceFilter(
        to_field_name="slug",
        name_field="title",
        queryset=published(Company),
        widget=SuggestingInput(popular_companies, kind="company", hint="Any company"),
    )
    tag = NamedChoiceFilter(
        field_name="tags",
        to_field_name="slug",
        name_field="name",
        queryset=lambda request: tags_on(Story.objects.published()),
        widget=SuggestingInput(popular_tags, kind="tag", hint="Any tag"),
    )

    class Meta:
        model = Story
        fields = ["outcome", "kind", "principle", "company", "channel", "tag"]

    def by_slug(self):
        """The filters' query string with every item named by its slug (a reader may type a
        company's or a tag's name in its box), the page dropped."""
        params = self.data.copy()
        params.pop("page", None)
        for name, value in self.form.cleaned_data.items():
            if hasattr(value, "slug") and name in params:
                params[name] = value.slug
        return params

    def near(self):
        """For each company or tag typed that names nothing: (label, what was typed, [(name,
        query string choosing it)]), the items whose names hold what was typed."""
        found = []
        for name, field in self.form.fields.items():
            text = self.data.get(name, "")
            if not isinstance(field, NamedChoiceField) or name not in self.form.errors:
                continue
            params = self.data.copy()
            params.pop("page", None)
            choices = []
            for item in field.near(text):
                params[name] = item.slug
                choices.append((str(item), params.urlencode()))
            found.append((self.form[name].label, text, choices))
        return found

    def chips(self):
        """The active filters, each with the query string that removes it."""
        params = self.by_slug()
        active = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            rest = params.copy()
            rest.pop(name, None)
            field = self.form.fields[name]
            label = str(value) if hasattr(value, "pk") else dict(field.choices).get(value, value)
            # The name the form shows beside the field (its label, or Django's from the name).
            name_shown = self.form[name].label
            active.append({"name": name_shown, "label": label, "remove": rest.urlencode()})
        return active


def conditions(params):
    """(query string, [Q, ...]) of the story list's filters in `params`, found without a
    query: a choice is checked against its choices, an item named by its slug becomes a
    subquery of the query that uses the conditions (a slug naming nothing matches no
    story). The conditions are None when a value cannot be one (a choice not offered)."""
    kept, found = QueryDict(mutable=True), []
    for name in params:
        chosen = StoryFilter.base_filters.get(name)
        value = params.get(name)
        if chosen is None or not value:
            continue
        if "\x00" in value:
            return "", None
        if isinstance(chosen, NamedChoiceFilter):
            extra = chosen.extra
            named = extra["queryset"](None).filter(
                naming(extra["to_field_name"], extra["name_field"], value)
            )
        elif isinstance(chosen, django_filters.ModelChoiceFilter):
            named = chosen.extra["queryset"](None).filter(**{chosen.extra["to_field_name"]: value})
            found.append(Q(**{f"{chosen.field_name}__in": named}))
        elif value in dict(chosen.extra["choices"]):
            found.append(Q(**{chosen.field_name: value}))
        else:
            return "", None
        kept[name] = value
    return kept.urlencode(), found


def walk(params, story):
    """(query string, previous, next): `story`'s neighbours in the story list the reader
    came from, whose filters `params` hold, and those filters to carry on. One query: the
    filters are conditions of the walk, not items looked up first. When they do not hold
    the story (a filter that does not parse, an item that is not there, a hand-edited
    address) the whole list is walked, with no filters carried on."""
    query, found = conditions(params)
    if found is not None:
        previous, following, listed = neighbours(Story.objects.published().filter(*found), story)
        if listed:
            return query, previous, following
    previous, following, _ = neighbours(Story.objects.published(), story)
    return "", previous, following


def neighbours(stories, story):
    """(previous, next, listed) of `story` in `stories` taken in LIST_ORDER, either None at
    an end; `listed`: whether `stories` holds `story`. One query of two indexed halves
    whatever the list's length, rather than reading the whole list."""
    same_featured = Q(featured=story.featured)
    before = (
        Q(featured__gt=story.featured)
        | same_featured & Q(title__lt=story.title)
        | same_featured & Q(title=story.title, pk__lt=story.pk)
    )
    after = (
        Q(featured__lt=story.featured)
        | same_featured & Q(title__gt=story.title)
        | same_featured & Q(title=story.title, pk__gt=story.pk)
    )
    backwards = ("featured", "-title", "-pk")
    walk = stories.only("slug", "title", "featured")
    previous = walk.filter(before).order_by(*backwards).values("pk")[:1]
    following = walk.filter(after).order_by(*LIST_ORDER).values("pk")[:1]
    # Each half a subquery of one query (SQLite refuses LIMIT in the halves of a UNION).
    found = list(walk.filter(Q(pk__in=previous) | Q(pk__in=following) | Q(pk=story.pk)))
    listed = any(other.pk == story.pk for other in found)
    found = [other for other in found if other.pk != story.pk]
    place = (not story.featured, story.title, story.pk)
    before_it = [other for other in found if (not other.featured, other.title, other.pk) < place]
    after_it = [other for other in found if other not in before_it]
    return (before_it or [None])[0], (after_it or [None])[0], listed
