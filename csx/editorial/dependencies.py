"""The drafts an item links to: a company, principles or path steps made in a "+" popup
while writing it are drafts nobody submits. A publisher approving the item sees them on its
review page, and they go live with it (csx/editorial/workflow.py: needed, publish_needed).

    drafts_linked(item, revision=None)   as the item stands, or as a pending revision holds it
    for_review(drafts)                   each with what keeps it from going live, if anything
"""

from dataclasses import dataclass

from csx.content import registry
from csx.editorial import history, usage
from csx.models import Status

UNSEEN = [Status.DRAFT, Status.IN_REVIEW]  # a withdrawn item was taken down on purpose


def drafts_linked(item, revision=None):
    """The library items (of any type, other than `item`) that `item` or the rows it owns
    link to through a field of their own, and that are drafts or in review."""
    linked = {}
    for obj, m2m in rows(item, revision):
        for field in type(obj)._meta.get_fields():
            model = field.related_model
            if field.auto_created or model not in registry.models():
                continue
            if field.many_to_one:
                pks = [getattr(obj, field.attname)]
            elif field.many_to_many:
                pks = m2m.get(field.name, []) if m2m is not None else values(obj, field)
            else:
                continue
            linked.setdefault(model, set()).update(pk for pk in pks if pk is not None)
    found = []
    for model, pks in linked.items():
        drafts = model.objects.filter(pk__in=pks, status__in=UNSEEN)
        found += drafts.exclude(pk=item.pk) if model is type(item) else drafts
    return found


def rows(item, revision):
    """(row, its many-to-many values or None to read them) for the item and what it owns."""
    if revision is not None:
        states = [history.state_of(version) for version in revision.version_set.all()]
        return [(state.object, state.m2m_data) for state in states]
    owned = [row for relation in history.owned(type(item)) for row in getattr(item, relation).all()]
    return [(item, None), *((row, None) for row in owned)]


def values(obj, field):
    return getattr(obj, field.name).values_list("pk", flat=True)


@dataclass
class Needed:
    use: usage.Use
    problems: list


def for_review(drafts):
    return [Needed(usage.Use(draft, "linked"), draft.publish_problems()) for draft in drafts]
