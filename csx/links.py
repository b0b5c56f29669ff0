"""Links that never break: where an address that no longer shows an item should lead.

A renamed item answers 301 at its new address; an unpublished or deleted one answers
410 Gone with what it was (or 301 to the replacement an editor chose); short links
(/s/<code>/) follow an item through every rename.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from csx.models import Content, SlugHistory, Withdrawal


@dataclass
class Lost:
    """What became of a page: moved to `url`, or withdrawn (`withdrawal`)."""

    url: str | None = None
    withdrawal: Withdrawal | None = None


def find_lost(model, slug, url_for=None):
    """Where a link to the `model` page at `slug` should lead now, or None if it never was."""
    url_for = url_for or (lambda item: item.get_absolute_url())
    object_id = SlugHistory.object_id_for(model, slug)
    if object_id:
        item = model.objects.published().filter(pk=object_id).first()
        if item:
            return Lost(url=url_for(item))
    same = Q(slug=slug) | Q(object_id=object_id) if object_id else Q(slug=slug)
    withdrawal = (
        Withdrawal.objects.filter(content_type=ContentType.objects.get_for_model(model))
        .filter(same)
        .first()
    )
    return lost_to(withdrawal)


def lost_to(withdrawal):
    if withdrawal is None:
        return None
    if withdrawal.replacement:
        return Lost(url=withdrawal.replacement)
    return Lost(withdrawal=withdrawal)


# Short links: a letter for the type and the item's id in base 36, e.g. /s/s1k/.
def short_types():
    return {
        model.short_prefix: model
        for model in apps.get_models()
        if issubclass(model, Content) and getattr(model, "short_prefix", None)
    }


def find_short(code):
    """(item, None) for a published item, (None, Lost) for a withdrawn one, or (None, None)."""
    model = short_types().get(code[:1])
    try:
        pk = int(code[1:], 36)
    except ValueError:
        return None, None
    if model is None or not 0 < pk < 2**63:  # beyond a database id, e.g. a mangled code
        return None, None
    item = model.objects.published().filter(pk=pk).first()
    if item:
        return item, None
    withdrawal = Withdrawal.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=pk
    ).first()
    return None, lost_to(withdrawal)
