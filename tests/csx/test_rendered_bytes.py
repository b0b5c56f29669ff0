"""Each process's cache of drawn fragments ("rendered") is bounded in bytes, not only in
entries: a 50,000-story library filled 2,000 entries with 15 MB in every web worker."""

import pickle

import pytest

from csx.serving.cache_backend import RenderedCache

# What this checks happens outside the database (marker outside_the_database): one CI pass only.
pytestmark = pytest.mark.outside_the_database

BOUND = 20_000
VALUE = "x" * 2_000  # a fragment's HTML


@pytest.fixture
def rendered(request):
    cache = RenderedCache(f"bytes-{request.node.name}", {"OPTIONS": {"MAX_BYTES": BOUND}})
    yield cache
    cache.clear()


def held(cache):
    return sum(len(value) for value in cache._cache.values())


def test_the_cache_never_holds_more_bytes_than_its_bound(rendered):
    for number in range(50):
        rendered.set(f"k{number}", VALUE)
        assert held(rendered) <= BOUND
    assert len(pickle.dumps(VALUE)) * 50 > 4 * BOUND  # the values would have held 5 bounds


def test_what_goes_first_is_what_was_used_longest_ago(rendered):
    for number in range(8):
        rendered.set(f"k{number}", VALUE)
    rendered.get("k0")  # read again: now the most recently used
    for number in range(8, 12):
        rendered.set(f"k{number}", VALUE)
    assert (rendered.get("k0"), rendered.get("k1")) == (VALUE, None)


def test_without_a_bound_in_bytes_only_entries_count():
    cache = RenderedCache("bytes-unbounded", {"OPTIONS": {"MAX_ENTRIES": 100}})
    for number in range(50):
        cache.set(f"k{number}", VALUE)
    assert len(cache._cache) == 50
    cache.clear()
