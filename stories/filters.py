"""The story list's filters: each one a query parameter that a trainer can share."""

from functools import reduce
from operator import or_

import django_filters
from django.db.models import Q, Subquery
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
        method="carrying",
    )

    class Meta:
        model = Story
        fields = ["outcome", "kind", "principle", "company", "channel", "tag"]

    def carrying(self, stories, name, tag):
        return stories.for_tag(tag)  # a semi-join, not the join (ContentQuerySet.for_tag)

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
        if isinstance(chosen, django_filters.ModelChoiceFilter):
            extra = chosen.extra
            if isinstance(chosen, NamedChoiceFilter):  # a company or a tag, by slug or name
                named = extra["queryset"](None).filter(
                    naming(extra["to_field_name"], extra["name_field"], value)
                )
            else:
                named = extra["queryset"](None).filter(**{extra["to_field_name"]: value})
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
    an end; `listed`: whether `stories` holds `story`. One query whatever the list's length:
    four candidates, each the first row of a range of the list's index (the closest story
    before and after in `story`'s own featured group, the nearest of the groups beside it),
    each a scalar subquery the database reads once and looks up by key. An OR of the whole
    order ("featured before, or the same and the title before, or ...") is no range of the
    index: at 50,000 stories it read the table (541 ms on PostgreSQL)."""
    featured, title, pk = story.featured, story.title, story.pk
    same = Q(featured=featured)
    # The redundant bound on the title makes each a range of the index, not a filter.
    before = same & Q(title__lte=title) & (Q(title__lt=title) | Q(pk__lt=pk))
    after = same & Q(title__gte=title) & (Q(title__gt=title) | Q(pk__gt=pk))
    backwards = ("featured", "-title", "-pk")
    walk = stories.only("slug", "title", "featured")
    candidates = [
        walk.filter(before).order_by(*backwards),
        walk.filter(featured__gt=featured).order_by(*backwards),  # the group before
        walk.filter(after).order_by(*LIST_ORDER),
        walk.filter(featured__lt=featured).order_by(*LIST_ORDER),  # the group after
    ]
    near = [Q(pk=Subquery(candidate.values("pk")[:1])) for candidate in candidates]
    found = list(walk.filter(reduce(or_, near, Q(pk=pk))))
    listed = any(other.pk == pk for other in found)

    def place(item):
        return (not item.featured, item.title, item.pk)

    here = place(story)
    before_it = [other for other in found if place(other) < here]
    after_it = [other for other in found if place(other) > here]
    previous = max(before_it, key=place) if before_it else None
    following = min(after_it, key=place) if after_it else None
    return previous, following, listed
