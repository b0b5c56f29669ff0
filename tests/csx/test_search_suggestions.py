"""Suggestions as the reader types (csx/search/suggestions.py and /search/suggest/)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_principle, make_story

pytestmark = pytest.mark.django_db


def suggested(client, text):
    response = client.get(reverse("search_suggestions"), {"q": text})
    assert response.status_code == 200
    return [(s["title"], s["kind"]) for s in response.json()["suggestions"]]


def test_names_beginning_with_the_text_come_before_names_holding_a_word_that_does(client):
    make_story(title="A tall giraffe returns")
    make_principle(title="Giraffes and kindness")
    assert suggested(client, "giraf") == [
        ("Giraffes and kindness", "Principle"),
        ("A tall giraffe returns", "Story"),
    ]


def test_tags_are_suggested_after_items(client):
    make_story(title="Harbour lights", tags=["harbour"])
    assert suggested(client, "harb") == [("Harbour lights", "Story"), ("harbour", "Tag")]


def test_drafts_are_never_suggested(client):
    make_story(title="Harbour secret", status="draft")
    assert suggested(client, "harb") == []


def test_one_letter_suggests_nothing_and_asks_the_database_nothing(client):
    make_story(title="Harbour lights")
    with CaptureQueriesContext(connection) as queries:
        assert suggested(client, "h") == []
    assert len(queries) == 0


def test_suggestions_take_one_query_however_many_match(client):
    for i in range(12):
        make_story(title=f"Harbour {i:02}")
    with CaptureQueriesContext(connection) as queries:
        assert len(suggested(client, "harb")) == 8
    assert len(queries) == 1


def test_the_answer_may_be_kept_by_browsers_and_proxies(client):
    response = client.get(reverse("search_suggestions"), {"q": "harb"})
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]


def test_an_overlong_text_is_a_400(client):
    response = client.get(reverse("search_suggestions"), {"q": "x" * 201})
    assert response.status_code == 400


def test_the_header_box_is_a_plain_search_form_that_offers_suggestions(client):
    page = client.get(reverse("home")).text
    assert 'action="/search/"' in page
    assert f'data-suggest="{reverse("search_suggestions")}"' in page
