"""Settings for the test suite: the production settings with fast, local parts."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production")

from csx.settings import *  # noqa: E402,F403

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test runs inside a transaction that never commits, so the content version (bumped on
# commit) would never move: pages, and what they keep per version, are fresh unless a test
# turns the caches on and commits (tests/csx/test_page_cache.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"},
    "rendered": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "searches": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "lti": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "lti"},
}
PAGE_CACHE = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Pictures uploaded by tests go to a folder of this process's own, never the project's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="csx-test-media-"))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"allow_overwrite": True},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# xAPI off whatever the environment says: the tests that send statements start their own LRS
# (tests/lrs/) and point the settings at it.
XAPI_ENDPOINT = ""
# Serve static files from the app folders, as while developing: no collectstatic in tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A test database is thrown away at the end: its commits (the migrations that make it,
    # the live server's and the transactional tests' writes) need not wait for the disk.
    DATABASES["default"]["OPTIONS"]["options"] += " -c synchronous_commit=off"  # noqa: F405
