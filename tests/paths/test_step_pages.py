"""A step page holds the step: the item itself, the trainer's note, where it sits in the path
and the way on, so a trainer never has to leave the path to read it."""

import re

import pytest

from tests.factories import (
    add_item,
    make_company,
    make_path,
    make_practice,
    make_principle,
    make_resource,
    make_source,
    make_statistic,
    make_story,
)

pytestmark = pytest.mark.django_db


def page_of(client, item):
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    return response.text


def section(text, heading_id):
    """The HTML of the <section> labelled by the heading with `heading_id`."""
    found = re.search(rf'<section[^>]*aria-labelledby="{heading_id}">(.*?)</section>', text, re.S)
    assert found, heading_id
    return found.group(1)


def test_a_story_step_tells_the_story_with_its_takeaway_and_questions(client):
    story = make_story(
        title="The lost ring",
        company=make_company(title="Acme Hotels"),
        body="## What happened\n\nA guest lost a ring.\n\nStaff searched the drains.",
        takeaway="Search before you say no.",
        discussion_questions="Would we have searched?",
        sources=[make_source(title="A hotel blog")],
    )
    path = make_path()
    item = add_item(path, story, trainer_note="Ask about *limits*.", minutes=10)
    text = page_of(client, item)
    assert "<h1>The lost ring</h1>" in text
    assert "<p>A guest lost a ring.</p>" in text
    assert "<p>Staff searched the drains.</p>" in text
    assert "<p>Search before you say no.</p>" in section(text, "takeaway")
    assert '<li id="question-1">Would we have searched?' in section(text, "discussion")
    assert "A hotel blog" in section(text, "sources")
    assert "Ask about <em>limits</em>." in text
    assert "Step 1 of 1 · about 10 minutes" in text


def test_a_principle_step_gives_its_definition_and_practices(client):
    principle = make_principle(title="Empathy", definition="Feel with the customer.")
    make_practice(principle, title="Connect emotionally", description="Notice how they feel.")
    item = add_item(make_path(), principle)
    text = page_of(client, item)
    assert '<p class="lede">Feel with the customer.</p>' in text
    practices = section(text, "practices")
    assert "Connect emotionally" in practices
    assert "<p>Notice how they feel.</p>" in practices


def test_a_statistic_step_gives_figure_claim_and_verification(client):
    statistic = make_statistic(
        figure="86%", claim="would pay more", attributed_to="Acme Research",
        cited_in=make_source(title="A blog post"),
    )  # fmt: skip
    text = page_of(client, add_item(make_path(), statistic))
    assert '<span class="figure">86%</span> would pay more' in text
    assert "Acme Research" in text
    assert statistic.evidence.label in text
    assert "A blog post" in section(text, "sources")


def test_a_resource_step_says_what_it_is_and_who_made_it(client):
    resource = make_resource(title="Hug Your Haters", creator="Jay Baer", kind="book")
    text = page_of(client, add_item(make_path(), resource))
    assert "<p>Book by Jay Baer.</p>" in text


def test_a_step_offers_its_trainer_questions_apart_from_the_storys_own(client):
    story = make_story(discussion_questions="The story's question?")
    item = add_item(make_path(), story, discussion_questions="The trainer's question?")
    text = page_of(client, item)
    assert '<li id="step-question-1">The trainer&#x27;s question?</li>' in text
    assert "The story&#x27;s question?" in section(text, "discussion")


def test_a_step_links_back_to_its_path_and_to_present_mode_from_it(client):
    path = make_path()
    item = add_item(path, make_story())
    text = page_of(client, item)
    assert f'<a href="{path.get_absolute_url()}">All steps</a>' in text
    assert f'href="{path.get_present_url()}#step-{item.pk}">Present from this step</a>' in text


def test_step_pages_link_to_previous_and_next_by_their_own_addresses(client):
    path = make_path([make_story(title="One"), make_story(title="Two"), make_story(title="Three")])
    first, middle, last = path.steps()
    text = page_of(client, middle)
    assert f'<a href="{first.get_absolute_url()}" rel="prev">' in text
    assert f'<a href="{last.get_absolute_url()}" rel="next">' in text
    assert "Step 2 of 3" in text
    assert 'rel="prev"' not in page_of(client, first)
    assert 'rel="next"' not in page_of(client, last)


def test_the_path_list_starts_each_path_at_its_first_published_step(client):
    path = make_path([make_story(status="draft"), make_story(title="Live")])
    first = path.steps().get()
    text = client.get("/paths/").text
    assert f'<a href="{first.get_absolute_url()}">Start at step 1' in text
