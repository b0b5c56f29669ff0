"""The review workflow: editors write and submit; publishers approve or send back.

An item readers have never seen is edited in its own row, and its status says where it is:
draft → in review → published. A published (approved) item's row is what readers see, so
every edit to it is held instead: kept as a revision, its PendingChange, and applied only
when a publisher approves it. Readers keep the approved version meanwhile, on every page,
feed, embed and in search, which all read the row.

The states (Status), the steps between them and who may take each, in one table. "Editor"
means the Editors group, "publisher" the `csx.publish_content` permission
(csx/editorial/permissions.py); the admin's buttons and the API offer a step only to those
the table names, and every step is written to the audit log (csx/editorial/audit.py).

    step          from                 to                       who
    ------------  -------------------  -----------------------  -------------------------
    create_draft  (new)                draft                    editor, API token
    edit          draft, in review     (same)                   editor
    edit          published            published + pending      editor (held: readers
                                       change                   keep the live row)
    submit        draft                in review                editor, API token
    submit        pending change       pending change in review editor
    send_back     in review            draft (a pending change  publisher, with a comment
                                       stays, back with editors)
    approve       in review            published (now or at     publisher
                                       a time), or the pending
                                       change applied/scheduled
    publish       draft, in review     published                publisher
    withdraw      published            withdrawn (links answer  publisher
                                       410; a pending change
                                       becomes its text)
    restore       published            published + an old       publisher, after its diff
                                       version as its pending
                                       change, in review
    restore       any other            (same), the old version  publisher, after its diff
    apply_due     change scheduled     published with it        the clock (first request:
                                                                scheduled.py)

    create_draft(item, user)     a new item, saved as a draft (the API's drafts)
    holds(item)                  edits to it wait for approval
    pending(item)                its PendingChange, or None
    hold(item, revision, user)   keep a revision as its pending change
    submit(item, user, message)  ask a publisher to review it
    proposed(item)               what approving it would make it, described
    changes(item)                what approving it would change for readers
    approve(review, user, seen, ...)   it (or its pending change) goes live, now or later;
                                 refused (Moved) if it changed since the publisher saw it;
                                 `material` (a change learners confirmed is asked again)
                                 is announced with it
    send_back(review, user, comment)
    publish(item, user)          a publisher approves it without a request
    settle(item, user)           after a publisher published it from the editor
    needed(item)                 the drafts it links to, published with it when approved
    (each step that changes what readers see is announced: csx/editorial/events.py)
    withdraw(item, user)         a publisher takes it down
    rolled_back()                writes inside are undone (a restore's diff, a preview)

Beside it: restoring.py (the restore step: restore_changes, restore), bulk.py (the list's
bulk publish and withdraw, each item through the steps above), scheduled.py (apply_due).
"""

import logging
from contextlib import contextmanager, nullcontext

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from csx.editorial import audit, dependencies, events, history
from csx.editorial.history import diff
from csx.models import PendingChange, Review, Status
from csx.search import index as search_index

logger = logging.getLogger(__name__)
Action = audit.Action

KEEP = object()  # a time left as it is


class WorkflowError(Exception):
    """A step the item's state does not allow; the message says why, for the editor."""


class Moved(WorkflowError):
    """What a publisher was about to approve was saved again after they opened it."""

    def __init__(self):
        super().__init__(
            "It was saved again after you opened it, so it was not approved. Read what it "
            "changes now, then approve it if it is right."
        )


@transaction.atomic
def create_draft(item, user, tags=(), fill=None):
    """Save the new `item` as a draft that `user` looks after, with its first revision;
    `fill(item)`, if given, adds what the item owns (a path's steps) within that revision."""
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment("Created as a draft.")
        item.status = Status.DRAFT
        item.owner = item.owner or user
        item.save()
        item.tags.set(tags)
        if fill is not None:
            fill(item)
    return item


def holds(item):
    return item.pk is not None and getattr(item, "status", None) == Status.PUBLISHED


def pending(item):
    return PendingChange.of(item).select_related("revision__user", "author").first()


def waiting(item):
    return Review.of(item).filter(state=Review.State.WAITING).first()


def last_review(item):
    return Review.of(item).select_related("decided_by", "submitted_by").first()


def hold(item, revision, user):
    # An edit after approval is a new change: it waits for approval again, unscheduled.
    PendingChange.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        defaults={
            "revision": revision,
            "author": user,
            "updated": timezone.now(),
            "takes_effect_at": None,
            "approved_by": None,
            "material": False,
        },
    )


def edit(item, user, form, *, change, held, keep, submit_message=None):
    """An edit of `item` made through a form (the admin's change form), with its pending
    `change` applied first, so the form shows and saves over it.

    `form(records)` runs the form and returns (its rendered response, whether it saved);
    callables it adds to `records` are records of work done (a verification check), kept
    even when the rest of the edit waits. A `held` edit (of a live item) is taken as a
    revision and rolled back: readers keep the approved row, the revision becomes the
    item's pending change, and is submitted for review with `submit_message` unless that
    is None. Otherwise the edit stands only when `keep` (a publisher publishing); a form
    that is only shown, or refused, changes nothing."""
    taken = None
    records = []
    with transaction.atomic(), nullcontext() if keep else search_index.skipped():
        before = transaction.savepoint()
        if change is not None:
            history.apply(change.revision, type(item), item.pk)
        response, saved = form(records)
        if saved and held:
            taken = history.detach(history.versions(item).first().revision)
            taken.comment = f"Pending change, not live until approved. {taken.comment}"
        if not saved or held:
            transaction.savepoint_rollback(before)
    for keep_record in records:
        keep_record()
    if taken is not None:
        hold(item, history.attach(taken), user)
        if submit_message is not None:
            submit(item, user, submit_message)
    return response


def submit(item, user, message=""):
    """Ask for review: the item (or its pending change) joins the queue, once."""
    if item.status == Status.PUBLISHED and pending(item) is None:
        raise WorkflowError("This page is published and has no change waiting to be reviewed.")
    review = waiting(item)
    if review is not None:
        return review
    change = pending(item)
    if change is None:
        item.status = Status.IN_REVIEW
        item.save()
        title = item.title
    else:
        title = history.versions(item).filter(revision=change.revision).first().object_repr
    audit.record(Action.SUBMITTED, item, user, message, title=title)
    return Review.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        title=title,
        is_change=change is not None,
        submitted_by=user,
        message=message,
    )


def decide(review, user, state, comment):
    review.state = state
    review.decided_by = user
    review.decided_at = timezone.now()
    review.comment = comment
    review.save()


def proposed(item):
    """`item` as approving it would make it, described (csx/history/diff.py)."""
    change = pending(item)
    if change is None:
        return diff.describe_item(item)
    return diff.describe_revision(history.versions(item).filter(revision=change.revision).first())


def changes(item):
    """What approving `item` changes for readers: its pending change against the live row,
    or, for an item readers have not seen, all of it."""
    live = diff.describe_item(item) if pending(item) is not None else None
    return diff.compare(live, proposed(item))


@transaction.atomic
def approve(review, user, seen, go_live_at=None, take_down_at=KEEP, comment="", material=False):
    """The item goes live (at `go_live_at`, if later), its pending change applied. For a
    change to a live item, a later time schedules the change: the page stays live as it is
    until then. `seen` is the item's stamp (history.stamp) when the publisher opened it:
    what they approve is what they read, or nothing (Moved)."""
    item = review.item
    if review.state != Review.State.WAITING or item is None:
        raise WorkflowError("This request is no longer waiting for review.")
    unmoved(item, seen)
    change = pending(item)
    if item.is_published and change is not None and go_live_at and go_live_at > timezone.now():
        return schedule(item, change, user, go_live_at, comment, material)
    return publish(item, user, go_live_at, take_down_at, comment, material)


def unmoved(item, seen):
    """Refuse (Moved) unless `item` and its pending change are as they were when the stamp
    `seen` was taken. Call it in the transaction that then publishes: an editor saving
    meanwhile waits for the pending change's row (hold() updates it), so what was compared
    is what is applied."""
    list(PendingChange.of(item).select_for_update())
    if seen != history.stamp(item):
        raise Moved


def schedule(item, change, user, at, comment="", material=False):
    """Approve a live item's pending change to take effect at `at`."""
    change.takes_effect_at, change.approved_by, change.material = at, user, material
    change.save(update_fields=["takes_effect_at", "approved_by", "material"])
    publish_needed(item, user, at, change.revision)
    audit.record(Action.APPROVED, item, user, comment)
    decide(waiting(item), user, Review.State.APPROVED, comment)
    return item


@transaction.atomic
def publish(item, user, go_live_at=None, take_down_at=KEEP, comment="", material=False):
    """Approve `item` with its pending change: live now, or from `go_live_at`."""
    was_live = item.is_published
    with reversion.create_revision():
        reversion.set_user(user)
        change = pending(item)
        if change is not None:
            item = history.apply(change.revision, type(item), item.pk).item
        problems = item.publish_problems()
        if problems:  # nothing of the above is kept: the transaction rolls back
            raise WorkflowError(" ".join(problems))
        item.status = Status.PUBLISHED
        item.published_at = go_live_at or item.published_at or timezone.now()
        if take_down_at is not KEEP:
            item.take_down_at = take_down_at
        scheduled = item.published_at > timezone.now()
        reversion.set_comment("Approved: " + ("scheduled." if scheduled else "published."))
        item.save()
    settle(item, user, comment, was_live=was_live, material=material)
    if scheduled:
        events.scheduled.send(type(item), item=item, user=user)
    return item


def settle(item, user, comment="", was_live=False, material=False):
    """After `item` was published as it stands: nothing of it waits for review any more.
    Readers now see it, or its change if they saw it before (`was_live`): announced."""
    scheduled = item.published_at is not None and item.published_at > timezone.now()
    audit.record(Action.APPROVED if scheduled else Action.PUBLISHED, item, user, comment)
    PendingChange.of(item).delete()
    review = waiting(item)
    if review is not None:
        decide(review, user, Review.State.APPROVED, comment)
    if item.is_published:
        signal = events.changed if was_live else events.published
        signal.send(type(item), item=item, user=user, material=material)
    publish_needed(item, user, item.published_at)


def needed(item):
    """The drafts `item` links to as it would go live (with its pending change): a company
    or principles made in a popup while writing it. Approving it publishes them too."""
    change = pending(item)
    return dependencies.drafts_linked(item, change.revision if change else None)


def publish_needed(item, user, at, revision=None):
    """The drafts `item` links to go live with it, at `at` if that is later. One that may
    not go live yet (publish_problems) stays a draft; its review page said so."""
    later = at if at is not None and at > timezone.now() else None
    for other in dependencies.drafts_linked(item, revision):
        try:
            publish(other, user, go_live_at=later, comment=f"Published with “{item}”.")
        except WorkflowError:
            logger.info("%s stays a draft: it may not go live yet", other)


@transaction.atomic
def send_back(review, user, comment):
    if not comment.strip():
        raise WorkflowError("Say what should change, so the editor knows what to do.")
    if review.state != Review.State.WAITING:
        raise WorkflowError("This request is no longer waiting for review.")
    decide(review, user, Review.State.SENT_BACK, comment)
    audit.record(Action.SENT_BACK, review.item, user, comment, title=review.title)
    item = review.item
    if item is not None and item.status == Status.IN_REVIEW:
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment("Sent back to the editor.")
            item.status = Status.DRAFT
            item.save()


@transaction.atomic
def withdraw(item, user):
    """Readers stop seeing it (its links answer 410); a pending change becomes its draft."""
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment("Withdrawn: readers no longer see it.")
        change = pending(item)
        if change is not None:
            item = history.apply(change.revision, type(item), item.pk).item
            PendingChange.of(item).delete()
        item.status = Status.WITHDRAWN
        item.save()
    audit.record(Action.WITHDRAWN, item, user)
    review = waiting(item)
    if review is not None:
        decide(review, user, Review.State.CANCELLED, "Withdrawn instead.")
    events.withdrawn.send(type(item), item=item, user=user)
    return item


# Trying a change without keeping it (restoring.py, preview.py).


@contextmanager
def rolled_back():
    """Writes made inside are undone at the end, and the search index never sees them.
    Rolled back through atomic(), which also drops what was to run on commit (a new content
    version): a bare savepoint would keep it, and each use would empty the page cache for
    everyone."""
    with transaction.atomic(), search_index.skipped():
        yield
        transaction.set_rollback(True)


def forget(sender, instance, **kwargs):
    """post_delete: a deleted item leaves nothing waiting."""
    PendingChange.of(instance).delete()
    Review.of(instance).filter(state=Review.State.WAITING).update(
        state=Review.State.CANCELLED, comment="Deleted.", decided_at=timezone.now()
    )
