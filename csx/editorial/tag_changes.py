"""Merging, deleting and renaming tags: each changes live pages at once, so each is a
publisher's, lands in every touched item's history (a revision) and in the audit log, and
(merging, deleting) can be undone.

    touched(tags)               the items carrying any of `tags`, live ones first
    merge(tags, name, user)     the tags become the one named `name`; a TagChange
    delete(tags, user)          the tags leave every item; a TagChange
    undo(change, user)          each touched item gets back the tags it had before
    items_of(change)            the items a change touched (that still exist)
    rename(tag, user)           save `tag` under the name it was given; a TagChange

The "before" revision of each change holds every touched item as it was; undoing sets each
item's tags back from it, and leaves the rest of the item as it is now.
"""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from taggit.models import Tag, TaggedItem

from csx.content.tags import current_names, normalise
from csx.editorial import audit, history
from csx.models import RetiredTag, TagChange


class TagChangeError(Exception):
    """A change that cannot be made or undone as things stand; the message says why."""


def touched(tags):
    """Every item (of a type kept in history) carrying one of `tags`, live ones first."""
    rows = TaggedItem.objects.filter(tag__in=tags).values_list("content_type", "object_id")
    ids = {}
    for content_type, object_id in rows:
        ids.setdefault(content_type, set()).add(object_id)
    items = []
    for content_type, pks in ids.items():
        model = ContentType.objects.get_for_id(content_type).model_class()
        if model is not None and reversion.is_registered(model):
            items += model._default_manager.filter(pk__in=pks).prefetch_related("tags")
    return sorted(items, key=lambda item: (not getattr(item, "is_published", False), str(item)))


def live(items):
    return [item for item in items if getattr(item, "is_published", False)]


def begin(kind, tags, items, user, into=None):
    """Keep each touched item as it is now, and what the change takes away."""
    before = None
    if items:
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment("As it was before a tag change (kept so it can be undone).")
            for item in items:
                reversion.add_to_revision(item)
        before = history.versions(items[0]).first().revision
    change = TagChange.objects.create(kind=kind, into=into, before=before, made_by=user)
    shown = {tag.pk for item in live(items) for tag in item.tags.all()}
    RetiredTag.objects.bulk_create(
        RetiredTag(change=change, name=tag.name, slug=tag.slug, public=tag.pk in shown)
        for tag in tags
    )
    return change


def finish(items, user, comment):
    """Each touched item's history and the audit log say what the change did."""
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        for item in items:
            reversion.add_to_revision(item)
    for item in items:
        audit.record(audit.Action.TAG_CHANGED, item, user, comment)


@transaction.atomic
def merge(tags, name, user):
    """The `tags` become the tag named `name` (made if new) on every item carrying them."""
    name = normalise(name)
    into = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
    merged = [tag for tag in tags if tag.pk != into.pk]
    if not merged:
        raise TagChangeError(f"Choose at least one tag besides “{name}” to merge into it.")
    items = touched(merged)
    change = begin(TagChange.Kind.MERGED, merged, items, user, into=into)
    for item in items:
        item.tags.add(into)
        item.tags.remove(*merged)
    # Tags merged into these earlier now lead where these do.
    TagChange.objects.filter(into__in=merged).update(into=into)
    Tag.objects.filter(pk__in=[tag.pk for tag in merged]).delete()
    finish(items, user, f"Tags merged: {change}.")
    return change


@transaction.atomic
def delete(tags, user):
    """The `tags` leave every item carrying them, and are deleted."""
    tags = list(tags)
    items = touched(tags)
    change = begin(TagChange.Kind.DELETED, tags, items, user)
    Tag.objects.filter(pk__in=[tag.pk for tag in tags]).delete()
    finish(items, user, f"Tags deleted: {change}.")
    return change


@transaction.atomic
def rename(tag, user):
    """Save `tag` under its new name (and address); the old ones lead to it."""
    old = Tag.objects.get(pk=tag.pk)
    items = touched([old])
    change = begin(TagChange.Kind.RENAMED, [old], items, user, into=tag)
    tag.save()
    finish(items, user, f"Tag renamed: {change}.")
    return change


@transaction.atomic
def undo(change, user):
    """Every item the change touched gets back the tags it had just before it (the rest of
    each item stays as it is now); the tags it took away are tags again, at their own
    addresses. A renamed tag simply takes its old name back."""
    description = str(change)
    retired = list(change.retired.all())
    if change.kind == TagChange.Kind.RENAMED and change.into is not None:
        tag, old = change.into, retired[0]
        if Tag.objects.exclude(pk=tag.pk).filter(Q(name=old.name) | Q(slug=old.slug)).exists():
            raise TagChangeError(f"Another tag is called “{old.name}” now: merge the two instead.")
        tag.name, tag.slug = old.name, old.slug
        tag.save()
        items = touched([tag])
    else:
        for old in retired:
            if not Tag.objects.filter(name=old.name).exists():
                free = not Tag.objects.filter(slug=old.slug).exists()
                Tag.objects.create(name=old.name, **({"slug": old.slug} if free else {}))
        items = restore_tags(change)
    change.delete()
    finish(items, user, f"Undone: {description}.")


def before(change):
    """[(item, its version from just before `change`)] for the items that still exist."""
    versions = change.before.version_set.all() if change.before is not None else []
    found = []
    for version in versions:
        item = history.model_of(version)._default_manager.filter(pk=version.object_id).first()
        if item is not None:
            found.append((item, version))
    return found


def items_of(change):
    return [item for item, _ in before(change)]


def restore_tags(change):
    """Each item `change` touched gets the tags it had then (as they are named now)."""
    for item, version in before(change):
        item.tags.set(current_names(history.state_of(version).m2m_data.get("tags", [])))
    return items_of(change)
