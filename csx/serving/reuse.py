"""Work a page reuses instead of doing it again, kept in each process's memory ("rendered" in
settings.CACHES) or, for readers' searches, a small cache of their own:

- once per content version (`memo`): what a page's queries found, the fragments of templates
  that depend on nothing but content (`{% cache 600 name item.pk page_variant
  using="rendered" %}`), and whole answers for machines' files (`kept_whole`: the feed, the
  sitemaps). As fresh as the version, so as fresh as the rows.
- while every name it read keeps its token (`while_unchanged`), as a stored page is
  (csx/serving/cache.py): counts that read few names at a high price.

An address's query string is the client's to choose, so what is kept per query string is
kept while its path has room (`room_for`): no client can fill a cache.
"""

import hashlib
import logging
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone

from csx.serving import dependencies
from csx.serving.versions import (
    CACHE_ERRORS,
    DONE_KEY,
    PAGE_SECONDS,
    Shown,
    last_change,
    request_version,
    shown_under,
    unchanged,
    version_cache,
)

logger = logging.getLogger(__name__)

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
    found = kept_in.get(full_key, MISSING)
    if found is not MISSING:
        value, shown = found
        dependencies.note(shown)  # the page reusing it shows what it was found from
        return value
    with dependencies.recording() as recorder:
        value = compute()
    if not chosen_by_client or room_for(request, version):
        kept_in.set(full_key, (value, tuple(recorder.names)), PAGE_SECONDS)
    return value


@dataclass(frozen=True)
class Kept(Shown):
    """A value `while_unchanged` keeps, with the tokens of what it read."""

    value: object


def while_unchanged(request, key, compute, *, chosen_by_client=False):
    """compute(), kept in this process's memory while every name it read keeps its token
    (csx/serving/dependencies.py), as a stored page is: unlike a memo, a change that touches
    none of them (a story's text) does not send it off. For work that reads few names at a
    high price: every tag's published items counted. A key `chosen_by_client` is kept while
    its path has room, as a memo's (room_for). When the tokens cannot be read, computed."""
    version = request_version(request)  # first: the clock may have made everything new
    full_key = f"csx:kept:{hashlib.sha256(key.encode()).hexdigest()}"
    entry = caches["rendered"].get(full_key)
    try:
        tokens = version_cache()
        if entry is not None:
            done = last_change(tokens, tokens.get_many([DONE_KEY]))
            if unchanged(entry, tokens, done):
                dependencies.note(name for name, _ in entry.shown)
                return entry.value
    except CACHE_ERRORS:
        logger.exception("The tokens are unreachable: %r is computed afresh.", key)
        return compute()
    with dependencies.recording() as recorder:
        value = compute()
    try:
        shown = shown_under(recorder.summary(), version, tokens)
        if shown is None or (chosen_by_client and not room_for(request, version)):
            return value
    except CACHE_ERRORS:
        logger.exception("The tokens are unreachable: %r is not kept.", key)
        return value
    caches["rendered"].set(full_key, Kept(shown, value), PAGE_SECONDS)
    return value


def page_variant(request):
    """What a fragment of a page may depend on besides its item: the content version, the
    address the page is seen at (absolute links), and the day (citations' access date)."""
    version = request_version(request).token
    return f"{version}:{request.scheme}://{request.get_host()}:{timezone.localdate()}"


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


def kept_whole(view):
    """`view`, drawn once per content version, host and full path (a query string is kept
    while its path has room, room_for). Wrap it inside require_safe: only GET and HEAD."""

    @wraps(view)
    def whole(request, *args, **kwargs):
        def draw():
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):  # a TemplateResponse (the sitemaps)
                response.render()
            return response.status_code, tuple(response.items()), response.content

        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        kept = memo(request, f"whole:{address}", draw, chosen_by_client=bool(request.GET))
        return response_of(*kept)

    return whole


def response_of(status, headers, content):
    """A response made again from what was kept of it: status, (name, value) headers, body."""
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response
