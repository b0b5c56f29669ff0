"""What a read of the API found is kept once per content version, as the pages keep theirs
(csx.serving.reuse.memo), so a saved change shows at the very next request."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_story

pytestmark = pytest.mark.django_db

LOCAL = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


@pytest.fixture
def kept(settings, tmp_path):
    """The caches a deployment without Redis has (csx/config/caches.py), empty."""
    settings.CACHES = {
        "default": LOCAL,
        "content_version": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "version"),
        },
        "ratelimit": {**LOCAL, "LOCATION": "rl"},
        "rendered": {**LOCAL, "LOCATION": "rendered"},
    }
    caches["rendered"].clear()


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    return response, len(context.captured_queries)


@pytest.mark.parametrize(
    "url", ["/api/v1/stories/", "/api/v1/stories/kept/", "/api/v1/tags/", "/api/v1/tags/airlines/"]
)
def test_a_second_read_runs_no_query(kept, client, url, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_story(slug="kept", tags=["airlines"])
    first, first_queries = queries(client, url)
    second, second_queries = queries(client, url)
    assert (first_queries > 0, second_queries, second.content) == (True, 0, first.content)


def test_a_saved_change_shows_at_the_next_read(kept, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(slug="kept", title="Before the edit")
    client.get("/api/v1/stories/kept/")
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "After the edit"
        story.save()
    assert client.get("/api/v1/stories/kept/").json()["title"] == "After the edit"


def test_a_renamed_slug_is_followed_at_the_next_read(
    kept, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(slug="old")
    client.get("/api/v1/stories/old/")
    with django_capture_on_commit_callbacks(execute=True):
        story.slug = "new"
        story.save()
    assert client.get("/api/v1/stories/old/").status_code == 301
