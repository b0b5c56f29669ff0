"""The caches (csx/serving/cache.py, csx/serving/cache_backend.py) and the page cache.

REDIS_URL: pages in Django's Redis cache (with one client per process,
csx/serving/cache_backend.py), shared by every app server. Without it, in local memory, which
is each process's own; the content version, which every process serving or changing content
must agree on, then lives in a folder they share. What a page's queries found and its
fragments, kept per content version, stay in each process's memory ("rendered"): cheaper to
redo than to fetch.

What is counted per client (readers' rate limits, the API's, the share form's used stamps)
lives in "ratelimit": in Redis, shared by every app server; without Redis, and while Redis
cannot be reached, in "counts", SQLite files in DJANGO_CACHE_DIR that every process of this
machine shares (diskcache: add and incr are atomic across processes). A Redis that does not
answer costs one short timeout, then is left alone for a few seconds at a time
(csx/serving/outages.py): pages are drawn fresh meanwhile, never an error.
"""

import os
from pathlib import Path

from csx.config.environment import BASE_DIR, DEBUG, env_flag

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_DIR = Path(os.environ.get("DJANGO_CACHE_DIR", str(BASE_DIR / ".cache")))
COUNTS = {
    "BACKEND": "diskcache.DjangoCache",
    "LOCATION": str(CACHE_DIR / "counts"),
    "SHARDS": 4,
    "DATABASE_TIMEOUT": 1.0,  # seconds a writer waits for another (its default, 10 ms, gives up)
}
if REDIS_URL:
    REDIS_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1}
    CACHES = {
        "default": {
            "BACKEND": "csx.serving.cache_backend.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "csx"),
            "OPTIONS": REDIS_OPTIONS,
        },
        "ratelimit": {
            "BACKEND": "csx.serving.cache_backend.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "csx-ratelimit",
            "OPTIONS": REDIS_OPTIONS,
            "FALLBACK": "counts",
        },
        "counts": COUNTS,
        "lti": {
            "BACKEND": "csx.serving.cache_backend.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "csx-lti",
            "OPTIONS": REDIS_OPTIONS,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "content_version": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR),
        },
        "ratelimit": COUNTS,
        "lti": {**COUNTS, "LOCATION": str(CACHE_DIR / "lti")},
    }
# "lti": an LTI launch's state between /lti/login/ and /lti/launch/, and the launch the link
# picker reads back (csx/lti/platforms.py). Those requests may reach different processes, so
# it is a cache they all share: Redis, else files every process of this machine shares (not
# "default", which is each process's own memory). Several machines need REDIS_URL.
# Entries are pickles naming the classes they hold (csx.serving.cache.Version and others):
# once code moves, an older entry could not be read back. Each move of such a class bumps
# PICKLES, so entries written by the code before it are never asked for.
# 2: csx/ in layers (the page cache's module moved under csx/serving/); 3: a stored Page
# keeps the tokens it was drawn under (csx/serving/dependencies.py), not a version.
PICKLES = 3
for cache_settings in CACHES.values():
    cache_settings["VERSION"] = PICKLES
CACHES["rendered"] = {
    # While developing, a template just edited shows at once: nothing drawn is kept.
    "BACKEND": "django.core.cache.backends.dummy.DummyCache"
    if DEBUG
    else "csx.serving.cache_backend.RenderedCache",
    "LOCATION": "rendered",
    # Fragments in at most 3 MB, compressed (each web worker holds its own): the seed's every
    # story and principle, and a page of every other type, keep 0.6 MB (2.1 MB of HTML).
    "OPTIONS": {"MAX_ENTRIES": 2000, "FRAGMENT_BYTES": 3 * 2**20},
    "VERSION": PICKLES,
}
# What readers' searches found, per content version and query (csx/serving/reuse.py, memo):
# apart from "rendered" and small, so a client sending query after query evicts only searches.
CACHES["searches"] = {**CACHES["rendered"], "LOCATION": "searches", "OPTIONS": {"MAX_ENTRIES": 300}}
# Reader feedback's rate limits (csx/feedback) count in "ratelimit" (above), per client
# (csx/serving/client_address.py; behind a proxy: csx/config/security.py's PROXY_HOPS).
RATELIMIT_USE_CACHE = "ratelimit"
# Anonymous pages from the cache (csx/serving/cache.py); 0 turns it off for benchmarks and
# debugging. Off while developing (DEBUG), for the same reason.
PAGE_CACHE = env_flag("DJANGO_PAGE_CACHE", not DEBUG)
# The query parameters pages read: a page whose address holds any other is drawn, not kept
# (a test checks every filter is here). Each kept address also counts toward a cap of
# stored variants per path and content version (csx/serving/cache.py), so `?q=` cannot fill it.
# ("p" is a sitemap file's page: Django's name for it.)
PAGE_CACHE_PARAMETERS = frozenset(
    ["page", "q", "kind", "type", "outcome", "principle", "company", "tag", "channel",
     "feedback", "theme", "url", "format", "maxwidth", "maxheight", "minutes", "p"]
)  # fmt: skip
PAGE_CACHE_VARIANTS = int(os.environ.get("DJANGO_PAGE_CACHE_VARIANTS", "200"))
