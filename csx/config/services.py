"""The other hosts the library talks to, each from the environment: a mail server, Redis for
background tasks, webhook receivers, the sites external links point to, a Learning Record
Store (xAPI)."""

import os

from django.core.exceptions import ImproperlyConfigured

from csx.config.caches import REDIS_URL
from csx.config.environment import DEBUG, env_flag, env_list

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

# Background tasks (csx/serving/tasks.py): Django's tasks framework, in this database by default
# (`manage.py worker` runs them), on Redis through RQ when REDIS_URL is set; a task queued
# while Redis is away waits in this database ("fallback": csx/serving/task_backend.py).
if REDIS_URL and env_flag("CSX_TASKS_ON_REDIS", True):
    task_apps = ["django_rq", "django_tasks_rq"]  # csx/settings.py installs them
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
    task_apps = []
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Webhooks (csx/api/webhooks.py) to addresses on this machine or a private network are
# refused unless allowed (tests, a receiver beside the library).
WEBHOOKS_ALLOW_PRIVATE = env_flag("CSX_WEBHOOKS_ALLOW_PRIVATE")
WEBHOOK_ATTEMPTS = 8  # the first try, then retries after 10 s, 20 s, 40 s … (about 21 min)
WEBHOOK_TIMEOUT = 10  # seconds a receiver has to answer
# External links (csx/editorial/link_checks.py): seconds between two requests to one host,
# and how long to wait for an answer.
LINK_CHECK_INTERVAL = float(os.environ.get("CSX_LINK_CHECK_INTERVAL", "2"))
LINK_CHECK_TIMEOUT = float(os.environ.get("CSX_LINK_CHECK_TIMEOUT", "10"))
# xAPI (csx/xapi): statements of what learners do, sent to a Learning Record Store by the
# worker; off (nothing recorded) while CSX_XAPI_ENDPOINT is unset. The actor is the learner as
# an account on SITE_URL ("account") or their email ("mbox").
XAPI_ENDPOINT = os.environ.get("CSX_XAPI_ENDPOINT", "")
XAPI_USERNAME = os.environ.get("CSX_XAPI_USERNAME", "")
XAPI_PASSWORD = os.environ.get("CSX_XAPI_PASSWORD", "")
XAPI_ACTOR = os.environ.get("CSX_XAPI_ACTOR", "account")
if XAPI_ACTOR not in ("account", "mbox"):
    raise ImproperlyConfigured("CSX_XAPI_ACTOR is account or mbox.")
XAPI_TIMEOUT = float(os.environ.get("CSX_XAPI_TIMEOUT", "10"))  # seconds the LRS has to answer
