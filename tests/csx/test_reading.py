"""Wayfinding and things to look at (issue 14): breadcrumbs and their structured data,
contents lists, previous / next within the reader's list, figures beside a story, icons."""

import json

import pytest
from django.conf import settings
from django.utils.text import slugify

from csx.content.markdown import headings
from csx.public import icons
from csx.templatetags.reading import page_contents
from tests import markup
from tests.factories import make_company, make_principle, make_statistic, make_story

pytestmark = pytest.mark.django_db


def crumbs(response):
    return markup.hrefs(markup.one(response, "nav.breadcrumbs"))


def structured(response):
    return json.loads(markup.one(response, 'script[type="application/ld+json"]').string)


def test_a_story_page_has_breadcrumbs_home_then_stories(client):
    story = make_story(title="The giraffe")
    response = client.get(story.get_absolute_url())
    assert crumbs(response) == ["/", "/stories/"]
    assert markup.text(markup.one(response, "nav.breadcrumbs [aria-current=page]")) == (
        "The giraffe"
    )


def test_breadcrumbs_carry_breadcrumblist_structured_data(client):
    principle = make_principle(title="Empathy", slug="empathy")
    data = structured(client.get(principle.get_absolute_url()))
    assert data["@type"] == "BreadcrumbList"
    assert [(item["position"], item["name"], item["item"]) for item in data["itemListElement"]] == [
        (1, "Home", "http://testserver/"),
        (2, "Principles", "http://testserver/principles/"),
        (3, "Empathy", "http://testserver/principles/empathy/"),
    ]


def test_a_title_cannot_close_the_structured_data_block(client):
    story = make_story(title="Oops </script><script>alert(1)</script>")
    response = client.get(story.get_absolute_url())
    block = markup.one(response, 'script[type="application/ld+json"]').string
    assert "</script" not in block
    assert structured(response)["itemListElement"][2]["name"] == story.title


def test_every_detail_page_type_has_breadcrumbs(client):
    statistic = make_statistic(title="Half say so")
    story = make_story(company=None)
    for url in [statistic.get_absolute_url(), story.get_absolute_url(),
                statistic.cited_in.get_absolute_url()]:  # fmt: skip
        assert crumbs(client.get(url))[0] == "/", url


def filtered_trio():
    make_story(title="A kept", slug="a-kept", outcome="exemplary")
    make_story(title="B dropped", slug="b-dropped", outcome="cautionary")
    middle = make_story(title="C kept", slug="c-kept", outcome="exemplary")
    make_story(title="D kept", slug="d-kept", outcome="exemplary")
    return middle


def sequence(response):
    nav = markup.one(response, "nav.sequence")
    return [link["href"] for link in nav.select("a[rel]")]


def test_previous_and_next_walk_the_whole_list_by_default(client):
    middle = filtered_trio()
    assert sequence(client.get(middle.get_absolute_url())) == [
        "/stories/b-dropped/",
        "/stories/d-kept/",
    ]


def test_previous_and_next_stay_inside_the_readers_filter(client):
    middle = filtered_trio()
    response = client.get(middle.get_absolute_url() + "?outcome=exemplary")
    assert sequence(response) == [
        "/stories/a-kept/?outcome=exemplary",
        "/stories/d-kept/?outcome=exemplary",
    ]
    assert crumbs(response) == ["/", "/stories/?outcome=exemplary"]


@pytest.mark.parametrize("field", ["tag", "company"])
def test_previous_and_next_stay_inside_a_tag_or_a_company(client, field):
    """A tag and a company are named by slug (or typed by name): the walk keeps to them too."""
    zappos = make_company(title="Zappos", slug="zappos")
    for title in ["A kept", "B dropped", "C kept", "D kept"]:
        kept = "kept" in title
        make_story(
            title=title, slug=slugify(title), tags=["refunds"] if kept else [],
            company=zappos if kept else None,
        )  # fmt: skip
    query = {"tag": "?tag=refunds", "company": "?company=zappos"}[field]
    response = client.get("/stories/c-kept/" + query)
    assert sequence(response) == [f"/stories/a-kept/{query}", f"/stories/d-kept/{query}"]


def test_the_story_list_hands_its_filters_to_each_story_link(client):
    filtered_trio()
    grid = markup.one(client.get("/stories/?outcome=exemplary"), "main .grid")
    assert [link["href"] for link in grid.select(".card-title a")] == [
        "/stories/a-kept/?outcome=exemplary",
        "/stories/c-kept/?outcome=exemplary",
        "/stories/d-kept/?outcome=exemplary",
    ]


@pytest.mark.parametrize("query", ["?outcome=nonsense", "?principle=missing", "?page=x&tag=%00"])
def test_a_story_page_with_filters_that_do_not_parse_walks_the_whole_list(client, query):
    middle = filtered_trio()
    response = client.get(middle.get_absolute_url() + query)
    assert response.status_code == 200
    assert sequence(response) == ["/stories/b-dropped/", "/stories/d-kept/"]


def test_a_story_page_shows_the_figures_behind_its_principles(client):
    empathy = make_principle(title="Empathy")
    make_statistic(title="Backs it", figure="86%", principles=[empathy])
    make_statistic(title="Unrelated", figure="12%", principles=[make_principle()])
    story = make_story(principles=[empathy])
    figures = markup.one(client.get(story.get_absolute_url()), ".stat-marks")
    assert [markup.text(figure) for figure in figures.select(".stat-figure")] == ["86%"]


def test_a_long_page_gets_a_contents_list_in_the_order_of_its_sections(client):
    story = make_story(body="## What happened\n\nText.\n\n## Why it worked\n\nMore.")
    contents = markup.one(client.get(story.get_absolute_url()), "nav.contents")
    assert markup.hrefs(contents) == [
        "#section-what-happened",
        "#section-why-it-worked",
        "#takeaway",
        "#sources",
        "#share-heading",
    ]


def test_fewer_than_three_sections_get_no_contents_list():
    assert page_contents("## One\n\nText.", "two|Two") is None
    assert page_contents("## One\n\nText.", "two|Two", "", "three|Three") == [
        ("section-one", "One"),
        ("two", "Two"),
        ("three", "Three"),
    ]


def test_heading_words_leave_out_the_permalink_sign():
    assert headings("## Why it *worked*\n\n### Not this\n\n## Why it worked") == [
        ("section-why-it-worked", "Why it worked"),
        ("section-why-it-worked-1", "Why it worked"),
    ]


def test_each_seeded_principle_has_an_icon_of_its_own():
    seed = json.loads((settings.BASE_DIR / "fixtures" / "principles.json").read_text())
    slugs = [principle["slug"] for principle in seed]
    drawn = [icons.for_principle(slug) for slug in slugs]
    assert icons.GENERIC not in drawn
    assert len({tuple(paths) for paths in drawn}) == len(slugs)


def test_a_principle_without_an_icon_gets_the_generic_mark(client):
    principle = make_principle(slug="brand-new")
    card = markup.one(client.get("/"), ".home-principles")
    assert card.select_one("svg path")["d"] == icons.GENERIC[0]
    assert principle.title in markup.text(card)


def test_the_search_page_has_one_search_box(client):
    response = client.get("/search/?q=giraffe")
    assert len(markup.parse(response).select("input[type=search]")) == 1


def test_other_pages_keep_the_search_box_in_the_header(client):
    assert len(markup.parse(client.get("/stories/")).select("input[type=search]")) == 1


def test_the_filter_control_says_how_many_filters_are_active(client):
    filtered_trio()
    summary = markup.one(client.get("/stories/?outcome=exemplary&kind=anecdote"), "summary")
    assert markup.text(summary) == "Filter stories (2 active)"


def test_with_no_filter_the_control_counts_none(client):
    assert markup.text(markup.one(client.get("/stories/"), "summary")) == "Filter stories"


def test_the_walk_follows_the_lists_order_featured_first(client):
    make_story(title="Zebra", slug="zebra", featured=True)
    first_plain = make_story(title="Aardvark", slug="aardvark")
    make_story(title="Badger", slug="badger")
    assert sequence(client.get(first_plain.get_absolute_url())) == [
        "/stories/zebra/",
        "/stories/badger/",
    ]


def test_a_story_page_whose_filters_leave_it_out_walks_the_whole_list(client):
    middle = filtered_trio()  # exemplary, reached with a filter it does not match
    response = client.get(middle.get_absolute_url() + "?outcome=cautionary")
    assert sequence(response) == ["/stories/b-dropped/", "/stories/d-kept/"]
