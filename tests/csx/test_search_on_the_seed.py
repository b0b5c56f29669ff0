"""Search over the seed library, loaded once for the module: what readers remember comes
first, and the relevance set (search_relevance.py) on this database, the share of its queries
whose first result is the page the reader meant (docs/search.md gives the figure on each)."""

import pytest
from django.db import connection
from django.urls import reverse

from csx.search import search
from tests.csx.search_relevance import QUERIES, url_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_for_the_module")]

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


def test_the_relevance_set_finds_what_readers_mean(capsys):
    missed = misses()
    share = 1 - len(missed) / len(QUERIES)
    with capsys.disabled():
        print(f"\nrelevance on {connection.vendor}: {share:.1%} of {len(QUERIES)} queries")
        for text, want, got in missed:
            print(f"  missed {text!r}: wanted {want}, first was {got}")
    assert share >= FOUND_AT_LEAST[connection.vendor]


GIRAFFE = "The giraffe who stayed on for a vacation"
TIRES = "Nordstrom takes back tires it never sold"
UNITED = "United Airlines, an overbooked flight and a dismissive first response"


@pytest.mark.parametrize(
    "query, meant",
    [
        ("the giraffe one", {GIRAFFE}),
        ("tires", {TIRES}),
        ("the airline that overbooked", {UNITED}),
        ("girafe", {GIRAFFE}),
        ("nordstorm", {TIRES, "Nordstrom"}),  # the story or the company's page
        ("empathie", {"Empathy", "Empathy in Customer Service"}),  # the principle or the course
    ],
)
def test_what_people_remember_comes_first(query, meant):
    assert search(query).results[0].title in meant


def test_hug_haters_finds_the_book_on_the_search_page(client):
    response = client.get(reverse("search"), {"q": "hug haters"})
    results = response.context["found"].results
    assert [(r.kind, r.title, r.url) for r in results][:1] == [
        ("resource", "Hug Your Haters", "/resources/#hug-your-haters")
    ]
