from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from csx.paths.models import Path
from principles.models import Principle, Statistic
from stories.models import Company, Story


class PublishedSitemap(Sitemap):
    """Every published item of one type, dated by its last edit."""

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated


class ListPagesSitemap(Sitemap):
    names = [
        "home",
        "stories:story_list",
        "stories:company_list",
        "principles:principle_list",
        "principles:statistic_list",
        "principles:resource_list",
        "paths:path_list",
        "tag_list",
    ]

    def items(self):
        return self.names

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": ListPagesSitemap(),
    "stories": PublishedSitemap(Story),
    "companies": PublishedSitemap(Company),
    "principles": PublishedSitemap(Principle),
    "statistics": PublishedSitemap(Statistic),
    "paths": PublishedSitemap(Path),
}
