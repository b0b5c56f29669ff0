"""Redis that cannot be reached costs speed, never an error (csx/serving/cache_backend.py,
csx/serving/outages.py): the page cache answers as an empty cache, counts per client go on in the
fallback every process of the machine shares, the log says so once, and nothing restarts.
(Port 9 is the discard port: nothing answers there.)"""

import logging

import pytest
from django.core.cache import caches

from csx.serving import cache, outages
from csx.serving.cache_backend import SharedClientRedisCache

NOWHERE = "redis://127.0.0.1:9/0"


@pytest.fixture(autouse=True)
def fresh_breakers(monkeypatch):
    monkeypatch.setattr(outages, "BREAKERS", {})


def test_an_unreachable_page_cache_answers_as_an_empty_one():
    pages = SharedClientRedisCache(NOWHERE, {})
    pages.set("page", b"<html>")
    assert pages.get("page") is None
    assert pages.get_many(["page", "version"]) == {}


def test_counts_go_on_in_the_fallback_while_redis_is_away(settings):
    settings.CACHES = {
        **settings.CACHES,
        "counts": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "counts",
        },
    }
    limits = SharedClientRedisCache(NOWHERE, {"FALLBACK": "counts"})
    assert limits.add("client", 0, 60)
    assert [limits.incr("client") for _ in range(3)] == [1, 2, 3]
    assert caches["counts"].get("client") == 3


def test_an_outage_is_logged_once_not_per_request(caplog):
    pages = SharedClientRedisCache(NOWHERE, {})
    with caplog.at_level(logging.WARNING, logger="csx.serving.outages"):
        for _ in range(50):
            pages.get("page")
    assert caplog.text.count("is unreachable") == 1


@pytest.mark.django_db
def test_a_new_content_version_starts_when_redis_is_back():
    # A change saved while Redis was away could not start its version there.
    before = cache.bump()
    service = outages.breaker("redis://127.0.0.1:6379")
    service.open()
    assert cache.version_cache().get(cache.VERSION_KEY) == before
    service.close()
    assert cache.version_cache().get(cache.VERSION_KEY).token != before.token
