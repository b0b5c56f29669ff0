"""The sitemap: /sitemap.xml is an index of files, one section per type (and the list pages
and sources), each split into pages of at most SITEMAP_URLS_PER_FILE addresses (`?p=2`).

A library of 50,000 stories is one index naming some ten files, not one 10 MB answer. The
sections are built afresh for each request (the views call these factories), so what a
section counted for the index is kept on it for that request only.
"""

from functools import cached_property, partial

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max
from django.urls import reverse

from csx.content import registry
from csx.models import Source


class SplitSitemap(Sitemap):
    @property
    def limit(self):
        return settings.SITEMAP_URLS_PER_FILE


class PublishedSitemap(SplitSitemap):
    """Every published item of one type, dated by its last edit."""

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated

    @cached_property
    def summary(self):
        """How many items, and the latest edit: one query for both (Django's own ways ask
        the table twice, the second by reading every item)."""
        return self.items().aggregate(count=Count("pk"), latest=Max("updated"))

    def get_latest_lastmod(self):
        return self.summary["latest"]

    @cached_property
    def paginator(self):
        paginator = super().paginator
        paginator.count = self.summary["count"]  # Paginator.count is a cached property
        return paginator


class SourcesSitemap(SplitSitemap):
    """Every page of a source readers see (one a published item cites)."""

    def items(self):
        return Source.objects.published().order_by("pk")


class ListPagesSitemap(SplitSitemap):
    def items(self):
        lists = [kind.list_url_name for kind in registry.TYPES]
        return ["home", *lists, "tag_list", "sources:source_list"]

    def location(self, name):
        return reverse(name)


def sitemaps():
    """{section: a factory of its sitemap}: the list pages, every published item of each type
    with a page of its own, and the sources."""
    return {
        "pages": ListPagesSitemap,
        **{
            kind.segment: partial(PublishedSitemap, kind.model)
            for kind in registry.TYPES
            if kind.own_page
        },
        "sources": SourcesSitemap,
    }
