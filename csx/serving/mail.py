"""Email while the mail server may be away: a task that sends one tries again later instead
of failing, so an outage of hours loses nothing and nobody waits on it.

Every email leaves from a background task (csx/serving/tasks.py), never from a request: a
reader or editor never waits on the mail server. The task sends inside `retried()`; when
the server refuses the connection, times out or answers an SMTP error (all OSErrors), the
task is queued again after the next back-off below with `tries + 1` as its last argument,
and what it was sending stays unsent (notifications are marked sent in the same transaction
as the send). After the last back-off the error is raised, and the task shows as failed.

xAPI statements go to their Learning Record Store the same way (csx/xapi/sending.py), with
`failure` saying what was not taken.
"""

import logging
from contextlib import contextmanager
from datetime import timedelta

from django.utils import timezone

from csx.serving import tasks

logger = logging.getLogger(__name__)

# From the first failure, tries again after 1 and 10 minutes, 1, 6 and 24 hours (31 h in all).
BACK_OFF = [
    timedelta(minutes=1),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=6),
    timedelta(hours=24),
]


@contextmanager
def retried(task, *args, tries=0, failure="The mail server did not take an email"):
    """Run the block that sends; if the server fails it, queue `task(*args, tries + 1)`
    after the next back-off (the error is raised after the last)."""
    try:
        yield
    except OSError as error:  # smtplib's errors are OSErrors, as are refusals and timeouts
        if tries >= len(BACK_OFF):
            raise
        at = timezone.now() + BACK_OFF[tries]
        logger.warning(
            "%s (%s); %s tries again at %s.",
            failure,
            error or type(error).__name__,
            task.name,
            at.isoformat(timespec="seconds"),
        )
        tasks.enqueue(task.using(run_after=at), *args, tries + 1)
