"""Django's Redis cache with one Redis client per process, not one per operation.

Django's RedisCacheClient builds a new `redis.Redis` around its connection pool for every
get and set (its get_client() invites a custom client for such choices). Building one costs
about as much as the round trip to Redis itself, which is most of what a page-cache hit
costs (docs/performance.md). A `redis.Redis` is safe to share: each command borrows a
connection from the pool, and the pool starts afresh in a forked process. (Replies are
read by hiredis, the C parser redis-py uses when it is installed: a dependency for that.)
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]


class SharedClientRedisCache(RedisCache):
    """settings.CACHES backend "csx.cache_backend.SharedClientRedisCache"."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientCacheClient
