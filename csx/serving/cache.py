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
when there is one (a folder every local process shares), else next to the pages; with
Redis, each process keeps copies of the pages it served in "rendered", its own memory (see
lookup()), beside what pages reuse (csx/serving/reuse.py).

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
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from csx.serving import dependencies, invalidation
from csx.serving.invalidation import content_changed  # noqa: F401 (a receiver: csx/apps.py)
from csx.serving.reuse import response_of, room_for
from csx.serving.versions import (  # noqa: F401 (what the site's other modules use)
    CACHE_ERRORS,
    DONE_KEY,
    PAGE_SECONDS,
    VERSION_KEY,
    Shown,
    Version,
    bump,
    current_version,
    last_change,
    next_visibility_change,
    private_version,
    shown_under,
    token_key,
    unchanged,
    version_cache,
)

logger = logging.getLogger(__name__)

BROWSER_SECONDS = 60  # then browsers revalidate (ETag, Last-Modified)
SESSION_CHECK_SECONDS = 60  # how long a process trusts what it found of a session cookie


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
        return response_of(self.status, self.headers, self.content)


def connect():
    invalidation.connect()


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
    shown = shown_under(recorder.summary(), version, version_cache())
    if shown is None:
        return None
    response = for_everyone(response)
    etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    headers = tuple((n, v) for n, v in response.headers.items() if n.lower() != "etag")
    also = getattr(response, "also_when_cached", ())
    page = Page(shown, started, response.status_code, headers, response.content, etag, also)
    caches["default"].set(key, page, PAGE_SECONDS)
    if version_cache() is caches["default"]:
        caches["rendered"].set(copy_key(key), page, PAGE_SECONDS)  # lookup() serves it
    return page


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
