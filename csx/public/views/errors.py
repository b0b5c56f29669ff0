"""When a page cannot be served: the database is away (503, not 500).

The error pages (templates/400.html, 404.html, 500.html, 503.html) need no database and never
read the request's host: they are what a request with a bad Host header gets.
"""

import sys

from django.shortcuts import render
from django.views import defaults

from csx.serving.database_away import DATABASE_AWAY

RETRY_AFTER_SECONDS = 30


def database_unavailable(request):
    response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """handler500: a database that is away answers 503 with Retry-After; a bug, 500."""
    if isinstance(sys.exc_info()[1], DATABASE_AWAY):
        return database_unavailable(request)
    return defaults.server_error(request)
