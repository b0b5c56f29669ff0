import pytest
from django.urls import reverse

from tests.factories import (
    make_checked_statistic,
    make_practice,
    make_principle,
    make_resource,
    make_source,
    make_statistic,
    make_story,
)
from tests.pages import definitions, one, texts

pytestmark = pytest.mark.django_db


def test_principle_list_in_display_order_with_practices(client):
    make_principle(title="Second", order=2)
    first = make_principle(title="First", order=1)
    make_practice(first, title="Listen first")
    response = client.get(reverse("principles:principle_list"))
    assert [p.title for p in response.context["principles"]] == ["First", "Second"]
    assert "Listen first" in response.text


def test_principle_page_gathers_practices_stories_statistics_resources(client):
    principle = make_principle(title="Empathy", definition="Feel with the customer.")
    make_practice(principle, title="Connect emotionally", slug="connect-emotionally")
    story = make_story(title="Flowers", principles=[principle])
    make_story(title="Draft story", principles=[principle], status="draft")
    statistic = make_statistic(figure="86%", principles=[principle])
    make_resource(title="Delivering Happiness", principles=[principle])
    page = client.get(principle.get_absolute_url()).text
    for expected in [
        "Feel with the customer.",
        'id="connect-emotionally"',
        f'href="{story.get_absolute_url()}"',
        f'href="{statistic.get_absolute_url()}"',
        "Delivering Happiness",
        "?principle=" + principle.slug,
    ]:
        assert expected in page, expected
    assert "Draft story" not in page


def test_statistic_page_states_source_and_verification(client):
    source = make_source(title="The Lasting Impact post")
    statistic = make_statistic(
        figure="86%",
        claim="would pay more for better service",
        attributed_to="American Express study",
        cited_in=source,
    )
    page = client.get(statistic.get_absolute_url())
    origin = definitions(page, "section[aria-labelledby=origin] dl")
    assert one(page, ".big-figure") == "86% would pay more for better service"
    assert origin["Attributed to"] == "Said to come from an American Express study; not traced"
    assert origin["Cited in"] == (
        "The Lasting Impact post (blog or secondary article, author not named)"
    )
    assert one(page, "header .evidence") == "Verification: Cited by a secondary source only"
    measured = definitions(page, "section[aria-labelledby=measured] dl")
    assert measured["Year of the data"] == "Not known"


def test_statistic_list_shows_each_figure_with_its_verification(client):
    make_checked_statistic(figure="88%")
    response = client.get(reverse("principles:statistic_list"))
    assert texts(response, ".statistic-card .figure") == ["88%"]
    assert texts(response, ".statistic-card .evidence") == [
        "Verification: Checked against the primary source"
    ]


def test_resources_grouped_by_kind(client):
    make_resource(title="A book", kind="book")
    make_resource(title="A tool", kind="tool")
    response = client.get(reverse("principles:resource_list"))
    assert [(label, [r.title for r in items]) for label, items in response.context["groups"]] == [
        ("Book", ["A book"]),
        ("Tool", ["A tool"]),
    ]


def test_resources_filter_by_kind(client):
    make_resource(title="A book", kind="book")
    make_resource(title="A tool", kind="tool")
    response = client.get(reverse("principles:resource_list"), {"kind": "tool"})
    assert [label for label, _ in response.context["groups"]] == ["Tool"]


def test_unknown_resource_kind_is_a_400_that_says_so(client):
    response = client.get(reverse("principles:resource_list"), {"kind": "podcast"})
    assert response.status_code == 400
    assert "“podcast” is not a kind of resource" in response.text


def test_practice_links_to_its_anchor_on_the_principle():
    principle = make_principle(slug="empathy")
    practice = make_practice(principle, slug="listen")
    assert practice.get_absolute_url() == "/principles/empathy/#listen"


def test_a_practice_shows_what_to_say_and_what_not_to(client):
    principle = make_principle()
    make_practice(
        principle, say_this="Leave it with me.\nI'll call you at four.", not_this="Not my job."
    )
    response = client.get(principle.get_absolute_url())
    assert texts(response, ".phrases-say li") == ["“Leave it with me.”", "“I'll call you at four.”"]
    assert texts(response, ".phrases-not li") == ["“Not my job.”"]


def test_the_cheat_sheet_holds_every_practice_with_its_first_phrases(client):
    principle = make_principle(title="Ownership", definition="Keep it until it is solved.")
    make_practice(principle, title="Keep the case", say_this="Leave it with me.\nMore.",
                  not_this="Not my job.\nMore.")  # fmt: skip
    response = client.get(reverse("principles:cheat_sheet"))
    assert response.status_code == 200
    assert one(response, "title").startswith("Principles cheat sheet")
    assert one(response, ".cheat-principle h2") == "Ownership"
    line = one(response, ".cheat-principle li")
    assert line == "Keep the case. Say: “Leave it with me.” Not: “Not my job.”"


def test_the_principles_list_links_to_the_cheat_sheet(client):
    response = client.get(reverse("principles:principle_list"))
    assert reverse("principles:cheat_sheet") in response.text


def test_an_empty_cheat_sheet_says_what_to_do(client):
    assert "once editors publish some" in one(client.get("/principles/cheat-sheet/"), ".empty")
