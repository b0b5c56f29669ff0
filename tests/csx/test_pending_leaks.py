"""A pending change to a live page reaches no reader: every page, list, feed, sitemap,
embed, oEmbed, search result, tag, short link and handout keeps the approved version."""

import pytest
from django.urls import reverse

from csx.search import search
from tests.admin_forms import edit
from tests.factories import make_story

pytestmark = pytest.mark.django_db

LIVE = {"title": "Harbour story", "slug": "harbour-story", "summary": "A ship came in."}
PENDING = {"title": "Lighthouse story", "slug": "lighthouse-story", "summary": "A lamp lit."}


@pytest.fixture
def story(editor_client):
    """A live story with an editor's change held for review: new title, address, summary,
    and a new tag."""
    story = make_story(**LIVE, tags=["harbours"], featured=True)
    response = edit(editor_client, story, "submit", **PENDING, tags="harbours, lighthouses")
    assert response.status_code == 302
    return story


SURFACES = {
    "its page": lambda story: reverse("stories:story_detail", args=["harbour-story"]),
    "its handout": lambda story: reverse("stories:story_handout", args=["harbour-story"]),
    "the story list": lambda story: reverse("stories:story_list"),
    "the home page": lambda story: reverse("home"),
    "the feed": lambda story: reverse("story_feed"),
    "the sitemap": lambda story: reverse("sitemap_section", args=["stories"]),
    "its embed": lambda story: reverse("embed:story", args=["harbour-story"]),
    "oEmbed": lambda story: f"{reverse('oembed')}?url=/stories/harbour-story/",
    "its tag's page": lambda story: reverse("tag_detail", args=["harbours"]),
    "the tag list": lambda story: reverse("tag_list"),
}


@pytest.mark.parametrize("surface", SURFACES)
def test_readers_keep_the_approved_version(story, reader, surface):
    page = reader.get(SURFACES[surface](story))
    assert page.status_code == 200
    text = page.content.decode()
    assert any(live in text for live in ["Harbour story", "harbour-story", "harbours"])
    for pending in ["Lighthouse", "lighthouse", "A lamp lit"]:
        assert pending not in text


def test_search_finds_the_approved_version_only(story):
    assert "Harbour story" in [r.title for r in search("harbour").results]
    assert search("lighthouse").results == []
    assert search("lamp").results == []


def test_the_pending_address_is_not_a_page(story, reader):
    assert reader.get("/stories/lighthouse-story/").status_code == 404


def test_the_short_link_leads_to_the_approved_address(story, reader):
    response = reader.get(reverse("short_link", args=[story.short_code]))
    assert response["Location"] == "/stories/harbour-story/"


def test_the_pending_tag_does_not_exist_for_readers(story, reader):
    assert reader.get(reverse("tag_detail", args=["lighthouses"])).status_code == 404
