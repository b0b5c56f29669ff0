"""Settings for CSX Library, read from the environment.

Safe defaults: DEBUG is off unless asked for, and with DEBUG off the site refuses to start
without a real secret key. Without DATABASE_URL the library runs on SQLite in the project
folder (the embedded default).
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string to run with "
            "DEBUG off (production), or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-development-only"  # noqa: S105 - only ever with DEBUG on

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # The admin with the editors' dashboard as its index (csx/editorial/admin/site.py).
    "csx.editorial.admin.config.LibraryAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "taggit",
    "reversion",
    "adminsortable2",
    "csp",
    "axes",
    "csx",
    "stories",
    "principles",
    "csx.paths",
    "csx.feedback",
]

MIDDLEWARE = [
    # Security headers first, so static files (served by whitenoise, next) carry them too.
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csx.serving.http.MethodsMiddleware",
    # Before anything reads the query string or the form (CSRF, the views).
    "csx.serving.http.BodyMiddleware",
    # Before the page cache: a change approved for later takes effect before any page is
    # served, cached or not (csx/editorial/scheduled.py).
    "csx.editorial.scheduled.ScheduledChanges",
    # Outside the page cache: a framed read of a page gets a page that may be framed
    # (csx/public/framed.py), whether the page came from the cache or not.
    "csx.public.framed.FramedPagesMiddleware",
    # Before sessions, CSRF and auth: a cached page is served without any of them.
    "csx.serving.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "csx.urls"
WSGI_APPLICATION = "csx.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The editors' admin templates beside their code, before Django's own admin's (which
        # they override: base_site.html); the site's pages; then each app's templates/.
        "DIRS": [BASE_DIR / "csx" / "editorial" / "templates", BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csx.public.context_processors.navigation",
                "csx.public.context_processors.page_variant",
                "csx.public.context_processors.page_address_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        # A kept connection is checked before each request reuses it, so a database
        # restart costs readers no error (csx/public/views/errors.py answers 503 while it is away).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every search is counted (csx/search/log.py), so readers write: with SQLite's write-ahead
    # log, readers never wait for a writer, and a commit waits for no disk flush (a crash can
    # lose the last counts, never corrupt the file).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Typo tolerance in csx/search: pg_trgm's % operator (GIN-indexed) matches from this
    # similarity up; 0.25 rather than the default 0.3 lets a swapped pair of letters
    # ("sahred") still find its word.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c pg_trgm.similarity_threshold=0.25"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# The one date format and date-time format, for templates and code alike.
FORMAT_MODULE_PATH = ["csx.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The image library's files (csx/media): local disk by default; an S3-compatible bucket when
# CSX_S3_BUCKET is set, so that several app servers share them. Names are derived from the
# files' content, so writing one again rewrites the same bytes (allow_overwrite).
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
IMAGE_MAX_BYTES = int(os.environ.get("CSX_IMAGE_MAX_MB", "10")) * 1024 * 1024
S3_BUCKET = os.environ.get("CSX_S3_BUCKET", "")
MEDIA_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"allow_overwrite": True},
}
if S3_BUCKET:
    from botocore.config import Config

    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("CSX_S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("CSX_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("CSX_S3_SECRET_ACCESS_KEY") or None,
            "region_name": os.environ.get("CSX_S3_REGION") or None,
            "location": os.environ.get("CSX_S3_PREFIX", ""),
            "default_acl": None,
            "querystring_auth": False,
            # A store that is away must not hold an editor's upload (or a picture's request)
            # for long: one quick try, and the form says so (csx/media/library.py).
            "client_config": Config(
                connect_timeout=2, read_timeout=10, retries={"max_attempts": 1}
            ),
        },
    }
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        # Hashed, compressed files in production; plain files while developing, so that
        # `make run` needs no collectstatic.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

TAGGIT_CASE_INSENSITIVE = True
# One spelling per tag, whoever types it: lower case, single spaces, commas between
# (csx/content/tags.py).
TAGGIT_TAGS_FROM_STRING = "csx.content.tags.parse_tags"
TAGGIT_STRING_FROM_TAGS = "csx.content.tags.join_tags"

# Reader feedback (csx/feedback). Its rate limits count in the "ratelimit" cache (below).
# Personal data is forgotten this many days on (csx/editorial/retention.py; manage.py
# purge_personal_data, daily): a shared story's name and email, a feedback comment, a search
# log row (keep at least the 30 days search reports read), django-axes' sign-in records.
SUBMISSION_RETENTION_DAYS = int(os.environ.get("CSX_SUBMISSION_RETENTION_DAYS", "90"))
FEEDBACK_RETENTION_DAYS = int(os.environ.get("CSX_FEEDBACK_RETENTION_DAYS", "365"))
SEARCH_LOG_RETENTION_DAYS = int(os.environ.get("CSX_SEARCH_LOG_RETENTION_DAYS", "90"))
ACCESS_LOG_RETENTION_DAYS = int(os.environ.get("CSX_ACCESS_LOG_RETENTION_DAYS", "30"))
# A learner who neither signs in nor marks a step for this long loses their progress.
LEARNING_RETENTION_DAYS = int(os.environ.get("CSX_LEARNING_RETENTION_DAYS", "365"))
# Searches are counted in a buffer (Redis with REDIS_URL, else each process's memory) and
# written to the search log in one batch once this many wait or the oldest is this old
# (csx/search/log.py): a search, cached or not, writes nothing itself.
SEARCH_COUNTS_FLUSH_AT = int(os.environ.get("CSX_SEARCH_COUNTS_FLUSH_AT", "200"))
SEARCH_COUNTS_FLUSH_SECONDS = float(os.environ.get("CSX_SEARCH_COUNTS_FLUSH_SECONDS", "60"))
SEARCH_COUNTS_PREFIX = os.environ.get("CSX_SEARCH_COUNTS_PREFIX", "csx-search-counts")

# Production hardening, each switchable for a deployment that terminates TLS elsewhere.
# Behind a proxy that terminates TLS (README, "Running behind TLS") the proxy says which
# scheme the reader used; without DJANGO_BEHIND_PROXY=1 nobody may claim it.
BEHIND_PROXY = env_flag("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is a promise to browsers that is slow to take back: only when asked for.
SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Everything comes from this site; only the /embed/ cards may be framed (they replace
# frame-ancestors and drop X-Frame-Options themselves).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Email: review reminders (manage.py send_review_reminders). Printed to the console while
# developing; in production, SMTP from the environment.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("DJANGO_EMAIL_USE_TLS")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "CSX Library <csx@localhost>")
# Told about items due for review that nobody owns: comma-separated addresses.
MANAGERS = [(email, email) for email in env_list("DJANGO_MANAGERS", [])]
# The address emails link to (they have no request to take it from).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The browser features no page of the library uses, refused outright (full screen is the
# library's own, for presenting).
PERMISSIONS_POLICY = {
    "fullscreen": ["self"],
    **{
        feature: []
        for feature in [
            "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
            "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment",
            "publickey-credentials-get", "screen-wake-lock", "usb", "xr-spatial-tracking",
        ]
    },
}  # fmt: skip

# Caches (csx/serving/cache.py). REDIS_URL: pages in Django's Redis cache (with one client per
# process, csx/serving/cache_backend.py), shared by every app server. Without it, in local memory,
# which is each process's own; the content version, which every process serving or
# changing content must agree on, then lives in a folder they share. What a page's queries
# found and its fragments, kept per content version, stay in each process's memory
# ("rendered"): cheaper to redo than to fetch.
#
# What is counted per client (readers' rate limits, the API's, the share form's used
# stamps) lives in "ratelimit": in Redis, shared by every app server; without Redis, and
# while Redis cannot be reached, in "counts", SQLite files in DJANGO_CACHE_DIR that every
# process of this machine shares (diskcache: add and incr are atomic across processes).
# A Redis that does not answer costs one short timeout, then is left alone for a few
# seconds at a time (csx/serving/outages.py): pages are drawn fresh meanwhile, never an error.
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
    "OPTIONS": {"MAX_ENTRIES": 2000},
    "VERSION": PICKLES,
}
# Reader feedback's rate limits (csx/feedback) count in "ratelimit" (above), per client
# (csx/serving/client_address.py). Behind a proxy (DJANGO_BEHIND_PROXY), the client is the address
# the DJANGO_PROXY_HOPS'th proxy from the app server reports (1: one proxy).
RATELIMIT_USE_CACHE = "ratelimit"
PROXY_HOPS = max(1, int(os.environ.get("DJANGO_PROXY_HOPS", "1")))
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
# Addresses per sitemap file (csx/public/sitemaps.py); the protocol allows 50,000. A file's
# time is its addresses' (Django's sitemap builds and renders each: 1,000 took 0.6 s of
# Python at load 10), so files are small: 200 for 50,000 stories (docs/performance.md).
SITEMAP_URLS_PER_FILE = int(os.environ.get("CSX_SITEMAP_URLS_PER_FILE", "250"))
PAGE_CACHE_VARIANTS = int(os.environ.get("DJANGO_PAGE_CACHE_VARIANTS", "200"))

# Admin sign-in: django-axes locks a user name, and separately a client address, out after
# repeated failures (README, "Editors locked out"), counted in the database every app server
# shares. Behind a proxy the client's address is the one the proxy appended to
# X-Forwarded-For (csx/serving/client_address.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("DJANGO_SIGNIN_LOCKOUT_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_LOCKOUT_CALLABLE = "csx.editorial.admin.signin.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "csx.serving.client_address.client_address"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"database_away_once": {"()": "csx.serving.database_away.DatabaseAwayOnce"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # django-axes announces itself on every start, manage.py commands included.
        "axes.apps": {"level": "WARNING"},
        # A database outage: one traceback a minute, not one per request.
        "django.request": {"filters": ["database_away_once"]},
    },
}

# The JSON API at /api/v1/ (csx/api): Django REST framework, its OpenAPI 3.1 schema and docs
# by drf-spectacular (the docs' files from its sidecar: nothing from a CDN), CORS for reading
# it from other sites' pages (django-cors-headers, /api/ only), and rate limits per client
# counted in the "ratelimit" cache, as the readers' feedback is.
INSTALLED_APPS += [
    "rest_framework", "drf_spectacular", "drf_spectacular_sidecar", "corsheaders",
    "django_tasks", "django_tasks_db", "csx.api",
]  # fmt: skip
# Before the methods the site speaks (csx/serving/http.py): a browser's preflight (OPTIONS) is
# answered for /api/ and nowhere else.
MIDDLEWARE.insert(
    MIDDLEWARE.index("csx.serving.http.MethodsMiddleware"), "corsheaders.middleware.CorsMiddleware"
)
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Location"]
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["csx.api.tokens.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["csx.api.throttles.ClientThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "client": os.environ.get("CSX_API_RATE", "600/minute"),
        "write": os.environ.get("CSX_API_WRITE_RATE", "60/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "csx.api.pagination.Cursor",
    "PAGE_SIZE": 20,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CSX Library API",
    "DESCRIPTION": "Customer-service stories, principles and the evidence behind them.",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "StoryKindEnum": "stories.models.Kind",
        "ResourceKindEnum": "principles.models.ResourceKind",
        "SourceKindEnum": "csx.models.sources.SourceKind",
    },
}
# Background tasks (csx/serving/tasks.py): Django's tasks framework, in this database by default
# (`manage.py worker` runs them), on Redis through RQ when REDIS_URL is set; a task queued
# while Redis is away waits in this database ("fallback": csx/serving/task_backend.py).
if REDIS_URL and env_flag("CSX_TASKS_ON_REDIS", True):
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {
        "default": {
            "BACKEND": "csx.serving.task_backend.RQBackendWithFallback",
            "QUEUES": ["default"],
            "FALLBACK": "fallback",
        },
        "fallback": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    }
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Webhooks (csx/api/webhooks.py) to addresses on this machine or a private network are
# refused unless allowed (tests, a receiver beside the library).
WEBHOOKS_ALLOW_PRIVATE = env_flag("CSX_WEBHOOKS_ALLOW_PRIVATE")
# External links (csx/editorial/link_checks.py): seconds between two requests to one host,
# and how long to wait for an answer.
LINK_CHECK_INTERVAL = float(os.environ.get("CSX_LINK_CHECK_INTERVAL", "2"))
LINK_CHECK_TIMEOUT = float(os.environ.get("CSX_LINK_CHECK_TIMEOUT", "10"))
# xAPI (csx/xapi): statements of what learners do, sent to a Learning Record Store by the
# worker; off (nothing recorded) while CSX_XAPI_ENDPOINT is unset. The actor is the learner as
# an account on SITE_URL ("account") or their email ("mbox").
INSTALLED_APPS += ["csx.xapi"]
XAPI_ENDPOINT = os.environ.get("CSX_XAPI_ENDPOINT", "")
XAPI_USERNAME = os.environ.get("CSX_XAPI_USERNAME", "")
XAPI_PASSWORD = os.environ.get("CSX_XAPI_PASSWORD", "")
XAPI_ACTOR = os.environ.get("CSX_XAPI_ACTOR", "account")
if XAPI_ACTOR not in ("account", "mbox"):
    raise ImproperlyConfigured("CSX_XAPI_ACTOR is account or mbox.")
XAPI_TIMEOUT = float(os.environ.get("CSX_XAPI_TIMEOUT", "10"))  # seconds the LRS has to answer
WEBHOOK_ATTEMPTS = 8  # the first try, then retries after 10 s, 20 s, 40 s … (about 21 min)
WEBHOOK_TIMEOUT = 10  # seconds a receiver has to answer

# Issue 28's smaller findings, in one block.
# A load balancer checks /healthz over plain http: it is answered there, never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# The Content-Security-Policy on every answer: a second CSPMiddleware, outermost, gives one
# to what the inner one never sees: static files (whitenoise answers before it) and the error
# pages answered by the middleware in between (a bad Host header, an unreadable body, the
# database away). It adds none where the inner one did: the /embed/ cards keep theirs, and
# so do cached pages, kept with the header the inner one gave them.
MIDDLEWARE.insert(0, "csp.middleware.CSPMiddleware")

# Staff sign-in: an authenticator code (TOTP, django-otp) besides the password, asked of
# anyone with a confirmed device (csx/editorial/admin/signin.py), and of every staff member when
# CSX_STAFF_OTP_REQUIRED is on. A staff session lasts a working day.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
CSX_STAFF_OTP_REQUIRED = env_flag("CSX_STAFF_OTP_REQUIRED")
OTP_TOTP_ISSUER = "CSX Library"
# The admin lists, confirms and deletes authenticators; it never shows a key again (the QR
# code it would offer needs a package the library leaves out): add_totp_device gives one.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
SESSION_COOKIE_AGE = 10 * 60 * 60

# Learning (csx/learning): trainers' cohorts, learners invited by a signed link good for this
# many days, each learner's progress. Learners and trainers sign in on the site's own pages,
# never the admin's.
INSTALLED_APPS += ["csx.learning"]
LOGIN_URL = "learning:sign_in"
LOGIN_REDIRECT_URL = "learning:my_learning"
LOGOUT_REDIRECT_URL = "home"
LEARNING_INVITATION_DAYS = int(os.environ.get("CSX_LEARNING_INVITATION_DAYS", "14"))

# Learners' single sign-on through OpenID Connect (csx/learning/sso.py, mozilla-django-oidc):
# off unless the issuer and client id are set. No open sign-up: only invited addresses and
# learners' accounts come in, and new learners at the domains listed here.
LEARNING_OIDC_ISSUER = os.environ.get("CSX_OIDC_ISSUER", "").rstrip("/")
LEARNING_OIDC_NAME = os.environ.get("CSX_OIDC_NAME", "single sign-on")
LEARNING_OIDC_LEARNER_DOMAINS = [d.lower() for d in env_list("CSX_OIDC_LEARNER_DOMAINS", [])]
OIDC_RP_CLIENT_ID = os.environ.get("CSX_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("CSX_OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("CSX_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "learning:sso_callback"
AUTHENTICATION_BACKENDS += ["csx.learning.sso.LearnerBackend"]
AXES_WHITELIST_CALLABLE = "csx.learning.sso.not_a_password"

# LTI 1.3 (csx/lti): the library as a tool inside an LMS. Platforms are registered in the
# admin (pylti1p3's tables, lti1p3_tool_config). A learner launched from the LMS may be framed
# by that platform's origins (csx/lti/framing.py), innermost so that it sees the page's own
# answer. Inside an LMS's iframe a browser sends the session cookie only when it is
# SameSite=None (and Secure, so https): CSX_LTI_IN_FRAMES=1 in production (docs/lms.md).
INSTALLED_APPS += ["csx.lti.apps.ToolConfigConfig", "csx.lti"]
MIDDLEWARE.append("csx.lti.framing.PlatformFramesMiddleware")
if env_flag("CSX_LTI_IN_FRAMES"):
    SESSION_COOKIE_SAMESITE = "None"
    CSRF_COOKIE_SAMESITE = "None"
