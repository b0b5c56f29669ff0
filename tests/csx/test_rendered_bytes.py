"""Each process's cache of drawn fragments ("rendered") holds its fragments in a bounded
number of bytes, not only of entries: at 50,000 stories 900 fragments were 12 MB in every web
worker. What pages' queries found (memos) is not pushed out by fragments."""

import pickle
import secrets

import pytest

from csx.serving.cache_backend import FRAGMENT, Fragment, RenderedCache

# What this checks happens outside the database (marker outside_the_database): one CI pass only.
pytestmark = pytest.mark.outside_the_database

HTML = secrets.token_hex(1_000)  # a fragment: 2,000 characters that compress only to half
HELD = len(pickle.dumps(Fragment.of(HTML, None)))  # the bytes one holds in the cache
BOUND = 10 * HELD


def fragment(number):
    return f"{FRAGMENT}card.{number}"


@pytest.fixture
def rendered(request):
    cache = RenderedCache(f"bytes-{request.node.name}", {"OPTIONS": {"FRAGMENT_BYTES": BOUND}})
    yield cache
    cache.clear()


def fragments_held(cache):
    return sum(len(value) for key, value in cache._cache.items() if FRAGMENT in key)


def test_fragments_never_hold_more_bytes_than_the_bound(rendered):
    for number in range(50):
        rendered.set(fragment(number), HTML)
        assert fragments_held(rendered) <= BOUND
    assert fragments_held(rendered) > BOUND // 2  # trimmed, not emptied
    assert HELD * 50 == 5 * BOUND  # the fragments would have held 5 bounds


def test_the_fragment_that_goes_first_is_the_one_used_longest_ago(rendered):
    for number in range(8):
        rendered.set(fragment(number), HTML)
    rendered.get(fragment(0))  # read again: now the most recently used
    for number in range(8, 12):
        rendered.set(fragment(number), HTML)
    assert (rendered.get(fragment(0)), rendered.get(fragment(1))) == (HTML, None)


def test_what_pages_found_stays_while_fragments_come_and_go(rendered):
    found = ["a company"] * 5_000  # the story filters' companies: far more than the bound
    rendered.set("csx:memo:companies", found)
    for number in range(50):
        rendered.set(fragment(number), HTML)
    assert rendered.get("csx:memo:companies") == found


def test_without_a_bound_in_bytes_only_entries_count():
    cache = RenderedCache("bytes-unbounded", {"OPTIONS": {"MAX_ENTRIES": 100}})
    for number in range(50):
        cache.set(fragment(number), HTML)
    assert len(cache._cache) == 50
    cache.clear()


def test_a_fragment_is_kept_compressed_and_read_back_as_drawn(rendered):
    html = "<li class='card'><a href='/stories/a-story/'>A story</a></li>\n" * 200
    rendered.set(fragment(0), html)
    assert fragments_held(rendered) < len(html) // 4
    assert rendered.get(fragment(0)) == html
