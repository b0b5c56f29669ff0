"""The test settings with the caches production has (csx/config/caches.py, from REDIS_URL), and
the page cache on: for gunicorn started by tests/served.py."""

# ruff: noqa: I001 - the test settings first: they give the secret key production asks for.
from tests.settings import *  # noqa: F403
from csx import settings as production

CACHES = production.CACHES
PAGE_CACHE = True
