"""Acknowledgements that respect change: an item or a path asks learners "I have read and
understood", and asks again only when a publisher calls a change material.

    ask(item, user, on)          an editor ticks (or unticks) it, from the item's admin
    asks(item)                   whether it asks now
    acknowledge(learner, item, seen)   the learner confirms the edition in force, as the
                                 reversion Version readers see (live_version); refused
                                 (ChangedMeanwhile) when `seen` is not that edition
    acknowledged                 a signal sent once that is committed: the xAPI statement's
                                 hook (acknowledgement, item, learner)
    standings(learner, items)    {key(item): Standing}: asked, confirmed, or changed since
    changes_since(ack, item)     what changed for readers since that confirmation
                                 (csx/editorial/history/diff.py's words, never our own)
    for_cohort(cohort, paths)    who confirmed which edition, for the trainer's page

A material change is the publisher's word on the approve form (csx/editorial/admin/site.py):
the workflow announces it with the change (csx/editorial/events.py, `material=True`) when
it takes effect, now or at its scheduled time, and `material_change` below moves the
item's edition on. Confirmations of the edition before are kept, and no longer count. A
minor change moves nothing: no one is asked again.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import partial, reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q
from django.dispatch import Signal
from django.utils import timezone

from csx.editorial import events, history
from csx.editorial.history import diff
from csx.learning.ack_models import Acknowledgement, AcknowledgementRequest
from csx.paths.models import PathItem

# What may ask: the kinds a path's step shows in full, and paths themselves.
ASKING = {"stories.story", "principles.principle", "principles.statistic", "paths.path"}
# Fields a learner's diff leaves out: the workflow's and the editors' bookkeeping, and of a
# path's steps the trainer's notes and questions (a learner never sees them) and addresses.
HIDDEN = (
    *("status", "published_at", "take_down_at", "owner", "reviewed_on", "review_by"),
    *("trainer_note", "discussion_questions", "number", "legacy_number", "addressed_by_id"),
)
SEARCHED = 20  # versions looked through for the one readers see, newest first

acknowledged = Signal()


class NotAsked(Exception):
    """The item does not ask for confirmation (any more)."""


class ChangedMeanwhile(Exception):
    """A material change took effect after the learner opened the page."""


def can_ask(item):
    return item is not None and item._meta.label_lower in ASKING


def key(item):
    return (ContentType.objects.get_for_model(item).pk, item.pk)


def asks(item):
    return can_ask(item) and AcknowledgementRequest.of(item).active().exists()


def ask(item, user, on=True):
    """Start (or stop) asking learners to confirm `item`; confirmations are kept either way."""
    if not can_ask(item):
        raise NotAsked(f"A {item._meta.verbose_name} cannot ask for confirmation.")
    AcknowledgementRequest.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        defaults={"active": on},
        create_defaults={"active": on, "asked_by": user},
    )


# What a learner reads of an item, and which version that is.


def live_version(item):
    """The reversion Version holding what readers see of `item` now: the newest whose text
    is the live row's (a pending change's revision is newer, and differs). An item whose
    history holds no such version (changed outside the admin) gets one, kept now."""
    shown = diff.describe_item(item, HIDDEN)
    for version in history.versions(item)[:SEARCHED]:
        if diff.describe_revision(version, HIDDEN) == shown:
            return version
    history.keep_revision(item, "As readers saw it when a learner confirmed reading it.")
    return history.versions(item).first()


@transaction.atomic
def acknowledge(learner, item, seen=None):
    """`learner` has read and understood `item` as it is now: an Acknowledgement of the
    edition in force (safe to repeat). `seen` is the edition the page showed them."""
    request = AcknowledgementRequest.of(item).active().select_for_update().first()
    if request is None:
        raise NotAsked("This no longer asks for confirmation.")
    if seen is not None and seen != request.edition:
        raise ChangedMeanwhile
    found, made = Acknowledgement.objects.get_or_create(
        request=request,
        learner=learner,
        edition=request.edition,
        defaults={"version": live_version(item)},
    )
    if made:
        say = partial(
            acknowledged.send, Acknowledgement, acknowledgement=found, item=item, learner=learner
        )
        transaction.on_commit(say, robust=True)
    return found


def changes_since(acknowledgement, item):
    """[diff.Change] from the version `acknowledgement` confirmed to `item` as readers see it
    now; None when that version is no longer kept."""
    if acknowledgement.version is None:
        return None
    before = diff.describe_revision(acknowledgement.version, HIDDEN)
    return diff.compare(before, diff.describe_item(item, HIDDEN))


# Where a learner stands.


@dataclass
class Standing:
    request: AcknowledgementRequest
    acknowledgement: Acknowledgement | None  # their latest

    @property
    def confirmed(self):
        ack = self.acknowledgement
        return ack is not None and ack.edition == self.request.edition

    @property
    def changed(self):
        """They confirmed an edition a material change has since replaced."""
        ack = self.acknowledgement
        return ack is not None and ack.edition < self.request.edition


def requests_for(items):
    """{key(item): its active AcknowledgementRequest} for those of `items` that ask."""
    wanted = defaultdict(set)
    for item in items:
        if can_ask(item):
            type_pk, pk = key(item)
            wanted[type_pk].add(pk)
    if not wanted:
        return {}
    condition = reduce(or_, (Q(content_type_id=t, object_id__in=pks) for t, pks in wanted.items()))
    found = AcknowledgementRequest.objects.active().filter(condition)
    return {(r.content_type_id, r.object_id): r for r in found}


def latest_acknowledgements(learners, requests):
    """{(learner pk, request pk): their latest Acknowledgement}."""
    latest = {}
    found = Acknowledgement.objects.filter(learner__in=learners, request__in=requests)
    for ack in found.order_by("edition", "acknowledged_at"):
        latest[(ack.learner_id, ack.request_id)] = ack
    return latest


def standings(learner, items):
    """{key(item): Standing} for those of `items` that ask; two queries."""
    requests = requests_for(items)
    latest = latest_acknowledgements([learner], list(requests.values()))
    return {k: Standing(r, latest.get((learner.pk, r.pk))) for k, r in requests.items()}


def for_cohort(cohort, paths):
    """([(item, request)] of what asks in `paths`, each path then its steps' items, and
    [(learner, [Standing per column])]): a fixed number of queries for any cohort."""
    steps = PathItem.objects.published().filter(path__in=paths).with_targets()
    items = []
    by_path = defaultdict(list)
    for step in steps:
        by_path[step.path_id].append(step.target)
    for path in paths:
        items += [path, *by_path[path.pk]]
    requests = requests_for(items)
    columns, seen = [], set()
    for item in items:
        found = requests.get(key(item))
        if found is not None and found.pk not in seen:
            seen.add(found.pk)
            columns.append((item, found))
    learners = list(cohort.learners.order_by("first_name", "username"))
    latest = latest_acknowledgements(learners, [r for _, r in columns])
    rows = [
        (learner, [Standing(r, latest.get((learner.pk, r.pk))) for _, r in columns])
        for learner in learners
    ]
    return columns, rows


# Listening to the workflow.


def material_change(sender, item, material=False, **kwargs):
    """A change a publisher called material took effect: the item's edition moves on, and
    everyone who confirmed the one before is asked again."""
    if material and can_ask(item):
        AcknowledgementRequest.of(item).active().update(
            edition=F("edition") + 1, changed_at=timezone.now()
        )


def connect():
    """At start-up (LearningConfig.ready)."""
    for name in ("published", "changed", "went_live"):
        getattr(events, name).connect(material_change, dispatch_uid=f"acknowledgements-{name}")
