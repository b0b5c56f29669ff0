"""Nothing unpublished leaks: not through the story list's tag filter, a tag page, the feed,
or the page cache. Each check runs against a draft, a scheduled item (published, with a
publication time still to come) and a withdrawn one (published once, then unpublished). The
fourth case the issue names, a pending change to a live item awaiting review, arrives with
the review workflow (issue 9) and is tested there.
"""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from tests.factories import make_story

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def draft():
    return make_story(title="The unseen story", status="draft", tags=["unseen"])


def scheduled():
    later = timezone.now() + timedelta(days=1)
    return make_story(title="The unseen story", published_at=later, tags=["unseen"])


def withdrawn():
    story = make_story(title="The unseen story", tags=["unseen"])
    story.status = "draft"
    story.save()
    return story


STATES = {"draft": draft, "scheduled": scheduled, "withdrawn": withdrawn}


@pytest.fixture(params=STATES)
def unseen(request, settings):
    """The state of "The unseen story", tagged "unseen", beside a public story."""
    settings.PAGE_CACHE = True  # what readers get through the cache, too
    make_story(title="A public story", tags=["public"])
    STATES[request.param]()
    return request.param


def tag_choices(client):
    form = client.get("/stories/").context["filter"].form
    return list(form.fields["tag"].queryset.values_list("slug", flat=True))


def test_the_story_lists_tag_filter_offers_only_tags_of_published_stories(client, unseen):
    assert tag_choices(client) == ["public"]


def test_filtering_by_a_tag_no_reader_can_see_is_refused(client, unseen):
    assert client.get("/stories/?tag=unseen").status_code == 400


def test_a_tag_page_never_public_is_404_and_one_withdrawn_is_410(client, unseen):
    expected = 410 if unseen == "withdrawn" else 404
    assert client.get("/tags/unseen/").status_code == expected


def test_the_feed_leaves_it_out(client, unseen):
    feed = ElementTree.fromstring(client.get("/feeds/stories/").content)  # noqa: S314 - our own
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["A public story"]


def test_the_tag_list_leaves_its_tag_out(client, unseen):
    assert [tag.slug for tag in client.get("/tags/").context["tags"]] == ["public"]


def test_a_scheduled_story_s_tag_gets_its_page_when_the_story_goes_live(client):
    story = scheduled()
    assert client.get("/tags/unseen/").status_code == 404
    story.published_at = timezone.now()
    story.save()
    assert client.get("/tags/unseen/").status_code == 200


def test_feed_summaries_are_plain_text(client):
    story = make_story(title="Fish", summary="Fish & <b>chips</b>, said the sign.")
    feed = ElementTree.fromstring(client.get("/feeds/stories/").content)  # noqa: S314 - our own
    summary = next(feed.iter(f"{ATOM}summary"))
    assert summary.get("type") == "text"
    # The summary as typed, then how we know it (csx/content/evidence.py), both as text.
    assert summary.text == f"Fish & <b>chips</b>, said the sign. ({story.evidence}.)"
