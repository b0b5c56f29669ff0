"""An ordinary page framed by another site (its address pasted into an LMS) gets a small page
that may be framed, with a link and the embed code, instead of the browser's refusal; the
admin, a page read as a page, and anything not read from a frame keep refusing frames."""

import pytest

from csx.public.views.embeds import embed_snippet
from tests import markup
from tests.csx.test_embeds import SITE_POLICY, policy
from tests.factories import make_company, make_story

pytestmark = pytest.mark.django_db

FRAMED = {"Sec-Fetch-Dest": "iframe", "Sec-Fetch-Site": "cross-site"}
SERVER = "http://testserver"


def refuses_frames(response):
    return response["X-Frame-Options"] == "DENY" and policy(response)["frame-ancestors"] == (
        "'none'"
    )


def test_a_framed_story_page_is_answered_with_a_page_that_may_be_framed(client):
    response = client.get(make_story().get_absolute_url(), headers=FRAMED)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert policy(response) == {**SITE_POLICY, "frame-ancestors": "*"}


def test_the_framed_answer_links_to_the_page_in_a_tab_of_its_own(client):
    story = make_story(title="The refund")
    response = client.get(story.get_absolute_url(), headers=FRAMED)
    link = markup.one(response, ".embed-more a")
    assert (link["href"], link["target"]) == (SERVER + story.get_absolute_url(), "_blank")
    assert markup.text(markup.one(response, "h1")) == "The refund"


def test_the_framed_answer_gives_the_embed_code_of_the_pages_card(client, rf):
    story = make_story()
    response = client.get(story.get_absolute_url(), headers=FRAMED)
    code = markup.one(response, ".framed-code").get_text()
    assert code == embed_snippet(rf.get("/"), story)[0]


def test_the_framed_answer_holds_nothing_that_acts_but_its_link(client):
    page = markup.parse(client.get(make_story().get_absolute_url(), headers=FRAMED))
    assert page.select("form, button, input, select, textarea, iframe") == []
    assert len(page.select("a")) == 1


@pytest.mark.parametrize("page", ["/stories/", "company"])
def test_a_framed_page_without_a_card_gets_the_link_and_no_code(client, page):
    url = make_company().get_absolute_url() if page == "company" else page
    response = client.get(url, headers=FRAMED)
    assert markup.hrefs(markup.one(response, ".embed-more")) == [SERVER + url]
    assert markup.parse(response).select(".framed-code") == []


@pytest.mark.parametrize("path", ["/admin/login/", "/stories/no-such-story/"])
def test_the_admin_and_a_missing_page_refuse_frames_even_when_framed(client, path):
    assert refuses_frames(client.get(path, headers=FRAMED))


def test_a_page_read_as_a_page_is_itself_and_says_it_differs_for_frames(client):
    story = make_story()
    response = client.get(story.get_absolute_url(), headers={"Sec-Fetch-Dest": "document"})
    assert refuses_frames(response)
    assert markup.parse(response).select(".framed-code") == []
    assert "Sec-Fetch-Dest" in response["Vary"]


def test_a_framed_post_is_never_answered_with_the_framed_page(client):
    response = client.post("/share/", {}, headers=FRAMED)
    assert refuses_frames(response)


def test_a_card_framed_is_the_card(client):
    story = make_story(title="The refund")
    response = client.get(story.get_embed_url(), headers=FRAMED)
    assert markup.text(markup.one(response, ".embed-title")) == "The refund"
    assert markup.parse(response).select(".framed") == []


def test_a_framed_read_never_reaches_readers_of_the_cached_page(client, settings):
    settings.PAGE_CACHE = True
    url = make_story().get_absolute_url()
    answers = [client.get(url, headers=headers) for headers in ({}, FRAMED, {})]
    framed = [bool(markup.parse(answer).select(".framed")) for answer in answers]
    assert framed == [False, True, False]
