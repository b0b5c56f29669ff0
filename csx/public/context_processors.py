from functools import cache as cache_for_process
from functools import partial

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

from csx.content import registry
from csx.serving import reuse


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
    return {"page_variant": partial(reuse.page_variant, request)}


def page_address(request):
    """The address as far as a page reads it: the path and the parameters pages read
    (settings.PAGE_CACHE_PARAMETERS), sorted; `?utm_source=…` and the like left out, so
    they neither draw a page again nor fill the caches with copies of it."""
    kept = sorted((name, value) for name, value in request.GET.lists() if name in READ)
    return f"{request.path}?{urlencode(kept, doseq=True)}" if kept else request.path


READ = settings.PAGE_CACHE_PARAMETERS


def page_address_context(request):
    """`page_address`, to key the fragments of list pages, kept once per content version:
    `{% cache 600 "name" page_variant page_address using="rendered" %}`."""
    return {"page_address": partial(page_address, request)}
