"""The list's bulk actions: publish or withdraw a selection, each item on its own, through
the workflow's steps (workflow.py). The confirmation page shows what each would change.

    publishable(items)           of a selection, what publishing it would make live
    publish_each(items, user, seen)   each on its own, if unmoved since it was read; or why not
    withdrawable(items)          of a selection, what withdrawing it would take down
    withdraw_each(items, user)
"""

from django.db import transaction

from csx.editorial import history
from csx.editorial.workflow import WorkflowError, publish, unmoved, withdraw
from csx.models import Status


def publishable(items):
    """Of `items` (a QuerySet), those publishing makes live: the rest are published already."""
    return items.exclude(status=Status.PUBLISHED)


def publish_each(items, user, seen, comment=""):
    """Publish each of `items` in its own transaction, if it is as it was when the publisher
    read it (`seen`: {pk: its stamp then}); one that is not, or may not go live, leaves the
    others be. Returns (published, [(item, why it was not)])."""
    published, refused = [], []
    for item in items:
        try:
            with transaction.atomic():
                unmoved(item, seen.get(item.pk))
                published.append(publish(item, user, comment=comment))
        except (WorkflowError, history.RevisionError) as error:
            refused.append((item, str(error)))
    return published, refused


def withdrawable(items):
    """Of `items` (a QuerySet), those readers see (or will, when scheduled)."""
    return items.filter(status=Status.PUBLISHED)


def withdraw_each(items, user):
    return [withdraw(item, user) for item in items]
