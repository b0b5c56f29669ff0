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
    assert held.matrix.shape == (len(held.ids), meaning.DIMENSIONS)


def test_a_process_that_finds_the_file_maps_it_without_reading_the_vectors(indexed):
    first = meaning.load(indexed)
    with CaptureQueriesContext(connection) as queries:
        second = meaning.load(indexed)  # as another worker would, under the same token
    selected = [query["sql"].split(" FROM ")[0] for query in queries.captured_queries]
    assert not any("meaning" in columns for columns in selected)
    assert np.array_equal(second.matrix, first.matrix)


def test_vectors_read_without_a_token_are_kept_by_the_process_alone(indexed):
    held = meaning.load(None)  # an uncommitted change to the index, or the cache away
    assert not isinstance(held.matrix, np.memmap)
    assert held.matrix.shape == (2, meaning.DIMENSIONS)


def test_a_new_token_gets_a_file_of_its_own(indexed):
    meaning.load(indexed)
    make_story(title="A bank waives a fee for a bereaved widow", summary="Kindness.")
    newer = a_token()
    held = meaning.load(newer)
    assert Path(held.matrix.filename) == meaning.matrix_file(newer)
    assert held.matrix.shape == (3, meaning.DIMENSIONS)


def test_the_file_of_an_old_token_is_removed_once_stale(indexed):
    old = meaning.load(indexed)
    stale = meaning.matrix_file(indexed)
    os.utime(stale, (0, 0))  # written long ago
    make_story(title="A bank waives a fee for a bereaved widow", summary="Kindness.")
    meaning.load(a_token())
    assert not stale.exists()
    assert old.matrix.shape == (2, meaning.DIMENSIONS)  # still mapped by who held it


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
