"""A path as a card other sites may frame (/embed/paths/<slug>/): its steps, their minutes
and a link into each step; and oEmbed for a path's address and for any short link."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from csx.content import registry
from csx.editorial.scheduled import schedule
from csx.paths.models import EMBED_STEPS
from tests import markup
from tests.csx.test_embeds import SITE_POLICY, discovery_href, oembed, policy
from tests.factories import add_item, make_company, make_path, make_principle, make_story

pytestmark = pytest.mark.django_db

SERVER = "http://testserver"


def card_url(path):
    return reverse("embed:path", kwargs={"slug": path.slug})


@pytest.fixture
def path():
    """A path of a 10-minute story, a principle with no timing, and a draft story."""
    path = make_path(title="First week on the desk")
    add_item(path, make_story(slug="refund", title="The refund"), order=1, minutes=10)
    add_item(path, make_principle(slug="listen", title="Listen first"), order=2)
    add_item(path, make_story(slug="draft", title="Not yet", status="draft"), order=3)
    return path


def test_path_card_lists_the_steps_readers_see_each_linking_into_its_step(client, path):
    steps = markup.one(client.get(card_url(path)), ".embed-steps")
    assert [markup.text(li.a) for li in steps.select("li")] == ["The refund", "Listen first"]
    assert markup.hrefs(steps) == [SERVER + step.get_absolute_url() for step in path.steps()]


def test_path_card_gives_each_step_its_kind_and_minutes(client, path):
    facts = markup.parse(client.get(card_url(path))).select(".embed-step-facts")
    assert [markup.text(fact) for fact in facts] == ["Story · 10 min", "Principle"]


def test_path_card_says_how_many_steps_and_minutes_the_path_takes(client, path):
    meta = markup.one(client.get(card_url(path)), ".embed-meta")
    assert markup.text(meta) == "Onboarding path · 2 steps · about 10 minutes"


def test_a_long_path_card_lists_its_first_steps_and_counts_the_rest(client):
    stories = [make_story(slug=f"s{n}", title=f"Story {n}") for n in range(EMBED_STEPS + 2)]
    response = client.get(card_url(make_path(stories)))
    assert len(markup.one(response, ".embed-steps").select("li")) == EMBED_STEPS
    assert markup.text(markup.one(response, ".embed-note")) == "and 2 more steps in the library"


def test_path_card_of_a_path_without_published_steps_says_so(client):
    response = client.get(card_url(make_path()))
    assert markup.text(markup.one(response, ".embed-note")) == (
        "This path has no published steps yet."
    )


def test_path_card_may_be_framed_by_any_site(client, path):
    response = client.get(card_url(path))
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert policy(response) == {**SITE_POLICY, "frame-ancestors": "*"}


def test_a_draft_path_has_no_card(client):
    assert client.get(card_url(make_path(status="draft"))).status_code == 404


def test_path_card_runs_two_queries_however_long_the_path(client, django_assert_num_queries):
    path = make_path([make_story(slug=f"s{n}") for n in range(12)])
    schedule.remember(None)  # the schedule's read every few seconds is not the card's
    with django_assert_num_queries(2):  # the path with its minutes; its steps with targets
        client.get(card_url(path))


def test_oembed_answers_a_path_address_with_the_paths_card(client, path):
    answer = oembed(client, path.get_absolute_url()).json()
    assert answer["title"] == "First week on the desk"
    assert f'src="{SERVER}{card_url(path)}"' in answer["html"]
    assert answer["height"] == registry.BY_NAME["path"].embed.height


def test_oembed_answers_a_short_link_with_the_card_of_its_item(client):
    story = make_story(slug="refund")
    answer = oembed(client, f"{SERVER}/s/{story.short_code.upper()}/").json()
    assert f'src="{SERVER}{story.get_embed_url()}"' in answer["html"]


@pytest.mark.parametrize("short", ["/s/zzzzzz/", "/s/-/", "company"])
def test_oembed_refuses_a_short_link_to_nothing_or_to_an_item_without_a_card(client, short):
    url = make_company().get_short_url() if short == "company" else short
    assert oembed(client, url).status_code == 404


def test_path_page_offers_its_card_code_and_announces_its_oembed(client, path):
    response = client.get(path.get_absolute_url())
    code = markup.text(markup.one(response, "#embed-code"))
    assert code.startswith(f'<iframe src="{SERVER}{card_url(path)}"')
    page = quote(SERVER + path.get_absolute_url(), safe="")
    assert discovery_href(response) == f"{SERVER}/oembed?url={page}&format=json"
