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
    """PostgreSQL's plan of `queryset` when it may not read a whole table: a read of every
    row is then chosen only when no index can answer."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.explain()


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("an index of PostgreSQL's")


def test_the_search_reads_each_column_from_its_index(postgresql, editor_client, stories):
    response = editor_client.get(LIST, {"q": "luggage"})
    searched = response.context["cl"].queryset
    shown = plan(searched.order_by().values("pk"))
    assert "Seq Scan on stories_story" not in shown
    for index in ("story_title_trigram", "story_summary_trigram", "story_takeaway_trigram"):
        assert index in shown


def test_the_stories_holding_a_link_are_read_from_their_index(postgresql, stories):
    make_story(title="Linked", body="See [the other](story:the-bag-that-flew-twice).")
    shown = plan(Story.objects.holding_links())
    assert "story_holding_links" in shown
    assert [story.title for story in Story.objects.holding_links()] == ["Linked"]
