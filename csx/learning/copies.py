"""A trainer's own copies of paths: copied as a draft (Path.copy, through the editorial
workflow), so never public and never in another trainer's lists; the trainer then picks,
orders, times and annotates the steps, toward a target length (30, 45 or 60 minutes), and
assigns the copy to their cohorts, whose learners walk it as any path.

A copy's steps are edited here, not in the admin: a draft's steps change nothing readers see.
"""

from django.db import transaction
from django.db.models import Sum

from csx.learning.models import TrainerCopy
from csx.paths.models import Path, PathItem

GAP = 10  # between two steps' order numbers


def make(original, trainer, target, title=""):
    """A copy of `original` for `trainer`, aiming at `target` minutes."""
    with transaction.atomic():
        path = original.copy(user=trainer)
        if title:
            Path.objects.filter(pk=path.pk).update(title=title)
            path.title = title
        return TrainerCopy.objects.create(
            path=path, trainer=trainer, original=original, target=target
        )


def steps(copy):
    """Every step of the copy, in order, with its target (a withdrawn one included, so the
    trainer can remove it)."""
    return list(copy.path.items.with_targets())


def minutes(copy):
    """The minutes of the copy's steps added up (those without a timing count nothing)."""
    return copy.path.items.aggregate(total=Sum("minutes"))["total"] or 0


def move(copy, item, by):
    """Move `item` `by` places (-1: up, 1: down) among the copy's steps."""
    ordered = steps(copy)
    at = next(i for i, step in enumerate(ordered) if step.pk == item.pk)
    to = min(max(at + by, 0), len(ordered) - 1)
    ordered.insert(to, ordered.pop(at))
    with transaction.atomic():
        for place, step in enumerate(ordered, start=1):
            if step.order != place * GAP:
                PathItem.objects.filter(pk=step.pk).update(order=place * GAP)


def remove(copy, item):
    PathItem.objects.filter(path=copy.path, pk=item.pk).delete()


def change(item, minutes, note):
    PathItem.objects.filter(pk=item.pk).update(minutes=minutes, trainer_note=note)
