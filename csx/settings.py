"""Settings for CSX Library, read from the environment (DJANGO_SETTINGS_MODULE=csx.settings).

Safe defaults: DEBUG is off unless asked for, and with DEBUG off the site refuses to start
without a real secret key. Without DATABASE_URL the library runs on SQLite in the project
folder (the embedded default).

Here: the apps, the middleware in order, templates, the database, and the library's own
knobs. Each other concern is a module of csx/config/ (its __init__ lists them), imported
whole.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from csx.config.api import *  # noqa: F403
from csx.config.caches import *  # noqa: F403
from csx.config.environment import BASE_DIR, DEBUG, env_list
from csx.config.logs import *  # noqa: F403
from csx.config.security import *  # noqa: F403
from csx.config.services import *  # noqa: F403
from csx.config.services import task_apps
from csx.config.signin import *  # noqa: F403
from csx.config.storage import *  # noqa: F403

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
    # The JSON API (csx/config/api.py) and background tasks (csx/config/services.py).
    "rest_framework", "drf_spectacular", "drf_spectacular_sidecar", "corsheaders",
    "django_tasks", "django_tasks_db", "csx.api",
    *task_apps,
    "csx.xapi",
    # Staff sign-in's authenticator codes (csx/config/signin.py).
    "django_otp", "django_otp.plugins.otp_totp",
    "csx.learning",
    "csx.lti.apps.ToolConfigConfig", "csx.lti",
]  # fmt: skip

MIDDLEWARE = [
    # The Content-Security-Policy on every answer: this CSPMiddleware, outermost, gives one
    # to what the inner one (below) never sees: static files (whitenoise answers before it) and
    # the error pages answered by the middleware in between (a bad Host header, an unreadable
    # body, the database away). It adds none where the inner one did: the /embed/ cards keep
    # theirs, and so do cached pages, kept with the header the inner one gave them.
    "csp.middleware.CSPMiddleware",
    # Security headers first, so static files (served by whitenoise, next) carry them too.
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the methods the site speaks (csx/serving/http.py): a browser's preflight
    # (OPTIONS) is answered for /api/ and nowhere else.
    "corsheaders.middleware.CorsMiddleware",
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
    # Once the user is known: whether they gave their authenticator code (csx/config/signin.py).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Innermost, so that it sees the page's own answer: a learner launched from an LMS may be
    # framed by that platform's origins (csx/lti/framing.py).
    "csx.lti.framing.PlatformFramesMiddleware",
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

TAGGIT_CASE_INSENSITIVE = True
# One spelling per tag, whoever types it: lower case, single spaces, commas between
# (csx/content/tags.py).
TAGGIT_TAGS_FROM_STRING = "csx.content.tags.parse_tags"
TAGGIT_STRING_FROM_TAGS = "csx.content.tags.join_tags"

# Reader feedback (csx/feedback). Its rate limits count in the "ratelimit" cache
# (csx/config/caches.py).
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
# Addresses per sitemap file (csx/public/sitemaps.py); the protocol allows 50,000. A file's
# time is its addresses' (Django's sitemap builds and renders each: 1,000 took 0.6 s of
# Python at load 10), so files are small: 200 for 50,000 stories (docs/performance.md).
SITEMAP_URLS_PER_FILE = int(os.environ.get("CSX_SITEMAP_URLS_PER_FILE", "250"))
