"""The content version, and the tokens of what changed (csx/serving/dependencies.py).

The version (`VERSION_KEY`) changes with every change of content: what is kept per version
in each process's memory (`memo`, template fragments) is redone after any change. It also
records when an item's visibility next changes by the clock (`until`): then everything
starts afresh, as after a deploy or a restore (`bump()` with no names).

Stored pages do not hang on the version but on the tokens of the names they depended on
(`token_key(name)`), which a change replaces only for the names it touches. A change writes
the version first and the tokens after; a page being stored reads its tokens first and the
version after (see cache.store), so a change committed while the page was drawn is either
seen in the version (the page is not stored) or in a token (the page is never served).

Last, a change writes `DONE_KEY`: a process that finds it as it was when the process last
read some tokens knows those tokens are still current (`tokens_now`). A cached hit then reads
two small keys, not the forty-odd tokens of what a story page shows.
"""

import logging
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.utils import timezone
from redis.exceptions import RedisError

from csx.content import registry

logger = logging.getLogger(__name__)

VERSION_KEY = "csx:content-version"
DONE_KEY = "csx:changes-done"  # the token of the last change whose tokens are all written
EVERYTHING = ("all",)
PAGE_SECONDS = 600  # a page, or what a page reuses, is kept this long after it was made
# A cache that cannot be reached costs readers speed, not pages: they get fresh ones.
CACHE_ERRORS = (RedisError, OSError)


@dataclass(frozen=True)
class Version:
    token: str
    changed: float  # when it was made (seconds since the epoch)
    until: float | None  # when an item's visibility next changes by the clock alone

    @property
    def current(self):
        return self.until is None or time.time() < self.until


def version_cache():
    alias = "content_version" if "content_version" in settings.CACHES else "default"
    return caches[alias]


def token_key(name):
    return f"csx:changed:{name}"


def token_of(name):
    """The token `name` holds now, made when the cache holds none (a first read, or after
    the cache was emptied): something kept under it is current while it stays the same."""
    cache = version_cache()
    key = token_key(name)
    token = cache.get(key)
    if token is None:
        cache.add(key, secrets.token_hex(8), None)
        token = cache.get(key)
    return token


def next_visibility_change():
    """When an item next appears or disappears by the clock alone, or None: one query."""
    now = timezone.now()
    first, *rest = [
        changes for model in registry.models() for changes in model.objects.visibility_changes(now)
    ]
    soonest = first.union(*rest).order_by("at")[:1]
    return soonest[0]["at"] if soonest else None


def bump(names=EVERYTHING):
    """A new content version, and new tokens for `names` (and `any`): the pages that
    depended on one of them are out of date. With no names, every page is."""
    try:
        at = next_visibility_change()
        until = at.timestamp() if at else None
    except DatabaseError:
        # The tables are older than the models (a migration half way, as in migration
        # tests): this version lasts until the next request, which reads the times again.
        until = time.time()
    version = Version(token=secrets.token_hex(8), changed=time.time(), until=until)
    cache = version_cache()
    cache.set(VERSION_KEY, version, None)
    changed = secrets.token_hex(8)
    cache.set_many({token_key(name): changed for name in {*names, "any"}}, None)
    cache.set(DONE_KEY, version.token, None)
    return version


# The tokens this process has read since the change named in the first item finished: they
# are current for as long as DONE_KEY holds that name. Replaced, never emptied in place, so a
# thread that read an older DONE_KEY fills a dict nobody else trusts.
_known = (None, {})


def last_change(cache, found):
    """DONE_KEY as `found` (a get_many) holds it; when the cache holds none (emptied since the
    last change), a name for the state it holds now."""
    if DONE_KEY in found:
        return found[DONE_KEY]
    cache.add(DONE_KEY, secrets.token_hex(8), None)
    return cache.get(DONE_KEY)


def tokens_now(cache, keys, done):
    """{key: token or None} for `keys`, as current as `done` (last_change(), read before this
    call): what this process read since that change finished, from memory; the rest from
    `cache`."""
    known = known_since(done)
    missing = [key for key in keys if key not in known]
    if missing:
        known.update(read(cache, missing))
    return known


def tokens_read(cache, keys, done):
    """{key: token or None} for `keys` from `cache` itself, remembered as current as `done`
    (a token this process knew may have been made again: the cache had lost it, token_of)."""
    found = read(cache, keys)
    known_since(done).update(found)
    return found


def known_since(done):
    """What this process read since the change `done` finished (read before anything goes
    in: a token read after `done` is at least as current as `done`)."""
    global _known
    if _known[0] != done:
        _known = (done, {})
    return _known[1]


def read(cache, keys):
    found = cache.get_many(keys)
    return {key: found.get(key) for key in keys}


def current_version(version):
    return version if version is not None and version.current else bump()


def private_version():
    """A version of one request's own, under which nothing kept for readers is found and
    nothing it keeps is ever found by a reader: a preview (csx/editorial/preview.py) draws an item
    that readers must not get, in a state they must not see."""
    return Version(f"private-{secrets.token_hex(8)}", time.time(), time.time())


def request_version(request):
    """The content version `request` is served under, read once per request. When the cache
    holding it cannot be reached, a version of the request's own: nothing kept is reused."""
    if not hasattr(request, "content_version"):
        try:
            request.content_version = current_version(version_cache().get(VERSION_KEY))
        except CACHE_ERRORS:
            logger.exception("The content version is unreachable: %s is made afresh.", request.path)
            request.content_version = private_version()
    return request.content_version


@dataclass(frozen=True)
class Shown:
    """Something kept while each of the names it was drawn from still has the token it had
    then (`shown`): a stored page (cache.Page), or a value kept by reuse.while_unchanged."""

    shown: tuple  # ((name, token or None), …)

    def token_keys(self):
        return [token_key(name) for name, _ in self.shown]

    def unchanged(self, found):
        """Is every token it was drawn under still the one in `found` (a get_many)?"""
        return all(found.get(token_key(name)) == token for name, token in self.shown)


def shown_under(names, version, cache):
    """((name, token), …) of `names` as `cache` holds them, or None when the content version
    is no longer `version`. The tokens are read before the version, the reverse of a change's
    writes: a change committed while something was drawn is seen in one or the other, and
    nothing is kept under tokens older than it."""
    found = cache.get_many([*(token_key(name) for name in names), VERSION_KEY])
    now = found.get(VERSION_KEY)
    if now is None or now.token != version.token:
        return None
    return tuple((name, found.get(token_key(name))) for name in names)


def unchanged(page, cache, done):
    """Is every token `page` was drawn under still current? Asked of what this process read
    since the last change (`done`) finished, and, when that says no, of `cache` itself."""
    keys = page.token_keys()
    return page.unchanged(tokens_now(cache, keys, done)) or page.unchanged(
        tokens_read(cache, keys, done)
    )
