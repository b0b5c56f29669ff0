"""gunicorn's settings for CSX Library, read by `gunicorn csx.wsgi` run from the project folder.

Any of them can be changed on the command line (`gunicorn csx.wsgi --workers 3`) or in
GUNICORN_CMD_ARGS. README, "Beyond one machine", says how these fit a deployment.
"""

import multiprocessing
import os

# Loopback: a proxy (nginx, a load balancer) in front terminates TLS and forwards here.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Two per core plus one, gunicorn's own advice for sync workers waiting on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))

# A request that takes longer than this is stuck: its worker is replaced.
timeout = 30
graceful_timeout = 30
# Longer than a load balancer's idle timeout is pointless; shorter costs reconnections.
keepalive = 5

# Replace each worker after this many requests (jittered, so not all at once): whatever a
# long-lived process accumulates is given back. A safety net, not a cure: `make bench-soak`
# runs with it off (--max-requests 0), so that growth shows instead of being recycled away,
# and fails when a worker grows more than 10% (docs/performance.md, "A soak").
max_requests = 5000
max_requests_jitter = 500

# Load Django once, before forking: workers share its memory and start faster.
preload_app = True


def when_ready(server):
    """Everything the workers would each load at their first requests (the search's model,
    the spelling list, the views, the templates) loaded once here in the master, after
    Django and before the fork, so that the workers share it (csx/serving/preload.py).
    No database is touched."""
    from csx.serving import preload

    preload.before_fork()


def post_request(worker, req, environ, resp):
    """Every TRIM_EVERY requests, the worker gives back the free pages of its heap
    (csx/serving/preload.py): freed by requests, they would stay counted as its own."""
    from csx.serving import preload

    if worker.nr % preload.TRIM_EVERY == 0:
        preload.give_back_freed_memory()


# One line per request on stdout, with the time it took (microseconds).
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)sus "%(a)s"'

# Whether the reader used https is Django's to decide (DJANGO_BEHIND_PROXY), not gunicorn's.
secure_scheme_headers = {}
