"""Restoring an old version: readers never get one unreviewed (the workflow's table,
workflow.py, has the step and who may take it).

    restore_changes(item, version)   what restoring an old version would change
    restore(item, version, user) an old version back: for a live item, as its pending
                                 change, submitted for review; for another, at once
"""

from dataclasses import dataclass, field

import reversion
from django.db import transaction

from csx.editorial import audit, history
from csx.editorial.history import diff
from csx.editorial.workflow import decide, hold, holds, proposed, rolled_back, submit, waiting
from csx.models import Review

Action = audit.Action


def restore_changes(item, version):
    """What restoring `version` would change against `item` as its editors have it now
    (with its pending change), and what could not come back: ([Change], [in words]).
    Worked out by restoring it in a transaction that is rolled back."""
    before = proposed(item)
    with rolled_back():
        applied = history.apply(version.revision, type(item), item.pk)
        after = diff.describe_item(applied.item)
    return diff.compare(before, after), applied.left_out


@dataclass
class Restored:
    review: Review | None  # what a publisher approves it with; None: restored at once
    left_out: list = field(default_factory=list)


@transaction.atomic
def restore(item, version, user):
    """Bring back `version` of `item`. Readers never get an old version unreviewed: for a
    live item it becomes the pending change (in place of any other), submitted for review,
    and a publisher approves it with its diff. An item readers do not see takes it at once,
    as a new revision."""
    if not holds(item):
        return Restored(None, history.restore(version, user).left_out)
    when = history.when(version)
    with rolled_back():  # the change is taken as a revision; the live row stays as it is
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(
                f"Restored the version of {when}: a pending change, not live until approved."
            )
            applied = history.apply(version.revision, type(item), item.pk)
        taken = history.detach(history.versions(item).first().revision)
    hold(item, history.attach(taken), user)
    replaced = waiting(item)
    if replaced is not None:
        decide(replaced, user, Review.State.CANCELLED, f"Replaced by the version of {when}.")
    audit.record(Action.RESTORED, item, user, f"The version of {when}, for review.")
    return Restored(submit(item, user, f"Restored the version of {when}."), applied.left_out)
