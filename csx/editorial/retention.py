"""How long personal data is kept: every kind in one place, with its setting and how an old
one is forgotten. `manage.py purge_personal_data` (daily) runs them all.

A row that is nothing but personal data (a search, a sign-in attempt) is deleted; a row that
also holds something editors keep (a shared story, a "was this helpful?" answer) loses only
its personal part.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone

from csx.feedback.models import Feedback, Submission
from csx.learning.erasure import delete_inactive_progress
from csx.models import SearchLog
from csx.xapi.models import Statement


def erase_submissions(cutoff):
    """Shared stories received before `cutoff` forget who sent them."""
    count = 0
    for submission in Submission.objects.received_before(cutoff).holding_personal_data():
        submission.erase()
        count += 1
    return count


def erase_feedback_comments(cutoff):
    """What readers wrote goes; whether the page helped them, and why, stays."""
    day = timezone.localdate(cutoff)
    return Feedback.objects.filter(day__lt=day).exclude(comment="").update(comment="")


def delete_search_logs(cutoff):
    day = timezone.localdate(cutoff)
    return SearchLog.objects.filter(day__lt=day).delete()[1].get(SearchLog._meta.label, 0)


def delete_refused_statements(cutoff):
    """xAPI statements the LRS refused for good (the ones it took are deleted at once)."""
    refused = Statement.objects.filter(refused_at__lt=cutoff)
    return refused.delete()[1].get(Statement._meta.label, 0)


def deleting(model):
    """Deletes `model`'s sign-in records (django-axes) made before the cutoff."""

    def delete(cutoff):
        return model.objects.filter(attempt_time__lt=cutoff).delete()[1].get(model._meta.label, 0)

    return delete


@dataclass(frozen=True)
class Kind:
    what: str  # as the command reports it
    done: str  # "erased" or "deleted"
    setting: str  # its retention in days
    forget: Callable[[datetime], int]  # forgets what is older than the moment; how many

    @property
    def days(self):
        return getattr(settings, self.setting)

    def purge(self, days=None, now=None):
        """(cutoff, count): forgets what came before `days` (its setting unless given) ago."""
        cutoff = (now or timezone.now()) - timedelta(days=self.days if days is None else days)
        return cutoff, self.forget(cutoff)


SUBMISSIONS = Kind(
    "shared stories' names and emails", "erased", "SUBMISSION_RETENTION_DAYS", erase_submissions
)
KINDS = [
    SUBMISSIONS,
    Kind("feedback comments", "erased", "FEEDBACK_RETENTION_DAYS", erase_feedback_comments),
    Kind("search log rows", "deleted", "SEARCH_LOG_RETENTION_DAYS", delete_search_logs),
    Kind("sign-in attempts", "deleted", "ACCESS_LOG_RETENTION_DAYS", deleting(AccessAttempt)),
    Kind("sign-in log rows", "deleted", "ACCESS_LOG_RETENTION_DAYS", deleting(AccessLog)),
    Kind("failed sign-ins", "deleted", "ACCESS_LOG_RETENTION_DAYS", deleting(AccessFailureLog)),
    Kind(
        "inactive learners' steps done",
        "deleted",
        "LEARNING_RETENTION_DAYS",
        delete_inactive_progress,
    ),
    Kind(
        "xAPI statements the LRS refused",
        "deleted",
        "LEARNING_RETENTION_DAYS",
        delete_refused_statements,
    ),
]
