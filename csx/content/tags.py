"""One tag space across every content type: which tags published items carry, and how often."""

from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from taggit.models import Tag, TaggedItem

from csx.content import registry
from csx.content.permalinks import Withdrawal
from csx.models.tags import RetiredTag


def published_tag_counts(tags=None):
    """{tag: number of published items carrying it}, for all tags in use or the given ones.

    One grouped query per content type, whatever the size of the library.
    """
    counts = {}
    for model in registry.models(tag_section=True):
        rows = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=model.objects.published().values("pk"),
        )
        if tags is not None:
            rows = rows.filter(tag__in=tags)
        for row in rows.values("tag").annotate(n=Count("pk")):
            counts[row["tag"]] = counts.get(row["tag"], 0) + row["n"]
    return {tag: counts[tag.pk] for tag in Tag.objects.filter(pk__in=counts).order_by("name")}


@dataclass
class Window:
    """From when until when some item carrying a tag is live (None: no end)."""

    start: datetime | None
    end: datetime | None

    def widen(self, other):
        starts = [time for time in (self.start, other.start) if time is not None]
        self.start = min(starts) if starts else None
        self.end = None if None in (self.end, other.end) else max(self.end, other.end)


def approved_tag_windows(tags=None):
    """{tag: Window} for the tags approved items carry (all in use, or the given Tags): the
    search index shows a tag during its window. One query for the given tags: each content
    type's items grouped by tag, the types in a UNION (every save of an item asks this of its
    tags)."""
    grouped = []
    for model in registry.models(tag_section=True):
        rows = model.objects.approved().order_by()
        rows = rows.filter(tags__isnull=False) if tags is None else rows.filter(tags__in=tags)
        grouped.append(
            rows.values("tags").annotate(
                start=Min("published_at"),
                end=Max("take_down_at"),
                endless=Count("pk", filter=Q(take_down_at__isnull=True)),
            )
        )
    first, *rest = grouped
    windows = {}
    for row in first.union(*rest, all=True):
        window = Window(row["start"], None if row["endless"] else row["end"])
        if row["tags"] in windows:
            windows[row["tags"]].widen(window)
        else:
            windows[row["tags"]] = window
    named = Tag.objects.filter(pk__in=windows) if tags is None else tags
    return {
        tag: windows[tag.pk] for tag in sorted(named, key=attrgetter("name")) if tag.pk in windows
    }


def normalise(name):
    """One spelling per tag: lower case, single spaces ("Wedding  Rings" → "wedding rings")."""
    return " ".join(name.split()).lower()


def parse_tags(text):
    """The tags an editor typed, separated by commas only (taggit would split "lost
    luggage" at the space when no comma is typed), quotes dropped, normalised. The
    settings' TAGGIT_TAGS_FROM_STRING: every tag field of the admin goes through it."""
    names = (normalise(part.strip().strip('"')) for part in (text or "").split(","))
    return sorted({name for name in names if name})


def join_tags(tags):
    """The tags as an editor sees them in a tag field (TAGGIT_STRING_FROM_TAGS)."""
    return ", ".join(sorted(tag.name for tag in tags))


def suggestions(text, limit=10):
    """Tags in use that match what an editor is typing, the most used first among those
    that start with it, then those that contain it."""
    term = normalise(text)
    if not term:
        return []
    tags = (
        Tag.objects.filter(name__icontains=term)
        .annotate(uses=Count("taggit_taggeditem_items"))
        .order_by("-uses", "name")
    )
    names = list(tags.values_list("name", flat=True)[: limit * 3])
    starting = [name for name in names if name.lower().startswith(term)]
    return (starting + [name for name in names if name not in starting])[:limit]


def tags_on(queryset):
    """The tags the items of `queryset` carry (one query, when evaluated). Each tag asks
    whether one of the items carries it, which stops at the first: the story list's filter
    checks one tag so, where `pk IN (every tag of every item)` made SQLite list all 193,681
    taggings of 50,000 stories (460 ms)."""
    return Tag.objects.filter(Exists(queryset.filter(tags=OuterRef("pk"))))


def was_public(tag):
    """Whether `tag` once had a page: some item carrying it was public, and is withdrawn or
    past its "take down at" time.

    (A tag only drafts or scheduled items ever carried never had one.)"""
    withdrawn = Withdrawal.objects.filter(
        content_type=OuterRef("content_type"), object_id=OuterRef("object_id")
    )
    if TaggedItem.objects.filter(tag=tag).filter(Exists(withdrawn)).exists():
        return True
    expired = (
        model.objects.expired().filter(tags=tag) for model in registry.models(tag_section=True)
    )
    return any(items.exists() for items in expired)


def current_names(names):
    """`names` (a revision's tags) as they are called now: a renamed or merged tag's name
    becomes the tag it went into, a deleted tag's is dropped, unless a tag of that name has
    been made again since. So approving a change written before a merge does not bring the
    merged tags back. One query."""
    if not names:
        return []
    remade = Tag.objects.filter(name__in=names).values("name")
    retired = {}
    rows = RetiredTag.objects.filter(name__in=names).exclude(name__in=remade)
    for row in rows.select_related("change__into"):
        retired.setdefault(row.name, row.change.into)
    result = []
    for name in names:
        if name in retired:
            into = retired[name]
            name = into.name if into is not None else None
        if name is not None and name not in result:
            result.append(name)
    return result


def tagged(kind, tag):
    # The type's own order, then the key: pages of equal titles never overlap.
    items = kind.model.objects.published().for_tag(tag).for_cards()
    return items.order_by(*kind.model._meta.ordering, "pk")


# A tag's page shows each type's first cards; `?kind=story&page=2` pages through the rest, so
# a tag on 3,000 stories is a page of 24 cards, not 3,000.
TAG_CARDS = 24


@dataclass(frozen=True)
class TagSection:
    kind: registry.Kind
    items: list  # the first TAG_CARDS
    more: bool  # whether there are more: its own pages (?kind=) count and show them


def tag_section(kind, tag):
    # One card past the first page says whether there are more, without counting them: the
    # page runs the same queries for a tag on 3 items or on 3,000.
    first = list(tagged(kind, tag)[: TAG_CARDS + 1])
    return TagSection(kind, first[:TAG_CARDS], more=len(first) > TAG_CARDS)


def tag_sections(tag, kinds):
    """[TagSection] of the kinds named in `kinds` (those with a published item carrying `tag`)."""
    sections = [tag_section(registry.BY_NAME[name], tag) for name in kinds]
    return [section for section in sections if section.items]


def tag_and_kinds(slug):
    """(the tag at `slug` or None, the names of the kinds with a published item carrying it)
    in one query: each kind asks whether one item carries the tag, which stops at the first,
    so a type's page (?kind=) draws no other type's cards."""
    kinds = [kind for kind in registry.TYPES if kind.tag_section]
    carried = {
        f"carried_by_{kind.name}": Exists(
            kind.model.objects.published().filter(tags=OuterRef("pk"))
        )
        for kind in kinds
    }
    tag = Tag.objects.filter(slug=slug).annotate(**carried).first()
    if tag is None:
        return None, None
    return tag, [kind.name for kind in kinds if getattr(tag, f"carried_by_{kind.name}")]
