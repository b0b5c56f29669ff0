"""The story list's filters: each one a query parameter that a trainer can share."""

import django_filters
from django.db.models import Q

from csx.content.tags import tags_on
from principles.models import Principle
from stories.models import Company, Story


def published(model):
    return lambda request: model.objects.published()


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
    company = django_filters.ModelChoiceFilter(
        to_field_name="slug", queryset=published(Company), empty_label="Any company"
    )
    tag = django_filters.ModelChoiceFilter(
        field_name="tags",
        to_field_name="slug",
        queryset=lambda request: tags_on(Story.objects.published()).order_by("name"),
        empty_label="Any tag",
    )

    class Meta:
        model = Story
        fields = ["outcome", "kind", "principle", "company", "channel", "tag"]

    def chips(self):
        """The active filters, each with the query string that removes it."""
        params = self.data.copy()
        params.pop("page", None)
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


# The story list's order, one place: the list pages by it and a story page's "previous /
# next" walks it. The primary key settles ties between equal titles, so the walk never skips.
LIST_ORDER = ("-featured", "title", "pk")


def neighbours(stories, story):
    """(previous, next) of `story` in `stories` taken in LIST_ORDER, either None at an end.
    One query of two indexed halves whatever the list's length, rather than reading the
    whole list."""
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
    found = list(walk.filter(Q(pk__in=previous) | Q(pk__in=following)))
    place = (not story.featured, story.title, story.pk)
    before_it = [other for other in found if (not other.featured, other.title, other.pk) < place]
    after_it = [other for other in found if other not in before_it]
    return (before_it or [None])[0], (after_it or [None])[0]
