"""The story admin's search (issue 27: 50,000 stories): it finds what Django's search over
title, summary, takeaway and the company's name finds, and on PostgreSQL it can be answered
from indexes, as can the dashboard's stories that hold a link, instead of a read of every
story (docs/performance.md, "At 50,000 stories")."""

import pytest
from django.db import connection, transaction
from django.urls import reverse

from stories.models import Story
from tests.factories import make_company, make_story

pytestmark = pytest.mark.django_db

LIST = reverse("admin:stories_story_changelist")


def found(client, q):
    response = client.get(LIST, {"q": q})
    assert response.status_code == 200
    return {story.title for story in response.context["cl"].result_list}


@pytest.fixture
def stories():
    luggage = make_company(title="Lost Luggage Airways")
    make_story(title="The bag that flew twice", company=luggage)
    make_story(title="Luggage left at the gate")
    make_story(title="A refund", summary="They found the LUGGAGE in a day.")
    make_story(title="Signs", takeaway="Say where the luggage goes.")
    make_story(title="Nothing of bags", company=make_company(title="Hotel Quiet"))


def test_a_word_is_found_in_the_title_summary_takeaway_or_company_name(editor_client, stories):
    assert found(editor_client, "luggage") == {
        "The bag that flew twice",
        "Luggage left at the gate",
        "A refund",
        "Signs",
    }


def test_every_word_must_be_found_somewhere_company_name_included(editor_client, stories):
    assert found(editor_client, "airways twice") == {"The bag that flew twice"}
    assert found(editor_client, "airways gate") == set()


def test_a_story_without_a_company_is_found_by_its_own_words(editor_client, stories):
    assert found(editor_client, "hotel") == {"Nothing of bags"}
    assert found(editor_client, "gate") == {"Luggage left at the gate"}


def plan(queryset):
    """The database's plan of `queryset`; on PostgreSQL one that may not read a whole table,
    so that a read of every row is chosen only when no index can answer."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.explain()


TRIGRAMS = ("story_title_trigram", "story_summary_trigram", "story_takeaway_trigram")


def test_the_search_reads_each_column_from_its_index_where_there_is_one(editor_client, stories):
    """On PostgreSQL each searched column is read from its trigram index; SQLite has no such
    index (TrigramIndex is a comment there), and the migration makes none it cannot use."""
    response = editor_client.get(LIST, {"q": "luggage"})
    shown = plan(response.context["cl"].queryset.order_by().values("pk"))
    if connection.vendor == "postgresql":
        assert "Seq Scan on stories_story" not in shown
        assert [index for index in TRIGRAMS if index in shown] == list(TRIGRAMS)
    else:
        indexes = connection.introspection.get_constraints(connection.cursor(), "stories_story")
        assert [index for index in TRIGRAMS if index in indexes] == []


def test_the_stories_holding_a_link_have_an_index_postgresql_reads(stories):
    make_story(title="Linked", body="See [the other](story:the-bag-that-flew-twice).")
    assert [story.title for story in Story.objects.holding_links()] == ["Linked"]
    indexes = connection.introspection.get_constraints(connection.cursor(), "stories_story")
    assert "story_holding_links" in indexes
    if connection.vendor == "postgresql":  # SQLite's planner reads a table this small whole
        assert "story_holding_links" in plan(Story.objects.holding_links())
