"""One tag space across every content type: which tags published items carry, and how often."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef
from taggit.models import Tag, TaggedItem

from csx import registry
from csx.permalinks import Withdrawal


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


def tags_on(queryset):
    """The tags the items of `queryset` carry (one query, when evaluated)."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    carried = TaggedItem.objects.filter(
        content_type=content_type, object_id__in=queryset.values("pk")
    )
    return Tag.objects.filter(pk__in=carried.values("tag"))


def was_public(tag):
    """Whether `tag` once had a page: some item carrying it was public, and is withdrawn.

    (A tag only drafts or scheduled items ever carried never had one.)"""
    withdrawn = Withdrawal.objects.filter(
        content_type=OuterRef("content_type"), object_id=OuterRef("object_id")
    )
    return TaggedItem.objects.filter(tag=tag).filter(Exists(withdrawn)).exists()
