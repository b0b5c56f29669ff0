"""A search writes nothing to the database: it is counted in a buffer (Redis when REDIS_URL is
set, this process's memory otherwise) and written in batches, still exact
(csx/search/log.py, csx/search/log_buffer.py). Redis is the real one at CSX_TEST_REDIS_URL."""

import os
import threading
import uuid

import pytest
import redis
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from csx.models import SearchLog
from csx.search import log, log_buffer
from tests.clock import TODAY
from tests.factories import make_story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

REDIS_URL = os.environ.get("CSX_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def in_redis(settings):
    settings.REDIS_URL = REDIS_URL
    settings.SEARCH_COUNTS_PREFIX = prefix = f"csx-test-counts-{uuid.uuid4().hex}"
    yield
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    log_buffer.REDIS.clear()


def logged():
    return list(SearchLog.objects.values_list("query", "day", "searches", "results"))


def writes_of(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in context.captured_queries if q["sql"].lstrip().startswith(WRITES)]


@pytest.mark.parametrize("where", ["memory", "redis"])
def test_a_search_writes_nothing_to_the_database(client, request, where):
    if where == "redis":
        request.getfixturevalue("in_redis")
    make_story(title="Harbour lights")
    assert writes_of(client, "/search/?q=harbour") == []
    assert writes_of(client, "/search/?q=harbour") == []
    assert logged() == []  # until the flush
    assert log.flush() == 2
    assert logged() == [("harbour", TODAY, 2, 1)]


def test_the_search_that_fills_the_buffer_writes_the_batch(client, settings):
    settings.SEARCH_COUNTS_FLUSH_AT = 3
    client.get("/search/?q=harbour")
    client.get("/search/?q=lights")
    assert logged() == []
    client.get("/search/?q=harbour")
    assert sorted(logged()) == [("harbour", TODAY, 2, 0), ("lights", TODAY, 1, 0)]


def test_a_count_waits_no_longer_than_the_flush_interval(client, settings):
    settings.SEARCH_COUNTS_FLUSH_SECONDS = 60
    client.get("/search/?q=harbour")
    with time_machine.travel("2026-11-24 12:01:01Z", tick=False):
        client.get("/search/?q=harbour")
    assert logged() == [("harbour", TODAY, 2, 0)]


def test_editors_read_the_counts_still_buffered(client):
    client.get("/search/?q=xylophone")
    assert log.zero_result_queries() == [log.QueryCount("xylophone", 1, 0)]


@pytest.mark.usefixtures("in_redis")
def test_no_count_is_lost_or_doubled_across_flushes(settings):
    """Eight threads count 250 searches each in Redis while flushes run between them."""
    settings.SEARCH_COUNTS_FLUSH_AT = 10**9  # only this test's own flushes write
    threads = [
        threading.Thread(target=lambda n=n: [log.record(f"query {n % 3}", n) for _ in range(250)])
        for n in range(8)
    ]
    for thread in threads:
        thread.start()
    flushed = 0
    while any(thread.is_alive() for thread in threads):
        flushed += log.flush()
    for thread in threads:
        thread.join()
    flushed += log.flush()
    assert flushed == 2000
    counts = dict(SearchLog.objects.values_list("query", "searches"))
    assert counts == {"query 0": 750, "query 1": 750, "query 2": 500}


@pytest.mark.usefixtures("in_redis")
def test_a_batch_given_back_is_written_once_with_the_newer_counts():
    log.record("harbour", 1)
    buffer = log_buffer.buffers()[0]
    taken = buffer.take()
    log.record("harbour", 5)  # a newer search while the batch was away
    buffer.give_back(taken)
    assert log.flush() == 2
    assert logged() == [("harbour", TODAY, 2, 5)]


def test_while_redis_is_away_counts_wait_in_memory(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"  # nothing answers there
    client.get("/search/?q=harbour")
    client.get("/search/?q=harbour")
    assert logged() == []
    assert log.flush() == 2
    assert logged() == [("harbour", TODAY, 2, 0)]
    log_buffer.REDIS.clear()
