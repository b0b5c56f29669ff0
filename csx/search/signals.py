"""Every save, publish, unpublish, tag change or delete shows in the very next search."""

from django.db.models.signals import post_delete, post_save
from taggit.models import Tag, TaggedItem

from csx import registry
from csx.search.index import index_item, index_tags, is_paused, remove
from principles.models import Practice


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


def practice_changed(sender, instance, raw=False, **kwargs):
    if not (raw or is_paused()):
        index_item(instance.principle)


def tag_deleted(sender, instance, **kwargs):
    if not is_paused():
        remove(Tag, [instance.pk])


def connect():
    for model in registry.models(searchable=True):
        post_save.connect(item_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(
            item_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}"
        )
    post_save.connect(tagging_changed, sender=TaggedItem, dispatch_uid="search-tagged")
    post_delete.connect(tagging_changed, sender=TaggedItem, dispatch_uid="search-untagged")
    post_save.connect(practice_changed, sender=Practice, dispatch_uid="search-practice")
    post_delete.connect(practice_changed, sender=Practice, dispatch_uid="search-practice-del")
    post_delete.connect(tag_deleted, sender=Tag, dispatch_uid="search-tag-deleted")
