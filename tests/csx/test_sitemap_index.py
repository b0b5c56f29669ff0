"""The sitemap at any size: /sitemap.xml indexes one file per section, each split into pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from stories.models import Story
from tests import sitemaps
from tests.factories import make_principle, make_story

pytestmark = pytest.mark.django_db

SECTIONS = ["pages", "stories", "principles", "statistics", "companies", "paths", "sources"]


def test_the_sitemap_is_an_index_naming_one_file_per_section(client):
    make_story()
    expected = [f"http://testserver/sitemap-{section}.xml" for section in SECTIONS]
    assert sitemaps.files(client) == expected


def test_a_section_longer_than_a_file_goes_on_over_numbered_pages(client, settings):
    settings.SITEMAP_URLS_PER_FILE = 2
    stories = [make_story(slug=f"story-{i}") for i in range(5)]
    stories_files = [f for f in sitemaps.files(client) if "/sitemap-stories.xml" in f]
    assert stories_files == [
        "http://testserver/sitemap-stories.xml",
        "http://testserver/sitemap-stories.xml?p=2",
        "http://testserver/sitemap-stories.xml?p=3",
    ]
    in_files = [sitemaps.locs(client.get("/sitemap-stories.xml", {"p": p})) for p in (1, 2, 3)]
    assert [len(urls) for urls in in_files] == [2, 2, 1]
    assert sum(in_files, []) == [f"http://testserver{s.get_absolute_url()}" for s in stories]


def test_the_index_dates_each_section_by_its_latest_edit(client):
    make_story(slug="older")
    make_story(slug="newer")
    latest = timezone.now().replace(microsecond=0) - timedelta(days=3)
    Story.objects.filter(slug="newer").update(updated=latest)
    Story.objects.filter(slug="older").update(updated=latest - timedelta(days=5))
    make_principle()
    index = client.get("/sitemap.xml").text
    entry = index.split("<loc>http://testserver/sitemap-stories.xml</loc>")[1].split("</sitemap>")[
        0
    ]
    assert entry.strip() == f"<lastmod>{latest.isoformat()}</lastmod>"


def test_a_draft_is_in_no_sitemap_file(client):
    draft = make_story(slug="a-draft", status="draft")
    make_story(slug="live")
    locations = sitemaps.locations(client)
    assert "http://testserver/stories/live/" in locations
    assert f"http://testserver{draft.get_absolute_url()}" not in locations


@pytest.mark.parametrize(
    ("address", "query"),
    [
        ("/sitemap-stories.xml", "p=9"),
        ("/sitemap-stories.xml", "p=abc"),
        ("/sitemap-nothing.xml", ""),
    ],
    ids=["a page past the last", "a page that is no number", "a section that does not exist"],
)
def test_a_sitemap_file_that_does_not_exist_answers_not_found(client, address, query):
    make_story()
    assert client.get(f"{address}?{query}").status_code == 404
