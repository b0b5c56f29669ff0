"""The meaning vectors live in one file per index token that every process maps
(csx/search/meaning.py), so that web workers share one copy instead of holding one each.

The token changes when a change to the index commits (tests/csx/test_search_meaning.py);
these tests name tokens themselves, as two processes reading the same token would."""

import os
import secrets
from pathlib import Path

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from csx.search import meaning
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def a_token():
    return secrets.token_hex(8)


@pytest.fixture
def indexed():
    make_story(title="Doctor dragged from an overbooked United flight", summary="Removed.")
    make_story(title="A hotel returns a stuffed giraffe", summary="Toy sent home.")
    return a_token()


def test_the_vectors_are_a_map_of_the_file_named_for_the_index_token(indexed):
    held = meaning.load(indexed)
    assert isinstance(held.matrix, np.memmap)
    assert Path(held.matrix.filename) == meaning.matrix_file(indexed)
    assert held.matrix.shape == (len(held.ids),)
    # What a search filters on is in the file too: no worker holds a copy of its own.
    columns = [held.ids, held.object_ids, held.live_from, held.live_until]
    assert all(np.shares_memory(column, held.matrix) for column in columns)


def test_a_process_that_finds_the_file_maps_it_without_reading_the_vectors(indexed):
    first = meaning.load(indexed)
    with CaptureQueriesContext(connection) as queries:
        second = meaning.load(indexed)  # as another worker would, under the same token
    # One query, the count that tells the file is this index's: no row is read again.
    [query] = [query["sql"] for query in queries.captured_queries]
    assert query.startswith("SELECT COUNT(*)")
    assert np.array_equal(second.matrix, first.matrix)
    assert (second.ids.tolist(), second.kind_names) == (first.ids.tolist(), ("story",))


def test_a_file_holding_other_rows_than_the_index_is_read_again(indexed):
    meaning.load(indexed)
    make_story(title="A bank waives a fee for a bereaved widow", summary="Kindness.")
    held = meaning.load(indexed)  # the same token, as when the cache was kept and not the rows
    assert len(held.ids) == 3 == len(np.load(meaning.matrix_file(indexed), mmap_mode="r"))


def test_vectors_read_without_a_token_are_kept_by_the_process_alone(indexed):
    held = meaning.load(None)  # an uncommitted change to the index, or the cache away
    assert not isinstance(held.matrix, np.memmap)
    assert held.matrix.shape == (2,)


def test_a_new_token_gets_a_file_of_its_own(indexed):
    meaning.load(indexed)
    make_story(title="A bank waives a fee for a bereaved widow", summary="Kindness.")
    newer = a_token()
    held = meaning.load(newer)
    assert Path(held.matrix.filename) == meaning.matrix_file(newer)
    assert held.matrix.shape == (3,)


def test_the_file_of_an_old_token_is_removed_once_stale(indexed):
    old = meaning.load(indexed)
    stale = meaning.matrix_file(indexed)
    os.utime(stale, (0, 0))  # written long ago
    make_story(title="A bank waives a fee for a bereaved widow", summary="Kindness.")
    meaning.load(a_token())
    assert not stale.exists()
    assert old.matrix.shape == (2,)  # still mapped by who held it


def test_the_models_token_vectors_are_a_map_of_a_file_and_embed_as_the_packages_own():
    import wordllama

    folder = Path(wordllama.__file__).parent
    own = wordllama.WordLlama.load(cache_dir=folder, disable_download=True)
    mapped = meaning.model()
    assert isinstance(mapped.embedding, np.memmap)
    text = ["A hotel returns a stuffed giraffe"]
    assert np.array_equal(mapped.embed(text, norm=True), own.embed(text, norm=True))


def test_a_cache_folder_it_cannot_write_still_leaves_the_model(settings, tmp_path):
    settings.CACHE_DIR = tmp_path / "a-file"
    settings.CACHE_DIR.write_text("not a folder")
    meaning.model.cache_clear()
    try:
        found = meaning.model()
        assert found is not None
        assert not isinstance(found.embedding, np.memmap)
    finally:
        meaning.model.cache_clear()


def stored_vectors():
    """The index's vectors as stored (float16 rows), as float32."""
    from csx.models import SearchEntry

    blobs = SearchEntry.objects.exclude(meaning=None).order_by("id").values_list("meaning")
    rows = [np.frombuffer(blob, dtype=np.float16) for (blob,) in blobs]
    return np.array(rows, dtype=np.float32)


def test_the_file_holds_a_byte_per_value_and_scores_as_the_stored_vectors(indexed):
    held = meaning.load(indexed)
    assert held.matrix["values"].dtype == np.int8
    assert held.matrix.nbytes < len(held.ids) * meaning.DIMENSIONS * 2  # float32: 4 a value
    query = meaning.query_vector("a passenger removed from a plane")
    assert np.abs(held.products(query) - stored_vectors() @ query).max() < 0.005
    assert np.allclose(held.row(0), stored_vectors()[0], atol=0.005)


def test_a_float32_file_of_the_same_token_is_replaced(indexed):
    path = meaning.matrix_file(indexed)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, stored_vectors())  # as the code before this format wrote it
    held = meaning.load(indexed)
    assert held.matrix.dtype == meaning.ROW
    assert np.load(path, mmap_mode="r").dtype == meaning.ROW
