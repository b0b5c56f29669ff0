"""Where log lines go: the console, at DJANGO_LOG_LEVEL."""

import os

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
