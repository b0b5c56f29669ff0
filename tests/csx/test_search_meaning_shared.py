"""The meaning vectors live in one file per index token that every process maps
(csx/search/meaning.py), so that web workers share one copy instead of holding one each."""

import os
from pathlib import Path

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from csx.search import meaning, search
from tests.factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed():
    make_story(title="Doctor dragged from an overbooked United flight", summary="Removed.")
    make_story(title="A hotel returns a stuffed giraffe", summary="Toy sent home.")
    return meaning.current_token()


def test_the_vectors_are_a_map_of_the_file_named_for_the_index_token(indexed):
    held = meaning.vectors()
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


def test_searching_by_meaning_reads_the_shared_file(indexed):
    assert [r.title for r in search("passenger pulled off an aeroplane").results] == [
        "Doctor dragged from an overbooked United flight"
    ]


def test_a_change_to_the_index_writes_a_file_for_the_new_token(indexed):
    meaning.vectors()
    make_story(title="A bank waives a fee for a bereaved widow", summary="Kindness.")
    held = meaning.vectors()
    assert meaning.current_token() != indexed
    assert Path(held.matrix.filename) == meaning.matrix_file(meaning.current_token())
    assert held.matrix.shape == (3, meaning.DIMENSIONS)


def test_the_file_of_an_old_token_is_removed_once_stale(indexed):
    old = meaning.vectors()
    stale = meaning.matrix_file(indexed)
    os.utime(stale, (0, 0))  # written long ago
    make_story(title="A bank waives a fee for a bereaved widow", summary="Kindness.")
    meaning.vectors()
    assert not stale.exists()
    assert old.matrix.shape == (2, meaning.DIMENSIONS)  # still mapped by who held it
