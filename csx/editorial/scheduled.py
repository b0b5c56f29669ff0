"""Changes approved for later take effect at their time, on the first request after it.

A publisher may approve a change to a live page for a later time (csx.editorial.workflow.schedule).
No job runs at that time: the first request any server handles after it applies the change
(apply_due, below) before anything is read, so that reader and everyone after see it
on every page, feed and embed and in search alike. Each process keeps the time of the next
scheduled change, read from the database at most every RECHECK seconds (and again as soon
as it schedules or applies one itself), so a request costs no query.
"""

import logging
import time

import reversion
from django.db import DatabaseError, transaction

from csx.editorial import audit, events, history
from csx.models import PendingChange

logger = logging.getLogger(__name__)

RECHECK = 5  # seconds: how late another server's new schedule can be noticed, at most


class Schedule:
    """This process's idea of when the next scheduled change is due."""

    def __init__(self):
        self.forget()

    def forget(self, **kwargs):
        """Read it again at the next request (also a post_save/post_delete receiver)."""
        self.read_at = float("-inf")
        self.next_at = None

    def remember(self, next_at):
        """What was just read: the next change's time (seconds since the epoch), or None."""
        self.next_at, self.read_at = next_at, time.time()

    def due(self):
        if time.time() - self.read_at > RECHECK:
            soonest = PendingChange.objects.scheduled().values_list("takes_effect_at", flat=True)
            first = soonest.first()
            self.remember(first.timestamp() if first else None)
        return self.next_at is not None and self.next_at <= time.time()


schedule = Schedule()


def apply_due(now=None):
    """Scheduled changes whose time has come take effect, each in its own transaction. Run
    at the start of a request (csx.middleware.ScheduledChanges, below): the first reader after the
    time, on any server, sees the change, and so does everyone after, on every page and in
    search, with no job to run. Returns the items changed."""
    changed = []
    for change_pk in PendingChange.objects.due(now).values_list("pk", flat=True):
        with transaction.atomic():
            # Another server may be applying it too: the row lock lets one through.
            change = PendingChange.objects.select_for_update().filter(pk=change_pk).first()
            if change is None or change.takes_effect_at is None:
                continue
            item = change.item
            try:
                if item is not None:
                    with transaction.atomic(), reversion.create_revision():
                        reversion.set_user(change.approved_by)
                        reversion.set_comment("Scheduled change took effect.")
                        item = history.apply(change.revision, type(item), item.pk).item
                    audit.record(audit.Action.CHANGE_APPLIED, item, change.approved_by)
                    changed.append(item)
                    events.went_live.send(
                        type(item), item=item, user=change.approved_by, material=change.material
                    )
                change.delete()
            except history.RevisionError:
                # Something it needs was deleted meanwhile: it waits, unscheduled, for a
                # publisher to look at again (the dashboard lists it among pending changes).
                logger.warning("Scheduled change %s could not be applied", change_pk, exc_info=True)
                change.takes_effect_at = None
                change.save(update_fields=["takes_effect_at"])
    return changed


class ScheduledChanges:
    """Middleware: apply what has fallen due before the request is handled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            if schedule.due():
                apply_due()
                schedule.forget()
        except DatabaseError:
            # The database is away: the view answers for that; the change waits for it.
            logger.warning("Scheduled changes could not be applied", exc_info=True)
        return self.get_response(request)
