"""Every save, publish, unpublish, tag change or delete shows in the very next search."""

from functools import partial

from django.db.models.signals import post_delete, post_save
from taggit.models import Tag, TaggedItem

from csx.content import registry
from csx.search.index import index_item, index_tags, is_paused, remove


def item_saved(sender, instance, raw=False, **kwargs):
    if raw or is_paused():
        return
    index_item(instance)
    index_tags(list(instance.tags.all()))
    for item in instance.search_dependents():
        index_item(item)


def item_deleted(sender, instance, **kwargs):
    if not is_paused():
        remove(sender, [instance.pk])


def tagging_changed(sender, instance, raw=False, **kwargs):
    if raw or is_paused():
        return
    model = instance.content_type.model_class()
    if model in registry.models(searchable=True):
        item = model.objects.filter(pk=instance.object_id).first()
        if item is not None:
            index_item(item)
    tag = Tag.objects.filter(pk=instance.tag_id).first()
    if tag is not None:
        index_tags([tag])


def owned_row_changed(sender, instance, raw=False, relation=None, **kwargs):
    """A practice or a path's step is part of its owner's search document."""
    if not (raw or is_paused()):
        owner = getattr(instance, relation.field.name, None)
        if owner is not None:
            index_item(owner)


def owned_relations(model):
    """The reverse relations to the rows `model` owns (its `seed_children`)."""
    return [model._meta.get_field(name) for name in model.seed_children]


def tag_deleted(sender, instance, **kwargs):
    if not is_paused():
        remove(Tag, [instance.pk])


def connect():
    for model in registry.models(searchable=True):
        post_save.connect(item_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(
            item_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}"
        )
        for relation in owned_relations(model):
            owned = relation.related_model
            changed = partial(owned_row_changed, relation=relation)
            uid = f"search-owned-{owned.__name__}"
            post_save.connect(changed, sender=owned, weak=False, dispatch_uid=uid)
            post_delete.connect(changed, sender=owned, weak=False, dispatch_uid=f"{uid}-deleted")
    post_save.connect(tagging_changed, sender=TaggedItem, dispatch_uid="search-tagged")
    post_delete.connect(tagging_changed, sender=TaggedItem, dispatch_uid="search-untagged")
    post_delete.connect(tag_deleted, sender=Tag, dispatch_uid="search-tag-deleted")
