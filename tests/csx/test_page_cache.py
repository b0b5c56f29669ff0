"""The page cache: anonymous pages come from it, and no change ever leaves one stale.

Every test runs twice: on local memory with the content version in a shared folder (the
default without REDIS_URL) and on a real Redis (database 12 of 127.0.0.1:6379 unless
CSX_TEST_REDIS_URL says otherwise; `.ci/run` and `make test` start one). Changes are made
inside django_capture_on_commit_callbacks(execute=True), which runs what a commit runs.
"""

import os
import time
import uuid
from datetime import timedelta

import pytest
import redis
import time_machine
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from csx.editorial import audit, preview
from csx.feedback.models import Feedback
from csx.models import SearchLog, Source, Withdrawal
from csx.search import log as search_log
from csx.serving import cache as page_cache
from stories.models import Story
from tests import markup
from tests.admin_forms import change_for_later, edit
from tests.factories import add_item, make_path, make_practice, make_principle, make_story

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("CSX_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")


RENDERED = {"BACKEND": "csx.serving.cache_backend.RenderedCache", "LOCATION": "rendered"}
SEARCHES = {"BACKEND": "csx.serving.cache_backend.RenderedCache", "LOCATION": "searches"}
RATELIMIT = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"}


@pytest.fixture(params=["local", "redis"])
def cached(request, settings, tmp_path):
    """The page cache on, with the caches a deployment has (see csx/config/caches.py), empty."""
    settings.PAGE_CACHE = True
    kind = request.param
    if kind == "redis":
        prefix = f"csx-test-{uuid.uuid4().hex}"
        settings.CACHES = {
            "default": {
                "BACKEND": "csx.serving.cache_backend.SharedClientRedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": prefix,
            },
            "ratelimit": RATELIMIT,
            "rendered": RENDERED,
            "searches": SEARCHES,
        }
        caches["rendered"].clear()  # local memory outlives settings
        caches["searches"].clear()
        yield kind
        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "content_version": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path / "version"),
            },
            "ratelimit": RATELIMIT,
            "rendered": RENDERED,
            "searches": SEARCHES,
        }
        caches["rendered"].clear()
        caches["searches"].clear()
        yield kind


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, headers=headers)
    return response, len(context.captured_queries)


def token():
    return page_cache.version_cache().get(page_cache.VERSION_KEY).token


def test_a_second_anonymous_visit_runs_no_query(cached, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story()
    first, first_queries = queries(client, story.get_absolute_url())
    second, second_queries = queries(client, story.get_absolute_url())
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content


def test_a_saved_change_shows_on_the_very_next_visit(
    cached, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(title="Before the edit")
    client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "After the edit"
        story.save()
    heading = client.get(story.get_absolute_url()).text
    assert "After the edit" in heading and "Before the edit" not in heading


def test_a_change_is_not_kept_under_the_new_version_before_it_commits(
    cached, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story()
    before = token()
    with django_capture_on_commit_callbacks(execute=False) as pending:
        story.title = "Not yet committed"
        story.save()
        assert token() == before
    assert len(pending) == 1  # one bump per transaction, however many rows changed


# Each change below alters what some page shows; each must start a new content version.
def rename_tag(story):
    tag = Tag.objects.get(name="loyalty")
    tag.name = "allegiance"
    tag.save()


CHANGES = {
    "save": lambda story: story.save(),
    "delete": lambda story: story.delete(),
    "add a tag": lambda story: story.tags.add("new-tag"),
    "remove a tag": lambda story: story.tags.remove("loyalty"),
    "rename a tag": rename_tag,
    "link a principle": lambda story: story.principles.add(make_principle()),
    "unlink a principle": lambda story: story.principles.clear(),
    "edit a practice": lambda story: make_practice(story.principles.first()),
    "add a path item": lambda story: add_item(make_path(), story),
    "edit a source": lambda story: Source.objects.update_or_create(
        slug="a-source", defaults={"title": "A source"}
    ),
    "point a withdrawal elsewhere": lambda story: Withdrawal.objects.update_or_create(
        content_type_id=1, object_id=999, defaults={"slug": "x", "title": "X", "replacement": "/"}
    ),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_every_kind_of_change_starts_a_new_content_version(
    cached, change, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(tags=["loyalty"], principles=[make_principle()])
    before = token()
    with django_capture_on_commit_callbacks(execute=True):
        change(story)
    assert token() != before


def test_a_scheduled_story_appears_the_moment_it_goes_live(
    cached, client, django_capture_on_commit_callbacks
):
    live_at = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        make_story(title="Already out")
        make_story(title="Out in two hours", published_at=live_at)
    assert "Out in two hours" not in client.get("/stories/").text
    with time_machine.travel(live_at - timedelta(seconds=1)):
        assert "Out in two hours" not in client.get("/stories/").text
    with time_machine.travel(live_at):
        assert "Out in two hours" in client.get("/stories/").text


def test_a_story_taken_down_leaves_the_cached_pages_at_its_time(
    cached, client, django_capture_on_commit_callbacks
):
    down_at = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(title="Down in two hours", take_down_at=down_at)
    assert "Down in two hours" in client.get("/stories/").text
    with time_machine.travel(down_at):
        assert "Down in two hours" not in client.get("/stories/").text
        assert client.get(story.get_absolute_url()).status_code == 410


def test_a_change_approved_for_later_replaces_the_cached_page_at_its_time(
    cached, reader, editor_client, publisher_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(title="Old title")
    assert "Old title" in reader.get(story.get_absolute_url()).text  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        at = change_for_later(editor_client, publisher_client, story, title="New title")
    assert "Old title" in reader.get(story.get_absolute_url()).text
    with time_machine.travel(at + timedelta(seconds=1)):
        # The first request after the time applies the change; its commit starts a new
        # version (run here as the commit would run it).
        with django_capture_on_commit_callbacks(execute=True):
            reader.get("/")
        assert "New title" in reader.get(story.get_absolute_url()).text


def test_the_next_visibility_change_is_one_query_across_every_type(cached):
    soon = timezone.now() + timedelta(minutes=5)
    make_story(published_at=soon + timedelta(minutes=5))
    make_principle(published_at=soon)
    make_story(status="draft", published_at=soon - timedelta(minutes=1))
    with CaptureQueriesContext(connection) as context:
        assert page_cache.next_visibility_change() == soon
    assert len(context.captured_queries) == 1


def test_signed_in_staff_always_get_a_fresh_private_page(
    cached, client, editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story()
    client.get(story.get_absolute_url())
    response, count = queries(editor_client, story.get_absolute_url())
    assert count > 0
    assert "private" in response["Cache-Control"]


def test_an_editors_draft_preview_is_never_served_to_readers(
    cached, editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_story(status="draft")
    assert editor_client.get(draft.get_absolute_url()).status_code == 200
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_a_cached_page_is_the_same_for_everyone(cached, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story()
    client.get(story.get_absolute_url())
    response = client.get(story.get_absolute_url())
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert response["Cache-Control"] == "max-age=60, must-revalidate"
    assert response["ETag"] and response["Last-Modified"]


def test_a_page_that_uses_a_csrf_token_is_never_stored(cached, client):
    response = client.get("/admin/login/")
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert caches["default"].get(page_cache.page_key(response.wsgi_request)) is None


def test_a_conditional_request_gets_304_until_the_content_changes(
    cached, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story()
    etag = client.get(story.get_absolute_url())["ETag"]
    assert client.get(story.get_absolute_url(), headers={"if-none-match": etag}).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        story.summary = "A new summary."
        story.save()
    assert client.get(story.get_absolute_url(), headers={"if-none-match": etag}).status_code == 200


def test_if_modified_since_the_last_change_gets_304(
    cached, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_story()
    last_modified = client.get("/stories/")["Last-Modified"]
    response = client.get("/stories/", headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_a_head_request_is_answered_from_the_cache_without_a_body(
    cached, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story()
    get = client.get(story.get_absolute_url())
    with CaptureQueriesContext(connection) as context:
        head = client.head(story.get_absolute_url())
    assert len(context.captured_queries) == 0
    assert head.content == b""
    assert head["Content-Length"] == get["Content-Length"]


def test_each_query_string_is_its_own_page(cached, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_story(title="Happy", outcome=Story.Outcome.EXEMPLARY)
        make_story(title="Sad", outcome=Story.Outcome.CAUTIONARY)
    assert "Sad" not in client.get("/stories/?outcome=exemplary").text
    assert "Happy" not in client.get("/stories/?outcome=cautionary").text


def test_the_page_cache_can_be_turned_off(cached, client, settings):
    settings.PAGE_CACHE = False
    response = client.get("/stories/")
    assert caches["default"].get(page_cache.page_key(response.wsgi_request)) is None
    assert "ETag" not in response


def test_without_the_page_cache_a_story_page_is_drawn_once_per_version(
    cached, client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = False
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(title="Drawn once", principles=[make_principle()], tags=["x"])
        make_story(title="Related", tags=["x"])
    first, first_queries = queries(client, story.get_absolute_url())
    second, second_queries = queries(client, story.get_absolute_url())
    assert (first_queries > 0, second_queries) == (True, 0)
    assert second.content == first.content
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Drawn again"
        story.save()
    assert "Drawn again" in client.get(story.get_absolute_url()).text


def elsewhere_cache(cached, settings):
    """The cache holding the tokens, as another app server or a management command has it."""
    if cached == "local":
        return FileBasedCache(settings.CACHES["content_version"]["LOCATION"], {})
    return caches.create_connection("default")


def test_a_change_made_by_another_process_is_seen_at_once(cached, client, settings):
    """Another app server, or a management command, makes a new version and replaces a
    token in the shared cache (as versions.bump does)."""
    story = make_story(slug="a-story")
    client.get("/stories/a-story/")
    elsewhere = elsewhere_cache(cached, settings)
    version = page_cache.Version(uuid.uuid4().hex, time.time(), None)
    elsewhere.set(page_cache.VERSION_KEY, version)
    elsewhere.set(page_cache.token_key(f"row:stories_story:{story.pk}"), "x")
    elsewhere.set(page_cache.DONE_KEY, version.token)
    assert queries(client, "/stories/a-story/")[1] > 0


def test_an_unreachable_cache_costs_speed_not_pages(client, settings, caplog):
    settings.PAGE_CACHE = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
        },
        "rendered": RENDERED,
    }
    make_story(slug="a-story")
    assert client.get("/stories/a-story/").status_code == 200
    assert "The page cache is unreachable" in caplog.text


def test_a_bulk_load_that_rebuilds_the_search_index_starts_a_new_version(
    cached, django_capture_on_commit_callbacks
):
    from csx import search

    with django_capture_on_commit_callbacks(execute=True):
        make_story()
    before = token()
    with django_capture_on_commit_callbacks(execute=True):
        search.rebuild()
    assert token() != before


def test_a_deploy_starts_a_new_version(cached, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        make_story()
    before = token()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("migrate", verbosity=0)
    assert token() != before


# Markdown references (`[text](story:slug)`) are resolved when a page is drawn: a page that
# refers to another item changes when that item does.


def linking_page(client):
    holder = Story.objects.get(slug="the-holder")
    return markup.one(client.get(holder.get_absolute_url()), "main article .prose")


@pytest.fixture
def holder_and_target(cached, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        target = make_story(slug="the-target", title="The target")
        make_story(slug="the-holder", body="Read [the other story](story:the-target) first.")
    return target


def test_renaming_a_referenced_story_relinks_the_cached_pages_that_refer_to_it(
    holder_and_target, client, django_capture_on_commit_callbacks
):
    assert markup.hrefs(linking_page(client)) == ["/stories/the-target/"]
    assert queries(client, "/stories/the-holder/")[1] == 0  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        holder_and_target.slug = "the-renamed-target"
        holder_and_target.save()
    assert markup.hrefs(linking_page(client)) == ["/stories/the-renamed-target/"]


def test_withdrawing_a_referenced_story_unlinks_it_on_the_cached_pages_that_refer_to_it(
    holder_and_target, client, django_capture_on_commit_callbacks
):
    assert markup.hrefs(linking_page(client)) == ["/stories/the-target/"]
    with django_capture_on_commit_callbacks(execute=True):
        holder_and_target.delete()
    body = linking_page(client)
    assert (markup.hrefs(body), markup.text(body)) == ([], "Read the other story first.")


def test_without_the_page_cache_a_renamed_reference_is_relinked_too(
    holder_and_target, client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = False  # the page's content is still kept once per version
    assert markup.hrefs(linking_page(client)) == ["/stories/the-target/"]
    with django_capture_on_commit_callbacks(execute=True):
        holder_and_target.slug = "the-renamed-target"
        holder_and_target.save()
    assert markup.hrefs(linking_page(client)) == ["/stories/the-renamed-target/"]


# Reader feedback (issue 11) on cached pages: no CSRF token, no cookie.


def test_the_helpful_form_on_a_cached_page_submits_for_an_anonymous_reader(
    cached, django_capture_on_commit_callbacks
):
    from django.test import Client

    reader = Client(enforce_csrf_checks=True)
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story()
    reader.get(story.get_absolute_url())
    page, count = queries(reader, story.get_absolute_url())
    assert count == 0  # the form comes from the cache
    form = markup.one(page, "#feedback form")
    fields = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    answer = reader.post(form["action"], {**fields, "helpful": "yes"})
    assert answer.status_code == 302
    assert Feedback.objects.get().item == story


def test_a_kept_story_page_still_draws_each_readers_own_feedback_panel(
    cached, client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = False  # the content is kept per version, the panel is not
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story()
    asked = markup.one(client.get(story.get_absolute_url()), "#feedback h2")
    thanked = markup.one(client.get(f"{story.get_absolute_url()}?feedback=thanks"), "#feedback h2")
    assert (markup.text(asked), markup.text(thanked)) == ("Was this story helpful?", "Thank you")


# The search log (issue 11) counts every search, cached or not.


def test_a_search_answered_from_the_page_cache_is_counted_too(
    cached, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_story(title="Giraffe")
    client.get("/search/?q=giraffe")
    assert queries(client, "/search/?q=giraffe")[1] == 0  # counted in a buffer: no write
    client.head("/search/?q=giraffe")
    search_log.flush()
    assert list(SearchLog.objects.values_list("query", "searches", "results")) == [
        ("giraffe", 3, 1)
    ]


def test_the_redis_cache_keeps_one_client_for_every_operation():
    from csx.serving.cache_backend import SharedClientRedisCache

    pages = SharedClientRedisCache(REDIS_URL, {"KEY_PREFIX": f"csx-test-{uuid.uuid4().hex}"})
    pages.set("page", b"<html>")
    client = pages._cache.get_client("page")
    assert pages.get("page") == b"<html>"
    assert pages._cache.get_client("page", write=True) is client
    pages.delete("page")


def test_a_page_another_process_drew_after_a_change_is_served_not_redrawn(cached, client, settings):
    """With Redis each process keeps a copy of the pages it served (csx/serving/cache.py, lookup);
    once a token the copy hangs on moves on, the shared page replaces the copy."""
    story = make_story(slug="a-story")
    first = client.get("/stories/a-story/")
    name = f"row:stories_story:{story.pk}"
    elsewhere = elsewhere_cache(cached, settings)
    elsewhere.set(page_cache.token_key(name), "new")
    elsewhere.set(page_cache.DONE_KEY, "another process's change")
    headers = tuple((name, value) for name, value in first.headers.items() if name != "ETag")
    drawn = page_cache.Page(
        ((name, "new"),), time.time(), 200, headers, b"drawn elsewhere", '"elsewhere"'
    )
    caches["default"].set(page_cache.page_key(first.wsgi_request), drawn)
    response, count = queries(client, "/stories/a-story/")
    assert (response.content, count) == (b"drawn elsewhere", 0)


def test_a_hit_reads_the_version_and_the_last_change_not_every_token(cached, client):
    """A story page hangs on some forty tokens; once this process has read them, a hit
    reads only the version and the name of the last finished change (versions.tokens_now)."""
    story = make_story(slug="a-story")
    client.get("/stories/a-story/")
    client.get("/stories/a-story/")  # the first hit reads the tokens once
    versions = page_cache.version_cache()
    read = []
    get_many = versions.get_many
    versions.get_many = lambda keys, **kwargs: read.extend(keys) or get_many(keys, **kwargs)
    try:
        response = client.get("/stories/a-story/")
    finally:
        del versions.get_many
    assert response.headers["X-Page-Cache"] == "hit"
    assert page_cache.token_key(f"row:stories_story:{story.pk}") not in read
    assert {page_cache.VERSION_KEY, page_cache.DONE_KEY} <= set(read)


def test_a_token_made_again_after_the_cache_lost_it_is_read_not_taken_from_memory(
    cached, client, settings
):
    """The shared cache may lose a token (emptied, evicted) and token_of make a new one with
    no change behind it: a page stored under the new token is still a hit."""
    story = make_story(slug="a-story")
    first = client.get("/stories/a-story/")
    client.get("/stories/a-story/")  # this process now knows the token it was drawn under
    name = f"row:stories_story:{story.pk}"
    elsewhere_cache(cached, settings).set(page_cache.token_key(name), "made again")
    headers = tuple((name, value) for name, value in first.headers.items() if name != "ETag")
    drawn = page_cache.Page(((name, "made again"),), time.time(), 200, headers, b"new", '"new"')
    caches["default"].set(page_cache.page_key(first.wsgi_request), drawn)
    caches["rendered"].clear()  # no copy of the old page in this process
    response, count = queries(client, "/stories/a-story/")
    assert (response.content, count) == (b"new", 0)


# Previews (csx/editorial/preview.py) draw items readers must not get; nothing they draw may reach a
# reader, and nothing a reader was given may stand in for the preview, in either order.
def share_url(item):
    return reverse("shared_preview", args=[preview.share_token(item)])


UNPUBLISHED = {
    "draft": {"status": "draft"},
    "in review": {"status": "in_review"},
    "scheduled": {"published_at": timezone.now() + timedelta(days=1)},
    "withdrawn": {"status": "withdrawn"},
}


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_opening_a_share_link_does_not_publish_the_item(
    cached, reader, django_capture_on_commit_callbacks, state
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(title="Unpublished story", **UNPUBLISHED[state])
    assert reader.get(share_url(story)).status_code == 200
    public = reader.get(story.get_absolute_url())
    assert public.status_code in (404, 410)
    assert "Unpublished story" not in public.text


def test_a_withdrawn_share_link_answers_410_at_once_with_the_page_cache_on(
    cached, reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(title="Draft story", status="draft")
        link = preview.make_link(story)
    url = reverse("shared_preview", args=[preview.token_of(link)])
    assert reader.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        preview.revoke(link, None)
    assert reader.get(url).status_code == 410


def test_a_share_link_works_after_a_reader_was_told_the_address_is_not_a_page(
    cached, reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(title="Draft story", status="draft")
    assert reader.get(story.get_absolute_url()).status_code == 404
    shared = reader.get(share_url(story))
    assert shared.status_code == 200
    assert markup.text(markup.one(shared, "main h1")) == "Draft story"


def test_an_editors_preview_shows_the_pending_change_after_readers_saw_the_live_page(
    cached, editor_client, reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(title="Live title")
    assert reader.get(story.get_absolute_url()).status_code == 200  # fragments kept
    with django_capture_on_commit_callbacks(execute=True):
        edit(editor_client, story, title="Pending title")
    reader.get(story.get_absolute_url())
    preview_url = reverse("admin:preview", args=["stories", "story", story.pk])
    page = editor_client.get(preview_url)
    assert markup.text(markup.one(page, "main h1")) == "Pending title"


def test_a_share_link_of_a_pending_change_leaves_readers_the_live_version(
    cached, editor_client, reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(title="Live title")
        edit(editor_client, story, title="Pending title")
    shared = reader.get(share_url(story))
    assert markup.text(markup.one(shared, "main h1")) == "Pending title"
    assert markup.text(markup.one(reader.get(story.get_absolute_url()), "main h1")) == "Live title"


def test_a_preview_starts_no_new_content_version(
    cached, editor_client, reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(title="Live title")
        edit(editor_client, story, title="Pending title")
    reader.get(story.get_absolute_url())
    before = token()
    with django_capture_on_commit_callbacks(execute=True):
        reader.get(share_url(story))
    assert token() == before


# What anyone can make the cache keep is bounded.
def stored(response):
    key = page_cache.page_key(response.wsgi_request)
    return key is not None and caches["default"].get(key) is not None


def cache_keys(kind):
    """Every key the page cache holds (Redis: under the test's prefix; locmem: its dict)."""
    pages = caches["default"]
    if kind == "redis":
        return set(redis.Redis.from_url(REDIS_URL).scan_iter(f"{pages.key_prefix}:*"))
    return set(pages._cache)


def test_query_strings_no_page_reads_add_nothing_to_the_cache(
    cached, reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_story()
    reader.get("/stories/")
    before = cache_keys(cached)
    for n in range(200):
        assert reader.get(f"/stories/?utm_{n}={n}").status_code == 200
    assert cache_keys(cached) == before


def test_a_query_string_of_known_parameters_is_kept(
    cached, reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_story(outcome="cautionary")
    assert stored(reader.get("/stories/?outcome=cautionary"))


def test_each_path_keeps_a_bounded_number_of_query_strings(
    cached, reader, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_VARIANTS = 3
    with django_capture_on_commit_callbacks(execute=True):
        make_story()
    kept = [stored(reader.get(f"/search/?q=word{n}")) for n in range(5)]
    assert kept == [True, True, True, False, False]
    assert stored(reader.get("/search/"))  # the bare address is always kept


def test_every_story_filter_is_a_parameter_pages_are_kept_for(settings):
    from stories.filters import StoryFilter

    assert set(StoryFilter.base_filters) <= settings.PAGE_CACHE_PARAMETERS


def test_a_stale_session_cookie_still_gets_the_cached_page(
    cached, reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story()
    first = reader.get(story.get_absolute_url())
    stale = Client()
    stale.cookies["sessionid"] = "no-such-session-0123456789abcdef"
    response, count = queries(stale, story.get_absolute_url())
    assert count == 1  # the session is looked up once
    assert response.content == first.content
    assert "private" not in response["Cache-Control"]
    assert queries(stale, story.get_absolute_url())[1] == 0  # and then remembered


def test_writing_the_workflow_log_or_a_share_link_keeps_every_page(
    cached, publisher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story()
    before = token()
    with django_capture_on_commit_callbacks(execute=True):
        audit.record(audit.Action.WITHDRAWN, story, publisher)
        preview.make_link(story, publisher)
    assert token() == before
