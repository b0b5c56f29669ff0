"""The page cache: anonymous readers get pages from a cache that is never stale.

Every page is stored with what it showed: the names of the rows, tables and columns its
drawing read (csx/serving/dependencies.py), each with the token it had then. A change, once
its transaction commits, replaces the tokens of the names it touched (csx/serving/
invalidation.py), and a page is served only while all of its tokens are unchanged: a save
sends off the cache only the pages that show what changed. The clock reaching the moment an
item's visibility changes (a scheduled item going live), a deploy and a restore replace the
token every page holds (csx/serving/versions.py).

So an editor never meets a stale page after a save. Signed-in staff (any request carrying a
session cookie) skip the cache altogether and get fresh, private pages. A response is
stored only if it is the same for every anonymous reader: a 200 to a GET or HEAD that sets
no cookie, used no CSRF token and did not ask not to be cached; `Vary: Cookie` is dropped
from it, since who may see what is decided here, before sessions are read.

Where things live: settings.CACHES["default"] holds the pages (Redis when REDIS_URL is set,
else this process's memory); the version and the tokens live in the "content_version" cache
when there is one (a folder every local process shares), else next to the pages; what
detail pages keep per version (`memo`, template fragments) and the counts kept while their
own names hold (`kept`) live in "rendered", each process's own memory, and so do, with
Redis, the copies of the pages a process served (see lookup()).

The time fields that make an item appear or disappear by the clock are listed once, in
`ContentQuerySet.visibility_times` (csx/models/content.py). Work a view does for every
reader besides drawing the page (counting a search) is replayed on each cached hit
(`also_when_cached`).
"""

import hashlib
import logging
import time
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from redis.exceptions import RedisError

from csx.serving import dependencies, invalidation
from csx.serving.invalidation import content_changed  # noqa: F401 (a receiver: csx/apps.py)
from csx.serving.versions import (  # noqa: F401 (what the site's other modules use)
    DONE_KEY,
    VERSION_KEY,
    Version,
    bump,
    current_version,
    last_change,
    next_visibility_change,
    private_version,
    token_key,
    tokens_now,
    tokens_read,
    version_cache,
)

logger = logging.getLogger(__name__)

PAGE_SECONDS = 600  # a page is kept this long after it was made
BROWSER_SECONDS = 60  # then browsers revalidate (ETag, Last-Modified)
SESSION_CHECK_SECONDS = 60  # how long a process trusts what it found of a session cookie
# A cache that cannot be reached costs readers speed, not pages: they get fresh ones.
CACHE_ERRORS = (RedisError, OSError)


@dataclass(frozen=True)
class Shown:
    """Something kept while each of the names it was drawn from still has the token it had
    then (`shown`): a stored page, or a value kept by `kept`."""

    shown: tuple  # ((name, token or None), …)

    def token_keys(self):
        return [token_key(name) for name, _ in self.shown]

    def unchanged(self, found):
        """Is every token it was drawn under still the one in `found` (a get_many)?"""
        return all(found.get(token_key(name)) == token for name, token in self.shown)


@dataclass(frozen=True)
class Page(Shown):
    """A stored response: what every anonymous reader of its address gets, while it is
    unchanged."""

    changed: float  # when it was drawn: its Last-Modified
    status: int
    headers: tuple
    content: bytes
    etag: str
    also: tuple = ()  # what its view does for every reader besides drawing it (also_when_cached)

    def response(self):
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        return response


@dataclass(frozen=True)
class Kept(Shown):
    value: object


def connect():
    invalidation.connect()


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


# Work done once per content version, not once per request: what a page's queries found
# (memo) and the fragments of templates that depend on nothing but content
# (`{% cache 600 name item.pk page_variant using="rendered" %}`). Both are as fresh as the
# version, so as fresh as the rows; both stay in each process's memory (settings.CACHES).

MISSING = object()
# What readers' searches found, per version and query: a small cache of its own
# (settings.CACHES), so that readers' many queries push out only other searches, never a
# page's fragments, and use none of the page cache's room for query strings (room_for).
SEARCHES = "searches"


def memo(request, key, compute, *, chosen_by_client=False, search=False):
    """compute(), done once for the content version `request` is served under. `key` is any
    text (it is hashed: a client's query may be long or hold control characters). A key
    `chosen_by_client` (an address's query string) is kept while its path has room
    (room_for), so no client can fill the cache; a `search`'s in the SEARCHES cache, and
    nowhere where the settings have none."""
    if search and SEARCHES not in settings.CACHES:
        return compute()
    version = request_version(request)
    kept_in = caches[SEARCHES if search else "rendered"]
    full_key = f"csx:memo:{version.token}:{hashlib.sha256(key.encode()).hexdigest()}"
    kept = kept_in.get(full_key, MISSING)
    if kept is not MISSING:
        value, shown = kept
        dependencies.note(shown)  # the page reusing it shows what it was found from
        return value
    with dependencies.recording() as recorder:
        value = compute()
    if not chosen_by_client or room_for(request, version):
        kept_in.set(full_key, (value, tuple(recorder.names)), PAGE_SECONDS)
    return value


def kept(request, key, compute, *, chosen_by_client=False):
    """compute(), kept in this process's memory while every name it read keeps its token
    (csx/serving/dependencies.py), as a stored page is: unlike a memo, a change that touches
    none of them (a story's text) does not send it off. For work that reads few names at a
    high price: every tag's published items counted. A key `chosen_by_client` is kept while
    its path has room, as a memo's (room_for)."""
    version = request_version(request)  # first: the clock may have made everything new
    full_key = f"csx:kept:{hashlib.sha256(key.encode()).hexdigest()}"
    entry = caches["rendered"].get(full_key)
    tokens = version_cache()
    if entry is not None:
        done = last_change(tokens, tokens.get_many([DONE_KEY]))
        if unchanged(entry, tokens, done):
            dependencies.note(name for name, _ in entry.shown)
            return entry.value
    with dependencies.recording() as recorder:
        value = compute()
    names = recorder.summary()
    # Tokens before the version, as store() reads them: a change committed meanwhile is
    # seen in one or the other, and the value is not kept under tokens older than it.
    found = tokens.get_many([*(token_key(name) for name in names), VERSION_KEY])
    now = found.get(VERSION_KEY)
    if now is not None and now.token == version.token:
        if chosen_by_client and not room_for(request, version):
            return value
        shown = tuple((name, found.get(token_key(name))) for name in names)
        caches["rendered"].set(full_key, Kept(shown, value), PAGE_SECONDS)
    return value


def page_variant(request):
    """What a fragment of a page may depend on besides its item: the content version, the
    address the page is seen at (absolute links), and the day (citations' access date)."""
    version = request_version(request).token
    return f"{version}:{request.scheme}://{request.get_host()}:{timezone.localdate()}"


# The middleware.


def page_key(request):
    """The page's key: scheme, host and full path (pages show their own full address), or
    None when the page is not kept: its query holds a parameter no page reads (anyone could
    fill the cache with `?a=1`, `?a=2`, …), or the host is not ours."""
    if not set(request.GET) <= settings.PAGE_CACHE_PARAMETERS:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # CommonMiddleware answers 400
    address = f"{request.scheme}://{host}{request.get_full_path()}"
    return f"csx:page:{hashlib.sha256(address.encode()).hexdigest()}"


def signed_in(request):
    """Does `request` carry the session of someone signed in? A stale or made-up session
    cookie does not cost a reader the cache: its session is looked up once a minute at most
    (in each process's memory), and a database that cannot answer means no."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    if not hasattr(request, "signed_in"):
        key = f"csx:session:{hashlib.sha256(session_key.encode()).hexdigest()}"
        request.signed_in = caches["rendered"].get(key)
        if request.signed_in is None:
            request.signed_in = session_of_someone(session_key)
            caches["rendered"].set(key, request.signed_in, SESSION_CHECK_SECONDS)
    return request.signed_in


def session_of_someone(session_key):
    from django.contrib.auth import SESSION_KEY, get_user_model

    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    try:
        user_id = session.get(SESSION_KEY)
        return user_id is not None and (
            get_user_model().objects.filter(pk=user_id, is_active=True).exists()
        )
    except (DatabaseError, ValueError):
        return False


def lookup(key):
    """(the current Version or None, the stored Page if it is still current, else None)."""
    pages, versions = caches["default"], version_cache()
    if pages is not versions:  # local memory: the tokens are in a folder of this machine
        found, page = versions.get_many([VERSION_KEY, DONE_KEY]), pages.get(key)
        current = page is not None and unchanged(page, versions, last_change(versions, found))
        return found.get(VERSION_KEY), page if current else None
    # One shared cache (Redis): each process also keeps a copy of the pages it served, so a
    # hit fetches only the small version and the last change's name (one round trip).
    copy = caches["rendered"].get(copy_key(key))
    if copy is not None:
        found = pages.get_many([VERSION_KEY, DONE_KEY])
        if unchanged(copy, pages, last_change(pages, found)):
            return found.get(VERSION_KEY), copy
        page = pages.get(key)  # another process may have drawn it
    else:
        found = pages.get_many([VERSION_KEY, DONE_KEY, key])
        page = found.get(key)
    if page is None or not unchanged(page, pages, last_change(pages, found)):
        return found.get(VERSION_KEY), None
    caches["rendered"].set(copy_key(key), page, PAGE_SECONDS)
    return found.get(VERSION_KEY), page


def unchanged(page, cache, done):
    """Is every token `page` was drawn under still current? Asked of what this process read
    since the last change (`done`) finished, and, when that says no, of `cache` itself."""
    keys = page.token_keys()
    return page.unchanged(tokens_now(cache, keys, done)) or page.unchanged(
        tokens_read(cache, keys, done)
    )


def copy_key(key):
    return f"{key}:copy"


def storable(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        and response.get("Vary", "") != "*"
    )


def for_everyone(response):
    """The response's headers without the ones that tie it to one visitor."""
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    vary = [v for v in vary if v.lower() != "cookie"]
    if vary:
        response.headers["Vary"] = ", ".join(vary)
    else:
        response.headers.pop("Vary", None)
    if "Cache-Control" not in response:
        patch_cache_control(response, max_age=BROWSER_SECONDS, must_revalidate=True)
    return response


def conditional(request, page):
    response = page.response()
    response.headers["ETag"] = page.etag
    response.headers["Last-Modified"] = http_date(page.changed)
    return get_conditional_response(
        request, etag=page.etag, last_modified=int(page.changed), response=response
    )


def store(key, version, recorder, response, started):
    """The page drawn under `version` from what `recorder` saw, stored; None when content
    changed while it was drawn (it is served, not kept). The tokens are read before the
    version, the reverse of a change's writes (csx/serving/versions.py)."""
    names = recorder.summary()
    found = version_cache().get_many([*(token_key(name) for name in names), VERSION_KEY])
    now = found.get(VERSION_KEY)
    if now is None or now.token != version.token:
        return None
    response = for_everyone(response)
    etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    headers = tuple((n, v) for n, v in response.headers.items() if n.lower() != "etag")
    also = getattr(response, "also_when_cached", ())
    shown = tuple((name, found.get(token_key(name))) for name in names)
    page = Page(shown, started, response.status_code, headers, response.content, etag, also)
    caches["default"].set(key, page, PAGE_SECONDS)
    if version_cache() is caches["default"]:
        caches["rendered"].set(copy_key(key), page, PAGE_SECONDS)  # lookup() serves it
    return page


def room_for(request, version):
    """May one more address of this path (another query string) be kept under `version`?
    The bare path always may; its variants up to PAGE_CACHE_VARIANTS, counted in the
    cache that holds the pages, so every process shares the count."""
    if not request.GET:
        return True
    path = hashlib.sha256(request.path.encode()).hexdigest()
    key = f"csx:variants:{version.token}:{path}"
    pages = caches["default"]
    pages.add(key, 0, PAGE_SECONDS)
    try:
        return pages.incr(key) <= settings.PAGE_CACHE_VARIANTS
    except ValueError:  # the count expired between the two calls: start again
        return True


def also_when_cached(response, action):
    """`response`, asking for `action()` to run again each time its page is served from the
    cache: what the view does for every reader besides drawing the page (counting a search).
    It is kept with the page, so it must pickle: a module-level function or a partial of one."""
    response.also_when_cached = (*getattr(response, "also_when_cached", ()), action)
    return response


def replay(request, page):
    for action in page.also:
        try:
            action()
        except DatabaseError:
            # The page is still worth serving; what is lost is logged.
            logger.exception("%s was served from the cache without %r.", request.path, action)


def hit(response):
    """Says the answer came from the cache (what `make bench-day` counts)."""
    response.headers["X-Page-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = None
        if settings.PAGE_CACHE and request.method in ("GET", "HEAD"):
            key = page_key(request)
        if key is None or signed_in(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:  # it may be someone's own
                patch_cache_control(response, private=True, no_cache=True)
            return response
        try:
            version, page = lookup(key)
            if version is None or not version.current:
                page = None  # an item's time came: everything starts afresh (bump)
            version = request.content_version = current_version(version)
        except CACHE_ERRORS:
            logger.exception("The page cache is unreachable: %s is served fresh.", request.path)
            return self.get_response(request)
        if page is not None:
            replay(request, page)
            return hit(conditional(request, page))
        started = time.time()
        with dependencies.recording() as recorder:
            response = self.get_response(request)
        if not storable(request, response):
            return response
        try:
            if not room_for(request, version):
                return response
            page = store(key, version, recorder, response, started)
        except CACHE_ERRORS:
            logger.exception("The page cache is unreachable: %s was not stored.", request.path)
            return response
        return response if page is None else conditional(request, page)
