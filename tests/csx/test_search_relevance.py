"""The relevance set (search_relevance.py) on this database: the share of its queries whose
first result is the page the reader meant. docs/search.md gives the figure on each."""

import pytest
from django.db import connection

from csx.search import search
from tests.csx.search_relevance import QUERIES, url_of

pytestmark = pytest.mark.django_db

# The share reached so far on each database; it may only rise.
FOUND_AT_LEAST = {"sqlite": 0.95, "postgresql": 0.95}


def first_url(text):
    """The first link the page offers: a section it names, or else the first result."""
    found = search(text)
    firsts = [*found.sections, *found.results]
    return firsts[0].url if firsts else None


def misses():
    return [
        (text, want, got)
        for text, page in QUERIES
        if (got := first_url(text)) != (want := url_of(page))
    ]


def test_the_relevance_set_finds_what_readers_mean(seeded, capsys):
    missed = misses()
    share = 1 - len(missed) / len(QUERIES)
    with capsys.disabled():
        print(f"\nrelevance on {connection.vendor}: {share:.1%} of {len(QUERIES)} queries")
        for text, want, got in missed:
            print(f"  missed {text!r}: wanted {want}, first was {got}")
    assert share >= FOUND_AT_LEAST[connection.vendor]
