"""What helps a reader find their way and see at a glance: breadcrumbs (with their
structured data), contents lists, and the site's own inline icons (csx/public/icons.py)."""

import json

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from taggit.models import Tag

from csx.content import registry
from csx.content.markdown import headings
from csx.models import Source
from csx.public import icons

register = template.Library()

# A contents list helps once a page has this many sections; below it, it is noise.
CONTENTS_FROM = 3


def trail(item):
    """[(label, address)] from the home page down to `item`, for breadcrumbs."""
    home = [("Home", reverse("home"))]
    if isinstance(item, Source):
        return [
            *home,
            ("Sources", reverse("sources:source_list")),
            (item.name, item.get_absolute_url()),
        ]
    if isinstance(item, Tag):
        return [
            *home,
            ("Tags", reverse("tag_list")),
            (item.name, reverse("tag_detail", args=[item.slug])),
        ]
    kind = registry.of(item)
    if kind is None:  # a step of a path: below the path it belongs to
        return [*trail(item.path), (item.target.title, item.get_absolute_url())]
    return [
        *home,
        (kind.plural, reverse(kind.list_url_name)),
        (item.title, item.get_absolute_url()),
    ]


def structured_data(request, crumbs):
    """schema.org BreadcrumbList as JSON-LD, escaped the way json_script() escapes, so a
    title holding "</script>" cannot end the block."""
    data = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": label,
                "item": f"{request.scheme}://{request.get_host()}{url}",
            }
            for position, (label, url) in enumerate(crumbs, start=1)
        ],
    }
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 (escaped just above)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, item, list_query=""):
    """Where `item` sits in the library. `list_query`: the filters the reader came from, so
    the list crumb goes back to the same filtered list."""
    crumbs = trail(item)
    if list_query:
        label, url = crumbs[-2]
        crumbs[-2] = (label, f"{url}?{list_query}")
    return {
        "crumbs": crumbs[:-1],
        "current": crumbs[-1][0],
        "json_ld": structured_data(context["request"], crumbs),
    }


@register.simple_tag
def page_contents(body="", *sections):
    """The sections of a page, in order: the second-level headings of its Markdown `body`,
    then each of `sections` written "id|Words" (an empty one is left out). None below
    CONTENTS_FROM sections."""
    found = headings(body) + [tuple(section.split("|", 1)) for section in sections if section]
    return found if len(found) >= CONTENTS_FROM else None


@register.simple_tag
def principle_icon(principle):
    return icons.svg(icons.for_principle(principle.slug), "icon icon-principle")


@register.simple_tag
def outcome_icon(outcome):
    return icons.svg(icons.for_outcome(outcome), f"icon icon-{outcome}")


@register.simple_tag
def channel_icon(channel):
    return icons.svg(icons.for_channel(channel), "icon icon-channel")


@register.simple_tag
def social_image(item=None):
    """The address of the Open Graph picture for a page about `item` (the site's own picture
    for any other page, or for an item readers cannot see)."""
    kind = registry.of(item) if item is not None and hasattr(item, "_meta") else None
    if kind and kind.own_page and getattr(item, "is_published", False):
        return reverse("og_image", args=[kind.segment, item.slug])
    return reverse("og_site_image")
