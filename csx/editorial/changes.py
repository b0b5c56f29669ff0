"""Changes made outside the change form: the list's bulk edit and imports. Each goes through
the workflow's rule (workflow.py): an item readers see is never edited in place.

    apply_change(item, user, change, comment)   -> CHANGED (a draft, edited in its row, with a
                                                  revision) or HELD (a live item: the change
                                                  becomes its pending change, or is added to
                                                  the one it has, for a publisher to approve)

`change(item)` sets what it changes on the item and its relations (tags, principles) and
does not save; the step saves it inside a revision. A held change is made in a transaction
that is rolled back once its revision is taken, exactly as the change form's is.
"""

import reversion
from django.db import transaction

from csx.editorial import history, workflow

CHANGED, HELD = "changed", "held"


def apply_change(item, user, change, comment):
    if not workflow.holds(item):
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(comment)
            change(item)
            item.save()
        return CHANGED
    taken = None
    with workflow.rolled_back():
        current = workflow.pending(item)
        draft = item
        if current is not None:
            # The change goes on top of the one already waiting, never in place of it.
            draft = history.apply(current.revision, type(item), item.pk).item
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(f"Pending change, not live until approved. {comment}")
            change(draft)
            draft.save()
        taken = history.detach(history.versions(item).first().revision)
    item.refresh_from_db()
    workflow.hold(item, history.attach(taken), user)
    return HELD


# The list's bulk edit: what it may change, each through apply_change.

UNSET = object()


def edit_each(items, user, *, add_tags=(), remove_tags=(), add_principles=(),
              remove_principles=(), owner=UNSET, company=UNSET, review_by=UNSET):  # fmt: skip
    """Change each of `items`: drafts in place, live ones as pending changes. Returns
    {CHANGED: [items], HELD: [items]}."""

    def change(item):
        if add_tags:
            item.tags.add(*add_tags)
        if remove_tags:
            item.tags.remove(*remove_tags)
        if hasattr(item, "principles"):
            item.principles.add(*add_principles)
            item.principles.remove(*remove_principles)
        if owner is not UNSET:
            item.owner = owner
        if company is not UNSET and hasattr(item, "company_id"):
            item.company = company
        if review_by is not UNSET:
            item.review_by = review_by

    done = {CHANGED: [], HELD: []}
    with transaction.atomic():
        for item in items:
            done[apply_change(item, user, change, "Bulk edit from the list.")].append(item)
    return done
