"""Keeps the search index in step with the library: one entry per approved item (live,
scheduled or expired: each search keeps to the entry's times), and one per tag in use."""

import re
import threading
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from taggit.models import Tag

from csx import registry
from csx.models import SearchEntry, SearchTerm
from csx.search.documents import tag_document
from csx.tags import approved_tag_windows

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


@contextmanager
def skipped():
    """Writes about to be rolled back (a draft applied to draw its form or its preview)
    leave the index alone."""
    before = is_paused()
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = before


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
        go_live_at=item.published_at,
        take_down_at=item.take_down_at,
        **item.search_document(),
    )


def tag_entry(tag, window):
    return SearchEntry(
        content_type=ContentType.objects.get_for_model(tag),
        object_id=tag.pk,
        kind="tag",
        url=reverse("tag_detail", args=[tag.slug]),
        go_live_at=window.start,
        take_down_at=window.end,
        **tag_document(tag),
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
                                                     "keywords", "body", "go_live_at",
                                                     "take_down_at"]},
        )  # fmt: skip
    learn_words(entries)


def remove(model, pks):
    SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=pks
    ).delete()


def index_item(item):
    """Index one item as it is now: approved items in (with their times), the others out."""
    model = type(item)
    fresh = model.objects.approved().for_search().filter(pk=item.pk).first()
    if fresh is None:
        remove(model, [item.pk])
    else:
        save_entries([entry_for(fresh)])


def index_tags(tags):
    """Tags are searchable while some published item carries them."""
    windows = approved_tag_windows(tags)
    save_entries([tag_entry(tag, window) for tag, window in windows.items()])
    remove(Tag, [tag.pk for tag in tags if tag not in windows])


@transaction.atomic
def rebuild(progress=None):
    """Rebuild the whole index from the database; returns the number of entries."""
    SearchEntry.objects.all().delete()
    total = 0
    for model in registry.models(searchable=True):
        kind = registry.of(model).name
        items = model.objects.approved().for_search().order_by("pk")
        batch = []
        for item in items.iterator(chunk_size=BATCH):
            batch.append(entry_for(item))
            if len(batch) == BATCH:
                total += flush(batch, progress, kind)
        total += flush(batch, progress, kind)
    tags = [tag_entry(tag, window) for tag, window in approved_tag_windows().items()]
    total += flush(tags, progress, "tag")
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
