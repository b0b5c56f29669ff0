"""Values kept while what they were counted from is unchanged (csx/serving/reuse.py,
`while_unchanged`): the tag list's counts and the count of a tag's items of one type. Run on
both caches of tests/csx/test_page_cache.py (its `cached` fixture)."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from csx.models import Status
from csx.serving import reuse, versions
from principles.models.principles import STORIES_SHOWN
from stories.models import Story
from tests import markup
from tests.csx.test_page_cache import cached  # noqa: F401 (a fixture)
from tests.factories import make_principle, make_story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cached")]


class Counter:
    """Counts the published stories, and how often it was asked to."""

    calls = 0

    def __call__(self):
        self.calls += 1
        return Story.objects.published().count()


def kept_count(counter):
    return reuse.while_unchanged(RequestFactory().get("/"), "published stories", counter)


@pytest.fixture
def counted(django_capture_on_commit_callbacks):
    """A published story, counted once: (the story, the Counter)."""
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story()
    counter = Counter()
    kept_count(counter)
    return story, counter


def test_a_kept_value_outlives_a_change_to_what_it_did_not_read(
    counted, django_capture_on_commit_callbacks
):
    story, counter = counted
    with django_capture_on_commit_callbacks(execute=True):
        story.summary = "A new summary: the count did not read it."
        story.save()
    assert (kept_count(counter), counter.calls) == (1, 1)


def test_a_kept_value_is_counted_again_after_a_change_to_what_it_read(
    counted, django_capture_on_commit_callbacks
):
    story, counter = counted
    with django_capture_on_commit_callbacks(execute=True):
        story.status = Status.WITHDRAWN
        story.save()
    assert (kept_count(counter), counter.calls) == (0, 2)


def test_a_value_counted_while_a_change_committed_is_not_kept(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_story()
    request = RequestFactory().get("/")
    versions.request_version(request)  # the request began before the change

    def counted_meanwhile():
        with django_capture_on_commit_callbacks(execute=True):
            make_story()
        return Story.objects.published().count()

    reuse.while_unchanged(request, "published stories", counted_meanwhile)
    counter = Counter()
    assert (kept_count(counter), counter.calls) == (2, 1)


def test_the_tag_list_counts_a_newly_published_story_at_once(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = False  # the page drawn each time: only what it keeps is kept
    with django_capture_on_commit_callbacks(execute=True):
        make_story(tags=["loyalty"])
    client.get("/tags/")
    with django_capture_on_commit_callbacks(execute=True):
        make_story(tags=["loyalty"])
    counts = {tag.name: tag.item_count for tag in client.get("/tags/").context["tags"]}
    assert counts == {"loyalty": 2}


@pytest.mark.parametrize("address", ["/tags/loyalty/?kind=story", "/stories/?tag=loyalty"])
def test_a_list_of_a_tags_stories_counts_a_story_tagged_since(
    address, client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = False
    with django_capture_on_commit_callbacks(execute=True):
        make_story(tags=["loyalty"])
        other = make_story(tags=["other"])
    client.get(address)
    with django_capture_on_commit_callbacks(execute=True):
        other.tags.add("loyalty")
    assert client.get(address).context["page"].paginator.count == 2


def test_a_principles_see_all_link_says_its_lists_count_counted_once(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = False
    with django_capture_on_commit_callbacks(execute=True):
        principle = make_principle(slug="empathy", title="Empathy")
        for i in range(STORIES_SHOWN):
            make_story(title=f"Story {i:02}", principles=[principle])
    listed = client.get("/stories/?principle=empathy").context["page"].paginator.count
    with CaptureQueriesContext(connection) as drawn:
        page = client.get(principle.get_absolute_url())
    counts = [query["sql"] for query in drawn.captured_queries if "COUNT(" in query["sql"]]
    assert (listed, counts) == (STORIES_SHOWN, [])  # the list's count, not counted again
    with django_capture_on_commit_callbacks(execute=True):
        make_story(title="One more", principles=[principle])
    see_all = markup.one(client.get(principle.get_absolute_url()), ".see-all")
    assert markup.text(see_all) == f"See all {STORIES_SHOWN + 1} stories that show Empathy"
    assert page.status_code == 200
