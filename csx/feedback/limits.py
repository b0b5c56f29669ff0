"""How often one client may send: django-ratelimit counts in the cache alias "ratelimit"
(shared by every process: Redis in production, else files this machine shares; see
settings.CACHES), keyed on a hash of the client's address (csx/serving/client_address.py: behind a
proxy, the address the proxy reports) for the length of the window. Nothing is written to
the database.
"""

import math

from django.shortcuts import render
from django_ratelimit.core import get_usage

from csx.serving.client_address import client_key

RATES = {
    "share": "5/h",  # stories: a reader rarely has more than one to tell
    "feedback": "60/h",  # answers and comments, across every page
}


def retry_after(request, group):
    """Count one more use; None if within the limit, else the seconds until the next try."""
    usage = get_usage(
        request, group=f"csx.feedback.{group}", key=client_key, rate=RATES[group], increment=True
    )
    if usage is None or not usage["should_limit"]:
        return None
    return max(1, usage["time_left"])


def too_many(request, template, context, seconds):
    """429 Too Many Requests: the page says when to try again, and so does Retry-After."""
    minutes = math.ceil(seconds / 60)
    context = {**context, "retry_minutes": minutes, "retry_seconds": seconds}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(seconds)
    return response
