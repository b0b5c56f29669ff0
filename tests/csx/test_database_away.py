"""A database that is away answers a branded 503 with Retry-After on every page, never a 500,
and the health check says why. (tests/test_outage.py stops a real PostgreSQL.)"""

import logging

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from csx.serving.database_away import DatabaseAwayOnce
from tests.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_away(monkeypatch):
    """Every query from now on fails as it does when the server is down."""

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')

    monkeypatch.setattr(connection, "cursor", refuse)
    monkeypatch.setattr(connection, "chunked_cursor", refuse)


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("url", ["/", "/stories/", "/stories/a-story/", "/search/?q=x", "/tags/"])
def test_a_page_answers_503_with_retry_after(url, reader, database_away):
    response = reader.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "The library is back in a moment" in response.text


def test_a_connection_closed_under_a_query_is_503_too(reader, monkeypatch):
    make_story(slug="a-story")

    def closed(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(connection, "cursor", closed)
    assert reader.get("/stories/a-story/").status_code == 503


def test_a_bug_is_still_a_500(reader, monkeypatch):
    def bug(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr("csx.public.views.pages.render", bug)
    response = reader.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_health_says_ok_with_the_database(client):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "ok"})


def test_health_says_why_without_it(reader, database_away):
    response = reader.get("/healthz")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "reason": 'connection to server at "127.0.0.1", port 5432 failed: refused',
    }


def test_health_answers_head_without_a_body(reader, database_away):
    response = reader.head("/healthz")
    assert (response.status_code, response.content) == (503, b"")


def test_health_is_never_kept_by_a_cache(client, settings):
    settings.PAGE_CACHE = True
    assert "no-cache" in client.get("/healthz")["Cache-Control"]


@pytest.fixture
def request_log(caplog):
    """Django's request log with the filter csx/config/logs.py gives it (the tests' settings
    keep Django's logging as it is)."""
    logger = logging.getLogger("django.request")
    once = DatabaseAwayOnce()
    logger.addFilter(once)
    yield once, caplog
    logger.removeFilter(once)


def test_an_outage_logs_one_traceback_a_minute_not_one_per_request(
    reader, database_away, request_log
):
    once, caplog = request_log
    for _ in range(5):
        assert reader.get("/").status_code == 503
    once.last -= once.interval  # a minute later
    reader.get("/")
    logged = [r.getMessage() for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert logged == [
        "Service Unavailable: /",
        "Service Unavailable: / (4 more requests met this since the last one)",
    ]


def test_any_other_error_is_logged_each_time(request_log):
    once, caplog = request_log
    for _ in range(3):
        logging.getLogger("django.request").error("boom", exc_info=ValueError("a bug"))
    assert [r.getMessage() for r in caplog.records] == ["boom"] * 3
