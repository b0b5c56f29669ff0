"""A save sends off the page cache only the pages that show what changed
(csx/serving/dependencies.py): each kind of page that shows a story shows its change at the
very next visit, and a page that does not show it stays a hit.

Run on both caches of tests/csx/test_page_cache.py (its `cached` fixture)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from csx.serving.cache_backend import RenderedCache
from csx.serving.dependencies import note, query_names, recording
from stories.models import Company, Story
from tests.admin_forms import edit
from tests.csx.test_page_cache import cached  # noqa: F401 (a fixture)
from tests.factories import make_company, make_path, make_principle, make_story

pytestmark = pytest.mark.django_db

LONG_BODY = "What happened, told at length. " * 40  # past what search's vectors read
AGO = timezone.now().replace(second=0, microsecond=0) - timedelta(days=7)  # as forms show it
STORY_BODY = "A parcel lost twice, then found by a courier on his day off. "


@pytest.fixture
def library(cached, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        principle = make_principle(slug="listening", title="Listening")
        company = make_company(slug="acme", title="Acme Stores")
        # Older stories, closer to each other than to the story: each other's neighbours.
        for n in range(6):
            make_story(slug=f"filler-{n}", body=LONG_BODY, tags=["refunds"], published_at=AGO)
        story = make_story(
            slug="the-story",
            published_at=AGO + timedelta(days=1),  # publishing again keeps it
            title="The first title",
            body=STORY_BODY + LONG_BODY,
            tags=["loyalty"],
            principles=[principle],
            company=company,
        )
        make_path(targets=[story], slug="week-one")
        # Shown on no other page by name: no tag, company or principle gathers its words.
        make_story(slug="quiet", body=STORY_BODY + LONG_BODY, published_at=AGO)
    return story


def visits(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(context.captured_queries)


def retitle(story):
    story.title = "A title changed at once"
    story.save()


# Each page that shows the story, with the change that must show on it at once.
SHOWN = {
    "its own page": "/stories/the-story/",
    "the story list": "/stories/",
    "the home page": "/",
    "its tag's page": "/tags/loyalty/",
    "its company's page": "/companies/acme/",
    "the principle it backs": "/principles/listening/",
    "a path with it as a step": "/paths/week-one/",
    "the feed": "/feeds/stories/",
    "its embed": "/embed/stories/the-story/",
    "its handout": "/stories/the-story/handout/",
    "search results": "/search/?q=title",
}


@pytest.mark.parametrize("url", SHOWN.values(), ids=SHOWN.keys())
def test_a_new_title_shows_at_once_on_every_page_that_shows_the_story(
    library, client, url, django_capture_on_commit_callbacks
):
    assert "The first title" in visits(client, url)[0]
    with django_capture_on_commit_callbacks(execute=True):
        retitle(library)
    page = visits(client, url)[0]
    assert "A title changed at once" in page and "The first title" not in page


def test_a_save_leaves_a_page_that_does_not_show_the_story_cached(
    library, client, django_capture_on_commit_callbacks
):
    quiet = Story.objects.get(slug="quiet")
    for url in ("/stories/filler-3/", "/tags/refunds/", "/stories/quiet/"):
        visits(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        quiet.body += "A correction at the end."
        quiet.save()
    assert visits(client, "/stories/filler-3/")[1] == 0  # a hit: no query
    assert visits(client, "/tags/refunds/")[1] == 0
    assert "A correction at the end." in visits(client, "/stories/quiet/")[0]


# Changes that move a story between pages, or change what it is shown with.
def tag_it(story):
    story.tags.add("refunds")


def withdraw(story):
    story.status = "withdrawn"
    story.save()


def rename_tag(story):
    tag = Tag.objects.get(name="loyalty")
    tag.name = "allegiance"
    tag.save()


def rename_company(story):
    company = Company.objects.get(slug="acme")
    company.title = "Acme Renamed"
    company.save()


def rename_slug(story):
    story.slug = "the-renamed-story"
    story.save()


def merge_tags(story):
    from csx.editorial import tag_changes

    tag_changes.merge(list(Tag.objects.filter(name="loyalty")), "allegiance", None)


MOVES = {
    "a tag added: on that tag's page": (tag_it, "/tags/refunds/", "The first title", True),
    "withdrawn: off the list": (withdraw, "/stories/", "The first title", False),
    "deleted: off the list": (lambda s: s.delete(), "/stories/", "The first title", False),
    "a tag renamed: on its page": (rename_tag, "/stories/the-story/", "allegiance", True),
    "tags merged: on its page": (merge_tags, "/stories/the-story/", "/tags/allegiance/", True),
    "its company renamed": (rename_company, "/stories/the-story/", "Acme Renamed", True),
    "a slug renamed: the sitemap": (rename_slug, "/sitemap-stories.xml", "the-renamed-story", True),
    "a slug renamed: the list": (rename_slug, "/stories/", "/stories/the-renamed-story/", True),
    "a new story: the list": (
        lambda s: make_story(title="Brand new story"),
        "/stories/",
        "Brand new story",
        True,
    ),
}


@pytest.mark.parametrize(("change", "url", "text", "shown"), MOVES.values(), ids=MOVES.keys())
def test_a_change_that_moves_a_story_shows_at_once(
    library, client, change, url, text, shown, django_capture_on_commit_callbacks
):
    visits(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        change(library)
    assert (text in visits(client, url)[0]) == shown


def test_a_publishers_save_through_the_admin_leaves_unrelated_pages_cached(
    library, client, publisher_client, django_capture_on_commit_callbacks
):
    """The admin's form saves every field and the tags it was given: only what changed counts."""
    quiet = Story.objects.get(slug="quiet")
    for url in ("/stories/filler-3/", "/tags/refunds/"):
        visits(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        edit(publisher_client, quiet, "publish", body=quiet.body + " Corrected.")
    assert visits(client, "/stories/filler-3/")[1] == 0
    assert visits(client, "/tags/refunds/")[1] == 0
    assert "Corrected." in visits(client, "/stories/quiet/")[0]


# How a query is read (csx/serving/dependencies.py, query_names).
def names_of(queryset):
    return set(query_names(str(queryset.query).replace("%s", "1")))


def test_loading_instances_depends_on_the_rows_not_their_shown_columns(db):
    names = names_of(Story.objects.filter(status="published").order_by("-published_at"))
    assert {"col:stories_story.status", "col:stories_story.published_at"} <= names
    assert "col:stories_story.body" not in names  # shown through the instances' rows


def test_reading_values_depends_on_the_columns_read(db):
    assert "col:stories_story.title" in names_of(Story.objects.values("title"))


def test_hand_written_sql_depends_on_any_change():
    assert query_names("SELECT e.id FROM csx_searchentry e WHERE e.kind = 'story'") == ("any",)
    assert query_names("INSERT INTO stories_story (title) VALUES ('x')") == ()


# Template fragments kept in "rendered" (csx/serving/cache_backend.py, RenderedCache).
FRAGMENT = "template.cache.story_page.1"


def test_a_reused_fragment_adds_what_it_was_drawn_from_to_the_page_reusing_it():
    fragments = RenderedCache("scope-test", {})
    with recording() as page:
        note(["row:before:1"])
        assert fragments.get(FRAGMENT) is None  # missed: drawn now
        note(["row:inside:1"])
        fragments.set(FRAGMENT, "<p>drawn</p>")
    assert page.names == {"row:before:1", "row:inside:1"}
    with recording() as reusing:
        assert fragments.get(FRAGMENT) == "<p>drawn</p>"
    assert reusing.names == {"row:inside:1"}


def test_a_fragment_drawn_while_nothing_recorded_is_drawn_again_for_a_page_that_records():
    fragments = RenderedCache("scope-test-unrecorded", {})
    fragments.set(FRAGMENT, "<p>drawn</p>")
    assert fragments.get(FRAGMENT) == "<p>drawn</p>"
    with recording():
        assert fragments.get(FRAGMENT) is None
