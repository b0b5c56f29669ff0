"""Verification state (statistics) and provenance (stories) travel with the fact: the same
words on cards, pages, search results, embeds, oEmbed, citations, handouts and the feed."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from csx.content.citations import cite
from csx.search import rebuild
from tests.factories import make_checked_statistic, make_path, make_statistic, make_story
from tests.pages import soup, text, texts

pytestmark = pytest.mark.django_db

PRESS = "How we know it: Reported in the press"
SECONDARY = "Verification: Cited by a secondary source only"
CHECKED = "Verification: Checked against the primary source"


@pytest.fixture
def story():
    return make_story(title="Pressed story", provenance="press")


@pytest.fixture
def statistic():
    return make_statistic(title="Quoted figure", figure="61%")


def badges(response, scope):
    return texts(response, f"{scope} .evidence")


def test_story_card(client, story):
    assert badges(client.get(reverse("stories:story_list")), ".story-card") == [PRESS]


def test_statistic_card(client, statistic):
    page = client.get(reverse("principles:statistic_list"))
    assert badges(page, ".statistic-card") == [SECONDARY]


def test_story_page(client, story):
    assert badges(client.get(story.get_absolute_url()), ".evidence-line") == [PRESS]


def test_statistic_page(client, statistic):
    assert badges(client.get(statistic.get_absolute_url()), "header") == [SECONDARY]


def test_search_results(client, story, statistic):
    rebuild()
    page = client.get(reverse("search"), {"q": "pressed OR quoted"})
    results = {
        text(result.select_one(".result-title")): text(result.select_one(".evidence"))
        for result in soup(page).select(".result")
    }
    assert results == {"Pressed story": PRESS, "Quoted figure": SECONDARY}


def test_story_embed(client, story):
    page = client.get(reverse("embed:story", kwargs={"slug": story.slug}))
    assert badges(page, ".embed-card") == [PRESS]


def test_statistic_embed(client, statistic):
    page = client.get(reverse("embed:statistic", kwargs={"slug": statistic.slug}))
    assert badges(page, ".embed-card") == [SECONDARY]


def test_oembed_json(client, story):
    answer = client.get(reverse("oembed"), {"url": story.get_absolute_url()}).json()
    assert answer["evidence"] == PRESS


def test_cite_plain_text(story):
    citation = cite(story, "https://csx.example/x/", datetime.date(2026, 3, 5))
    assert citation.plain.startswith("Reported in the press. Summarised in “Pressed story”")


def test_cite_markdown(statistic):
    citation = cite(statistic, "https://csx.example/x/", datetime.date(2026, 3, 5))
    assert "Cited by a secondary source only. Summarised in [Quoted figure](" in citation.markdown


def test_story_handout(client, story):
    page = client.get(story.get_handout_url())
    assert badges(page, ".handout-item .evidence-line") == [PRESS]


def test_path_handout_statistic_step(client, statistic):
    path = make_path([statistic])
    page = client.get(path.get_handout_url())
    assert badges(page, "[aria-labelledby=step-1-title]") == [SECONDARY]


def test_atom_feed(client, story):
    # Our own feed, just rendered: not the untrusted XML the linter warns about.
    feed = ET.fromstring(client.get(reverse("story_feed")).content)  # noqa: S314
    atom = "{http://www.w3.org/2005/Atom}"
    entry = feed.find(f"{atom}entry")
    assert entry.find(f"{atom}summary").text.endswith(f"({PRESS}.)")
    assert entry.find(f"{atom}category").get("term") == "Reported in the press"


def test_a_check_shows_wherever_the_statistic_travels(client):
    statistic = make_checked_statistic(title="Checked figure")
    path = make_path([statistic])
    places = [
        (reverse("principles:statistic_list"), ".statistic-card"),
        (statistic.get_absolute_url(), "header"),
        (reverse("embed:statistic", kwargs={"slug": statistic.slug}), ".embed-card"),
        (path.get_handout_url(), "[aria-labelledby=step-1-title]"),
    ]
    for url, scope in places:
        assert badges(client.get(url), scope) == [CHECKED], url
