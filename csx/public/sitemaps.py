from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from csx.content import registry
from csx.models import Source


class PublishedSitemap(Sitemap):
    """Every published item of one type, dated by its last edit."""

    def __init__(self, model):
        self.model = model

    def items(self):
        # A list, not a queryset: the sitemap's paginator then counts it without a query.
        return list(self.model.objects.published().order_by("pk"))

    def lastmod(self, item):
        return item.updated


class SourcesSitemap(Sitemap):
    """Every page of a source readers see (one a published item cites)."""

    def items(self):
        return list(Source.objects.published().order_by("pk"))


class ListPagesSitemap(Sitemap):
    def items(self):
        lists = [kind.list_url_name for kind in registry.TYPES]
        return ["home", *lists, "tag_list", "sources:source_list"]

    def location(self, name):
        return reverse(name)


def sitemaps():
    """The list pages, every published item of each type with a page of its own, and the
    sources."""
    return {
        "pages": ListPagesSitemap(),
        **{kind.segment: PublishedSitemap(kind.model) for kind in registry.TYPES if kind.own_page},
        "sources": SourcesSitemap(),
    }
