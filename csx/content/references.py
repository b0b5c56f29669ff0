"""Stable references between items, for editors: which are broken, and where an item is used.

A Markdown link such as `[the giraffe](story:ritz-carlton-joshie-the-giraffe)` is resolved
when a page is drawn (csx/content/markdown.py): it follows renames, and readers see a reference to
an item they cannot see as plain text. These lists say where that happens, so editors can mend it
(the admin's "References" filter; the dashboard and the "used in" panel).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from csx.content import permalinks, registry
from csx.content.markdown import references


@dataclass(frozen=True)
class Reference:
    holder: object  # the item whose Markdown holds the reference
    prefix: str  # "story"
    slug: str
    problem: str = ""  # why readers see plain text: "withdrawn", "not published", "no such item"

    def __str__(self):
        return f"{self.prefix}:{self.slug}"


def held_by(item):
    """Every (prefix, slug) referenced in `item`'s Markdown, its owned rows' included."""
    return [reference for text in item.markdown_texts() for reference in references(text)]


def holders(models=None):
    """Every content item (of `models`, or of every type) that may hold a reference."""
    for model in models or registry.models():
        yield from model.objects.holding_links()


def problem_with(prefix, slug):
    """Why readers see `prefix:slug` as plain text, or "" when it links to its item."""
    if permalinks.resolve_reference(prefix, slug) is not None:
        return ""
    model = permalinks.reference_models()[prefix]
    resolution = permalinks.resolve(model.objects.all(), slug)
    if resolution is None:
        return "no such item"
    if resolution.item is None:
        return "withdrawn"
    return "not published"


def broken(models=None):
    """The references readers see as plain text, with the item that holds each."""
    found = []
    for item in holders(models):
        for prefix, slug in held_by(item):
            problem = problem_with(prefix, slug)
            if problem:
                found.append(Reference(item, prefix, slug, problem))
    return found


def used_in(target):
    """The items whose Markdown refers to `target`, by its slug now or one it had before."""
    prefix = "source" if registry.of(target) is None else registry.of(target).name
    old = permalinks.SlugHistory.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    )
    slugs = {target.slug, *old.values_list("slug", flat=True)}
    return [
        item
        for item in holders()
        if any(p == prefix and slug in slugs for p, slug in held_by(item))
    ]
