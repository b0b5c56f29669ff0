"""Keeps the search index in step with the library: one entry per published item."""

import re
import threading
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from taggit.models import Tag

from csx import cache, registry
from csx.models import SearchEntry, SearchTerm
from csx.search.documents import tag_document
from csx.tags import published_tag_counts

_state = threading.local()


@contextmanager
def paused():
    """Bulk loads skip per-save indexing and rebuild once at the end instead."""
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = False
    rebuild()


def is_paused():
    return getattr(_state, "paused", False)


LEXICON_WORD = re.compile(r"[^\W\d_]{3,40}")
BATCH = 1000


def entry_for(item):
    return SearchEntry(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        kind=registry.of(item).name,
        url=item.get_absolute_url(),
        **item.search_document(),
    )


def tag_entry(tag, count):
    return SearchEntry(
        content_type=ContentType.objects.get_for_model(tag),
        object_id=tag.pk,
        kind="tag",
        url=reverse("tag_detail", args=[tag.slug]),
        **tag_document(tag, count),
    )


def learn_words(entries):
    words = set()
    for entry in entries:
        for text in (entry.title, entry.summary, entry.keywords, entry.body):
            words.update(LEXICON_WORD.findall(text.lower()))
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word) for word in sorted(words)], ignore_conflicts=True, batch_size=BATCH
    )


def save_entries(entries):
    """Insert or replace the entries for these items."""
    for entry in entries:
        SearchEntry.objects.update_or_create(
            content_type=entry.content_type,
            object_id=entry.object_id,
            defaults={f: getattr(entry, f) for f in ["kind", "url", "title", "summary",
                                                     "keywords", "body"]},
        )  # fmt: skip
    learn_words(entries)


def remove(model, pks):
    SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=pks
    ).delete()


def index_item(item):
    """Index one item as it is now: published items in, everything else out."""
    model = type(item)
    fresh = model.objects.published().for_search().filter(pk=item.pk).first()
    if fresh is None:
        remove(model, [item.pk])
    else:
        save_entries([entry_for(fresh)])


def index_tags(tags):
    """Tags are searchable while some published item carries them."""
    counts = published_tag_counts(tags)
    save_entries([tag_entry(tag, n) for tag, n in counts.items()])
    remove(Tag, [tag.pk for tag in tags if tag not in counts])


@transaction.atomic
def rebuild(progress=None):
    """Rebuild the whole index from the database; returns the number of entries."""
    SearchEntry.objects.all().delete()
    total = 0
    for model in registry.models(searchable=True):
        kind = registry.of(model).name
        items = model.objects.published().for_search().order_by("pk")
        batch = []
        for item in items.iterator(chunk_size=BATCH):
            batch.append(entry_for(item))
            if len(batch) == BATCH:
                total += flush(batch, progress, kind)
        total += flush(batch, progress, kind)
    tags = [tag_entry(tag, n) for tag, n in published_tag_counts().items()]
    total += flush(tags, progress, "tag")
    # Bulk inserts send no signals: say that search pages changed (and whatever the bulk
    # load that asked for a rebuild changed with them).
    cache.content_changed()
    return total


def flush(batch, progress, kind):
    count = len(batch)
    if batch:
        SearchEntry.objects.bulk_create(batch, batch_size=BATCH)
        learn_words(batch)
        batch.clear()
    if progress:
        progress(kind, count)
    return count
