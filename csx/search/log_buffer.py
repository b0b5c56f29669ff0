"""Where searches wait before they are written to the search log (csx/search/log.py), so that
a search, cached or not, writes nothing to the database: with REDIS_URL, in Redis, shared by
every process of every app server; otherwise (and while Redis cannot be reached), in this
process's memory.

Each buffer holds, per (day, query), the searches not yet written and the results of the
latest one. `take()` empties it atomically and returns what it held: a search counted while
another process writes is either in what that process took or still in the buffer, never
both; `give_back()` puts a batch the database refused back.
"""

import threading
import time
from datetime import date

import redis
from django.conf import settings

from csx.serving import outages

SEPARATOR = "\t"  # between the day and the query in a buffer's field: a query has no tab


class Batch(dict):
    """(day, query) → [searches, results], with the moment its first search was counted."""

    def __init__(self, since=None):
        super().__init__()
        self.since = since

    def add(self, day, query, searches, results):
        entry = self.setdefault((day, query), [0, results])
        entry[0] += searches
        entry[1] = results

    @property
    def searches(self):
        return sum(searches for searches, _ in self.values())


class MemoryBuffer:
    def __init__(self):
        self.lock = threading.Lock()
        self.batch = Batch()

    def add(self, day, query, results):
        """Count one search; returns (searches waiting, seconds since the oldest)."""
        with self.lock:
            if self.batch.since is None:
                self.batch.since = time.time()
            self.batch.add(day, query, 1, results)
            return self.batch.searches, time.time() - self.batch.since

    def take(self):
        with self.lock:
            batch, self.batch = self.batch, Batch()
            return batch

    def give_back(self, batch):
        with self.lock:
            since = min(filter(None, [batch.since, self.batch.since]), default=None)
            kept, self.batch = self.batch, Batch(since)
            for source in (batch, kept):  # the later results win
                for (day, query), (searches, results) in source.items():
                    self.batch.add(day, query, searches, results)


# Read and empty the buffer in one step: Redis runs a script alone.
TAKE = """
local searches = redis.call('HGETALL', KEYS[1])
local results = redis.call('HGETALL', KEYS[2])
local since = redis.call('GET', KEYS[4])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
return {searches, results, since}
"""


class RedisBuffer:
    """Four keys: searches and results per "day<tab>query" (two hashes), the searches
    waiting, and when the oldest was counted."""

    def __init__(self, url, prefix):
        self.client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=1)
        self.breaker = outages.redis_breaker(url)
        self.keys = [f"{prefix}:{name}" for name in ("searches", "results", "waiting", "since")]
        self.take_script = self.client.register_script(TAKE)

    def call(self, function, *args):
        return self.breaker.call(function, *args)

    def add(self, day, query, results):
        def count():
            searches, latest, waiting, since = self.keys
            field = f"{day.isoformat()}{SEPARATOR}{query}"
            pipe = self.client.pipeline(transaction=True)
            pipe.hincrby(searches, field, 1)
            pipe.hset(latest, field, results)
            pipe.incr(waiting)
            pipe.set(since, time.time(), nx=True)
            pipe.get(since)
            replies = pipe.execute()
            return replies[2], time.time() - float(replies[4])

        return self.call(count)

    def take(self):
        searches, results, since = self.call(self.take_script, self.keys)
        latest = dict(zip(results[::2], results[1::2], strict=True))
        batch = Batch(float(since) if since else None)
        for field, count in zip(searches[::2], searches[1::2], strict=True):
            day, _, query = field.decode().partition(SEPARATOR)
            batch.add(date.fromisoformat(day), query, int(count), int(latest.get(field, 0)))
        return batch

    def give_back(self, batch):
        def put():
            searches, latest, waiting, since = self.keys
            pipe = self.client.pipeline(transaction=True)
            for (day, query), (count, results) in batch.items():
                field = f"{day}{SEPARATOR}{query}"
                pipe.hincrby(searches, field, count)
                pipe.hsetnx(latest, field, results)  # a newer search's results win
            pipe.incrby(waiting, batch.searches)
            pipe.set(since, batch.since or time.time(), nx=True)
            pipe.execute()

        self.call(put)


MEMORY = MemoryBuffer()
REDIS = {}  # (url, prefix) → this process's RedisBuffer


def buffers():
    """The buffers to count in, the first that answers first: Redis when there, then memory
    (where counts wait while Redis is away)."""
    url = settings.REDIS_URL
    if not url:
        return [MEMORY]
    key = (url, settings.SEARCH_COUNTS_PREFIX)
    if key not in REDIS:
        REDIS[key] = RedisBuffer(*key)
    return [REDIS[key], MEMORY]
