from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from csx import registry


class PublishedSitemap(Sitemap):
    """Every published item of one type, dated by its last edit."""

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated


class ListPagesSitemap(Sitemap):
    def items(self):
        return ["home", *(kind.list_url_name for kind in registry.TYPES), "tag_list"]

    def location(self, name):
        return reverse(name)


def sitemaps():
    """The list pages, then every published item of each type with a page of its own."""
    return {
        "pages": ListPagesSitemap(),
        **{kind.segment: PublishedSitemap(kind.model) for kind in registry.TYPES if kind.own_page},
    }
