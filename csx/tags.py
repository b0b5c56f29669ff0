"""One tag space across every content type: which tags published items carry, and how often."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from taggit.models import Tag, TaggedItem

from csx import registry


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
