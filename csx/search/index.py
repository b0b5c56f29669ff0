"""Keeps the search index in step with the library: one entry per approved item (live,
scheduled or expired: each search keeps to the entry's times), one per tag in use, and the
lexicon of the words those entries hold (for "did you mean")."""

import re
import threading
from collections import Counter
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from taggit.models import Tag

from csx.content import registry
from csx.content.tags import approved_tag_windows
from csx.models import SearchEntry, SearchTerm
from csx.search.documents import tag_document
from csx.search.meaning import index_changed, with_meaning
from csx.search.tokens import joined_forms, name_key
from csx.search.words import words_of
from csx.serving import cache

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


# What the vectors in memory hold of an entry: a save that changes none of it (a body's end,
# past what the vector reads) leaves them, and the pages drawn from them, as they are.
HELD = ("kind", "go_live_at", "take_down_at", "meaning")


def held(entry, field):
    value = getattr(entry, field)
    return bytes(value) if isinstance(value, memoryview) else value  # PostgreSQL's binary


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
        **with_joined_names(item.search_document()),
    )


def with_joined_names(document):
    """The document with its names also written as one word, each in the field it came
    from ("AT&T" → "att" beside the title's words; "thank-you" → "thankyou" in the body), and
    a two-word title joined ("Trader Joe's" → "traderjoes"): readers type them so."""
    head = " ".join([document["title"], document["keywords"]])
    title = [word for word in words_of(document["title"]) if word not in ("the", "s")]
    extra = joined_forms(head) + ([name_key(document["title"])] if len(title) == 2 else [])
    return {
        **document,
        "keywords": " ".join([document["keywords"], *extra]).strip(),
        "body": " ".join([document["body"], *joined_forms(document["body"])]).strip(),
    }


def tag_entry(tag, window):
    return SearchEntry(
        content_type=ContentType.objects.get_for_model(tag),
        object_id=tag.pk,
        kind="tag",
        url=reverse("tag_detail", args=[tag.slug]),
        go_live_at=window.start,
        take_down_at=window.end,
        **with_joined_names(tag_document(tag)),
    )


def words_in(entry):
    """The lexicon words of one entry (each once)."""
    text = " ".join([entry.title, entry.summary, entry.keywords, entry.body]).lower()
    return set(LEXICON_WORD.findall(text))


def count_words(changes):
    """Apply {word: how many more entries hold it (or fewer, if negative)} to the lexicon;
    a word no entry holds any more leaves it, so it is never suggested."""
    changes = {word: n for word, n in changes.items() if n}
    if not changes:
        return
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word) for word in sorted(changes) if changes[word] > 0],
        ignore_conflicts=True,
        batch_size=BATCH,
    )
    by_change = {}
    for word, n in changes.items():
        by_change.setdefault(n, []).append(word)
    for n, words in by_change.items():
        for start in range(0, len(words), BATCH):
            SearchTerm.objects.filter(word__in=words[start : start + BATCH]).update(
                entries=F("entries") + n
            )
    fewer = [word for word, n in changes.items() if n < 0]
    for start in range(0, len(fewer), BATCH):
        SearchTerm.objects.filter(word__in=fewer[start : start + BATCH], entries__lte=0).delete()


def existing_entries(entries):
    """The stored entries for these items, by (content type id, object id)."""
    stored = {}
    for content_type, ids in group_ids(entries).items():
        for entry in SearchEntry.objects.filter(content_type=content_type, object_id__in=ids):
            stored[(entry.content_type_id, entry.object_id)] = entry
    return stored


def group_ids(entries):
    ids = {}
    for entry in entries:
        ids.setdefault(entry.content_type_id, []).append(entry.object_id)
    return ids


def save_entries(entries):
    """Insert or replace the entries for these items, and recount their words."""
    stored = existing_entries(entries)
    changes = Counter()
    moved = False  # what the vectors in memory hold changed (csx/search/meaning.py, Vectors)
    for entry in with_meaning(entries):
        old = stored.get((entry.content_type_id, entry.object_id))
        changes.update(words_in(entry))
        if old is not None:
            changes.subtract(words_in(old))
        moved = moved or old is None or any(held(old, f) != held(entry, f) for f in HELD)
        SearchEntry.objects.update_or_create(
            content_type=entry.content_type,
            object_id=entry.object_id,
            defaults={f: getattr(entry, f) for f in ["kind", "url", "title", "summary",
                                                     "keywords", "body", "go_live_at",
                                                     "take_down_at", "meaning"]},
        )  # fmt: skip
    count_words(changes)
    if moved:  # else every page that reads the vectors (related stories) stays cached
        index_changed()


def remove(model, pks):
    entries = SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=pks
    )
    changes = Counter()
    for entry in entries:
        changes.subtract(words_in(entry))
    deleted, _ = entries.delete()
    count_words(changes)
    if deleted:
        index_changed()


def index_item(item):
    """Index one item as it is now: approved items in (with their times), the others out."""
    model = type(item)
    fresh = model.objects.approved().for_search().filter(pk=item.pk).first()
    if fresh is None:
        remove(model, [item.pk])
    else:
        save_entries([entry_for(fresh)])


def index_tags(tags):
    """Tags are searchable while some live item carries them (the entry keeps their times)."""
    windows = approved_tag_windows(tags)
    save_entries([tag_entry(tag, window) for tag, window in windows.items()])
    remove(Tag, [tag.pk for tag in tags if tag not in windows])


@transaction.atomic
def rebuild(progress=None):
    """Rebuild the whole index and its lexicon from the database; returns the number of
    entries."""
    SearchEntry.objects.all().delete()
    SearchTerm.objects.all().delete()
    words = Counter()
    total = 0
    for model in registry.models(searchable=True):
        kind = registry.of(model).name
        items = model.objects.approved().for_search().order_by("pk")
        batch = []
        for item in items.iterator(chunk_size=BATCH):
            batch.append(entry_for(item))
            if len(batch) == BATCH:
                total += flush(batch, words, progress, kind)
        total += flush(batch, words, progress, kind)
    tags = [tag_entry(tag, window) for tag, window in approved_tag_windows().items()]
    total += flush(tags, words, progress, "tag")
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word, entries=n) for word, n in sorted(words.items())], batch_size=BATCH
    )
    index_changed()
    # Bulk inserts send no signals: say that search pages changed (and whatever the bulk
    # load that asked for a rebuild changed with them).
    cache.content_changed()
    return total


def flush(batch, words, progress, kind):
    count = len(batch)
    if batch:
        SearchEntry.objects.bulk_create(with_meaning(batch), batch_size=BATCH)
        for entry in batch:
            words.update(words_in(entry))
        batch.clear()
    if progress:
        progress(kind, count)
    return count
