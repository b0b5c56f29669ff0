"""Suggestions as the reader types in the header's search box: live items and tags whose
name begins with what was typed, or has a word that does ("giraf" → "The giraffe who
stayed on"). One query; names that begin with the text first, items before tags."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from csx.search.documents import KIND_NAMES

SHORTEST = 2  # fewer letters than this suggest nothing: too many names begin so
LIMIT = 8


@dataclass(frozen=True)
class Suggestion:
    title: str
    kind: str
    url: str

    def as_json(self):
        return {"title": self.title, "kind": KIND_NAMES[self.kind], "url": self.url}


def first_if(condition):
    """0 where `condition` holds, else 1: an order that puts those rows first."""
    return Case(When(condition, then=Value(0)), default=Value(1), output_field=IntegerField())


def suggest(text, limit=LIMIT, kind=None):
    """Up to `limit` Suggestions for `text` as typed so far (of one kind only: the story
    list's company and tag boxes, static/js/filters.js)."""
    from csx.models import SearchEntry

    text = " ".join(text.split())
    if len(text) < SHORTEST:
        return []
    now = timezone.now()
    begins = Q(title__istartswith=text)
    entries = SearchEntry.objects.filter(kind=kind) if kind else SearchEntry.objects.all()
    entries = (
        entries.filter(begins | Q(title__icontains=f" {text}"))
        .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
        .filter(Q(take_down_at__isnull=True) | Q(take_down_at__gt=now))
        .annotate(beginning=first_if(begins), item=first_if(~Q(kind="tag")))
        .order_by("beginning", "item", "title")
        .values_list("title", "kind", "url")[:limit]
    )
    return [Suggestion(*row) for row in entries]
