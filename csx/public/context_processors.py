from functools import cache as cache_for_process
from functools import partial

from django.urls import reverse

from csx.content import registry
from csx.serving import cache


@cache_for_process
def sections():
    """(label, address, whether a page's URL name belongs to it) of every main section."""
    return [
        *((kind.plural, reverse(kind.list_url_name), kind.owns) for kind in registry.TYPES),
        ("Tags", reverse("tag_list"), lambda name: name in {"tag_list", "tag_detail"}),
    ]


def navigation(request):
    """The main sections: every content type's list page, then tags."""
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match else None
    return {
        "navigation": [
            {"label": label, "url": url, "current": owns(current)}
            for label, url, owns in sections()
        ]
    }


def page_variant(request):
    """`page_variant`, for fragments rendered once per content version:
    `{% cache 600 "name" item.pk page_variant %}` (computed only if a template asks)."""
    return {"page_variant": partial(cache.page_variant, request)}
