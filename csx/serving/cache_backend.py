"""Django's Redis cache with one Redis client per process, and a Redis that cannot be reached
answered for instead of raised.

One client: Django's RedisCacheClient builds a new `redis.Redis` around its connection pool
for every get and set (its get_client() invites a custom client for such choices). Building
one costs about as much as the round trip to Redis itself, which is most of what a
page-cache hit costs (docs/performance.md). A `redis.Redis` is safe to share: each command
borrows a connection from the pool, and the pool starts afresh in a forked process. (Replies
are read by hiredis, the C parser redis-py uses when it is installed: a dependency for that.)

Unreachable: every operation goes through this process's breaker for the Redis server
(csx/serving/outages.py). When Redis does not answer, or its breaker is open, the operation is
answered by the alias named in the cache's FALLBACK, or else as by an empty cache (a miss; a
write kept nowhere). So the page cache draws pages fresh, and rate limits count in a cache
this machine's processes share (settings.CACHES), until Redis answers again.
"""

import zlib
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from csx.serving import outages
from csx.serving.dependencies import fragment_names, is_recording, mark, note


class SharedClientCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]


def answered_for(name):
    """A RedisCache method that, when Redis cannot be reached, is answered by the fallback."""

    def method(self, *args, **kwargs):
        try:
            return self.breaker.call(getattr(RedisCache, name), self, *args, **kwargs)
        except outages.UNREACHABLE:
            return getattr(self.fallback, name)(*args, **kwargs)

    method.__name__ = name
    return method


class SharedClientRedisCache(RedisCache):
    """settings.CACHES backend "csx.serving.cache_backend.SharedClientRedisCache"; "FALLBACK": the
    alias that answers while Redis cannot (optional: else, a miss)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientCacheClient
        self.fallback_alias = params.get("FALLBACK")
        self.breaker = outages.redis_breaker(self._servers[0])

    @cached_property
    def fallback(self):
        return caches[self.fallback_alias] if self.fallback_alias else DummyCache("", {})

    add = answered_for("add")
    get = answered_for("get")
    set = answered_for("set")
    touch = answered_for("touch")
    delete = answered_for("delete")
    get_many = answered_for("get_many")
    has_key = answered_for("has_key")
    incr = answered_for("incr")
    set_many = answered_for("set_many")
    delete_many = answered_for("delete_many")
    clear = answered_for("clear")


FRAGMENT = "template.cache."  # how Django names a `{% cache %}` fragment's key


@dataclass(frozen=True)
class Fragment:
    """A drawn fragment, compressed (zlib's fastest level): HTML shrinks 3.7 times, so the
    bound in bytes below holds that many times the fragments, at 30 to 90 µs to undo one
    (docs/performance.md, "Memory at 50,000 stories")."""

    packed: bytes
    shown: tuple | None  # the names it was drawn from (csx/serving/dependencies.py)

    @classmethod
    def of(cls, html, shown):
        return cls(zlib.compress(html.encode(), 1), shown)

    @property
    def html(self):
        return zlib.decompress(self.packed).decode()


def is_fragment(made_key):
    """Whether a key as the cache made it (":3:template.cache.…") names a fragment."""
    return made_key.split(":", 2)[-1].startswith(FRAGMENT)


# The bytes of fragments each "rendered" cache of this process holds, by location: an upper
# bound (a fragment replaced, expired or culled still counts), made exact at each trim. Per
# location, as LocMemCache shares its entries between a process's threads.
_FRAGMENTS_HELD = {}


class RenderedCache(LocMemCache):
    """settings.CACHES["rendered"]: this process's memory, where a template fragment keeps
    what it was drawn from, so that a page reusing it depends on that too. A fragment drawn
    while nothing recorded (no page cache) is drawn again by a page being recorded.

    Its fragments are bounded in bytes (OPTIONS FRAGMENT_BYTES, compressed bytes) as well as
    by the entries: one is 1 to 40 KB of HTML (a tag page's cards), and at 50,000 stories 900
    of them were 12 MB in every web worker (docs/performance.md, "Memory at 50,000
    stories"). Past the bound, the fragments used longest ago go, down to three quarters of
    it, so that a trim is rare. What else is kept here (what pages' queries found: the story
    filters' 5,000 companies, the tag list) is few entries, each costly to find again:
    bounding those in bytes too pushed them out and cost 4 times the throughput."""

    def __init__(self, name, params):
        super().__init__(name, params)
        self._fragment_bytes = params.get("OPTIONS", {}).get("FRAGMENT_BYTES")
        self._fragments_held = _FRAGMENTS_HELD.setdefault(name, [0])

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        super()._set(key, value, timeout)
        if self._fragment_bytes is not None and is_fragment(key):
            self._fragments_held[0] += len(value)
            if self._fragments_held[0] > self._fragment_bytes:
                self._trim_fragments()

    def _trim_fragments(self):
        oldest_first = [key for key in reversed(self._cache) if is_fragment(key)]
        held = sum(len(self._cache[key]) for key in oldest_first)
        for key in oldest_first:
            if held <= self._fragment_bytes * 3 // 4:
                break
            held -= len(self._cache.pop(key))
            del self._expire_info[key]
        self._fragments_held[0] = held

    def get(self, key, default=None, version=None):
        if not key.startswith(FRAGMENT):
            return super().get(key, default, version)
        fragment = super().get(key, None, version)
        if fragment is not None and (fragment.shown is not None or not is_recording()):
            note(fragment.shown or ())
            return fragment.html
        mark(key)
        return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if key.startswith(FRAGMENT):
            value = Fragment.of(value, fragment_names(key))
        super().set(key, value, timeout, version)
