"""A tag on thousands of items: its page shows each type's first cards, then pages per type."""

import pytest

from csx.content.tags import TAG_CARDS
from csx.search import index as search_index
from tests import markup
from tests.factories import make_principle, make_story
from tests.module_data import held_for_the_module

pytestmark = pytest.mark.django_db

STORIES = TAG_CARDS + 2  # one page and two cards over


def build():
    with search_index.paused():
        for i in range(STORIES):
            make_story(title=f"Story {i:02}", slug=f"story-{i:02}", tags=["busy"])
        make_principle(title="Listening", slug="listening", tags=["busy"])


@pytest.fixture(scope="module")
def library(django_db_setup, django_db_blocker):
    with held_for_the_module(django_db_blocker, build):
        yield


def card_titles(page):
    return [markup.text(title) for title in markup.parse(page).select("main .card-title")]


def section(page, segment):
    return markup.one(page, f'main section[aria-labelledby="section-{segment}"]')


def test_a_tags_page_shows_each_types_first_cards_and_that_there_are_more(library, client):
    page = client.get("/tags/busy/")
    stories = section(page, "stories")
    assert [markup.text(t) for t in stories.select(".card-title")] == [
        f"Story {i:02}" for i in range(TAG_CARDS)
    ]
    assert markup.text(markup.one(stories, "h2 .count")) == f"{TAG_CARDS}+"


def test_a_type_with_more_than_a_page_links_to_all_of_them(library, client):
    stories = section(client.get("/tags/busy/"), "stories")
    link = markup.one(stories, "p a")
    assert (link["href"], markup.text(link)) == (
        "?kind=story",
        "All the stories tagged “busy” →",
    )


def test_a_type_that_fits_on_the_page_has_no_link_to_more(library, client):
    principles = section(client.get("/tags/busy/"), "principles")
    assert principles.select("p a") == []


def test_a_types_pages_go_on_where_the_tags_page_stopped(library, client):
    page = client.get("/tags/busy/", {"kind": "story", "page": 2})
    assert card_titles(page) == [f"Story {i:02}" for i in range(TAG_CARDS, STORIES)]
    assert markup.text(markup.one(page, "main h2 .count")) == str(STORIES)
    pages = markup.one(page, "main nav.pagination")
    assert markup.hrefs(pages) == ["?kind=story&page=1"]
    assert markup.one(page, "title").text.startswith("Stories tagged “busy”, page 2")


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "statistic"},
        {"kind": "nothing"},
        {"kind": "story", "page": 9},
        {"kind": "story", "page": "x"},
    ],
    ids=["a kind the tag is not on", "no such kind", "a page past the last", "a page no number"],
)
def test_a_types_page_that_is_not_there_answers_not_found(library, client, query):
    assert client.get("/tags/busy/", query).status_code == 404


def test_the_apis_tag_holds_each_types_first_items_and_where_the_rest_are(library, client):
    sections = {s["type"]: s for s in client.get("/api/v1/tags/busy/").json()["sections"]}
    stories, principles = sections["story"], sections["principle"]
    assert [item["title"] for item in stories["items"]] == [
        f"Story {i:02}" for i in range(TAG_CARDS)
    ]
    assert stories["more"] == "http://testserver/api/v1/tags/busy/stories/"
    assert ([item["slug"] for item in principles["items"]], principles["more"]) == (
        ["listening"],
        None,
    )


def test_the_api_gives_the_rest_of_a_tags_items_a_page_at_a_time(library, client):
    address, read, pages = "/api/v1/tags/busy/stories/", [], 0
    while address:
        answer = client.get(address).json()
        read += [item["slug"] for item in answer["results"]]
        address, pages = answer["next"], pages + 1
    assert (sorted(read), pages) == ([f"story-{i:02}" for i in range(STORIES)], 2)


def test_the_api_says_a_tag_it_does_not_know_is_not_there(library, client):
    answer = client.get("/api/v1/tags/nothing-here/stories/")
    assert (answer.status_code, answer.json()) == (404, {"detail": "No tag has this name."})
