"""Sending the outbox to the Learning Record Store: a background task, never a request.

`send()` (a task, queued by every statement written, csx/xapi/record.py) sends whatever
waits, oldest first, BATCH statements to a POST of {CSX_XAPI_ENDPOINT}statements
(X-Experience-API-Version: 1.0.3, HTTP basic auth), until the outbox is empty:

- taken (2xx): the statements are deleted from the outbox;
- the LRS refuses a batch as it is (400, 409, 422): each statement is sent alone, and the one it
  still refuses is kept, marked refused, and never sent again (the log says why);
- the LRS is away (no answer, a timeout, 5xx, 429, or refusing our credentials): nothing is
  lost; the task is queued again after the mail's back-off, 1 and 10 minutes, 1, 6 and 24
  hours (csx/serving/mail.py's `retried()`), and any statement written meanwhile queues a
  task that tries at once, taking everything that waits with it.

Two workers never send the same statement at once: each claims its batch first (`claim()`,
an UPDATE of rows no one holds). A statement sent twice all the same (a worker killed after
the LRS took it) is stored once: its id was fixed when it was written. Each process keeps a
circuit breaker for the LRS (as csx/serving/outages.py does for Redis), so an LRS that hangs
costs one timeout every few seconds, not one per task.
"""

import logging
import uuid
from datetime import timedelta

import pybreaker
import requests
from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from csx.serving import mail, outages
from csx.xapi.models import Statement

logger = logging.getLogger(__name__)

BATCH = 50
LEASE = timedelta(minutes=5)  # a claim outliving this was a worker that died
VERSION = "1.0.3"
REFUSED = {400, 409, 422}  # the statements themselves: sending them again changes nothing


class Away(OSError):
    """The LRS did not take the statements, and may later (an OSError, as retried() wants)."""


def endpoint():
    return settings.XAPI_ENDPOINT.rstrip("/") + "/statements"


# This process's circuit breaker for the LRS, as csx/serving/outages.py keeps one for Redis
# (open for RETRY_SECONDS after a failure), without its announcement of a return: that
# starts the page cache afresh, which an LRS coming back has no reason to do.
BREAKER = pybreaker.CircuitBreaker(fail_max=1, reset_timeout=outages.RETRY_SECONDS, name="LRS")


def breaker():
    return BREAKER


def post(bodies):
    """POST `bodies` (statements) once; the status code, or Away."""
    response = requests.post(
        endpoint(),
        json=bodies,
        auth=(settings.XAPI_USERNAME, settings.XAPI_PASSWORD),
        headers={"X-Experience-API-Version": VERSION},
        timeout=settings.XAPI_TIMEOUT,
        allow_redirects=False,
    )
    if response.status_code in REFUSED or 200 <= response.status_code < 300:
        return response.status_code, response.text[:300]
    raise Away(f"the LRS answered {response.status_code}")


def post_through_breaker(bodies):
    try:
        return breaker().call(post, bodies)
    except pybreaker.CircuitBreakerError as error:
        raise Away(f"the LRS was away a moment ago ({error})") from error
    except requests.RequestException as error:  # an OSError too: said as one line
        raise Away(str(error) or type(error).__name__) from error


def claim(now=None):
    """The next batch of statements waiting, claimed by this worker (a list, maybe empty)."""
    now = now or timezone.now()
    free = Statement.objects.pending().unclaimed(now)
    ids = list(free.order_by("created", "pk").values_list("pk", flat=True)[:BATCH])
    token = uuid.uuid4()
    free.filter(pk__in=ids).update(claim=token, claimed_until=now + LEASE)
    return list(Statement.objects.filter(claim=token).order_by("created", "pk"))


def release(batch, error):
    """Give `batch` back to the outbox, to be tried again."""
    Statement.objects.filter(pk__in=[statement.pk for statement in batch]).update(
        claim=None, claimed_until=None, attempts=F("attempts") + 1, last_error=str(error)[:300]
    )


def deliver(batch):
    """Send one claimed batch; how many the LRS took (Away when it is away: released)."""
    try:
        status, said = post_through_breaker([statement.body for statement in batch])
    except Away as error:
        release(batch, error)
        raise
    if status not in REFUSED:
        Statement.objects.filter(pk__in=[statement.pk for statement in batch]).delete()
        return len(batch)
    if len(batch) == 1:
        refuse(batch[0], f"{status}: {said}")
        return 0
    taken = 0
    for at, statement in enumerate(batch):  # which of them does it refuse?
        try:
            taken += deliver([statement])
        except Away as error:
            release(batch[at + 1 :], error)
            raise
    return taken


def refuse(statement, why):
    Statement.objects.filter(pk=statement.pk).update(
        refused_at=timezone.now(), claim=None, claimed_until=None, last_error=why[:300]
    )
    logger.error("The LRS refused xAPI statement %s for good (%s).", statement.pk, why)


def flush():
    """Send everything waiting, a batch at a time; how many the LRS took (Away if it fails)."""
    taken = 0
    while batch := claim():
        taken += deliver(batch)
    return taken


@task()
def send(tries=0):
    """Send what the outbox holds; if the LRS is away, queue this again after a back-off."""
    if not settings.XAPI_ENDPOINT:
        return 0
    with mail.retried(send, tries=tries, failure="The LRS did not take xAPI statements"):
        return flush()
    return 0  # queued again (retried() took the error)
