"""The editors' dashboard: the admin's front page, each entry linking to its item."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from csx import workflow
from csx.models import Review
from tests.admin_forms import change_url, edit
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def board(client):
    return client.get(reverse("admin:index")).context


def test_a_publisher_sees_what_waits_for_review(editor, publisher_client):
    story = make_story(status="draft", title="A new story")
    workflow.submit(story, editor)
    page = publisher_client.get(reverse("admin:index"))
    assert [review.item for review in page.context["waiting"]] == [story]
    assert reverse("admin:review", args=[Review.objects.get().pk]) in page.text


def test_an_editor_sees_their_own_requests_waiting(editor_client, editor, publisher):
    mine, theirs = make_story(status="draft"), make_story(status="draft")
    workflow.submit(mine, editor)
    workflow.submit(theirs, publisher)
    assert [review.item for review in board(editor_client)["waiting"]] == [mine]


def test_an_editor_sees_what_was_sent_back_with_the_comment(editor_client, editor, publisher):
    story = make_story(status="draft")
    workflow.send_back(workflow.submit(story, editor), publisher, "Name the airline.")
    page = editor_client.get(reverse("admin:index"))
    assert [review.comment for review in page.context["sent_back"]] == ["Name the airline."]
    assert change_url(story) in page.text


def test_sent_back_leaves_the_board_once_submitted_again(editor_client, editor, publisher):
    story = make_story(status="draft")
    workflow.send_back(workflow.submit(story, editor), publisher, "Name the airline.")
    workflow.submit(story, editor)
    assert board(editor_client)["sent_back"] == []


def test_what_goes_live_within_a_week_is_listed_soonest_first(editor_client):
    now = timezone.now()
    later = make_story(title="Later", published_at=now + timedelta(days=5))
    sooner = make_story(title="Sooner", published_at=now + timedelta(days=1))
    make_story(title="Next month", published_at=now + timedelta(days=30))
    coming = board(editor_client)["coming_up"]
    assert [(entry.item, entry.note) for entry in coming] == [
        (sooner, "goes live"),
        (later, "goes live"),
    ]


def test_what_comes_down_within_a_week_is_listed(editor_client):
    story = make_story(take_down_at=timezone.now() + timedelta(days=2))
    assert [(e.item, e.note) for e in board(editor_client)["coming_up"]] == [(story, "comes down")]


def test_live_items_unchanged_for_a_year_are_due_for_review(editor_client):
    from stories.models import Story

    old, _recent = make_story(title="Old"), make_story(title="Recent")
    Story.objects.filter(pk=old.pk).update(updated=timezone.now() - timedelta(days=400))
    assert [entry.item for entry in board(editor_client)["due"]] == [old]


def test_recent_changes_link_to_their_items(editor_client):
    story = make_story(status="draft", title="Edited story")
    edit(editor_client, story, title="Edited story, again")
    page = editor_client.get(reverse("admin:index"))
    assert page.context["recent"][0].item == story
    assert change_url(story) in page.text


def test_counts_per_state_link_to_the_filtered_lists(editor_client):
    make_story()
    make_story(status="draft")
    make_story(published_at=timezone.now() + timedelta(days=1))
    page = editor_client.get(reverse("admin:index"))
    stories = {plural: dict(row) for plural, url, row in page.context["counts"]}["Stories"]
    assert (stories["live"], stories["draft"], stories["scheduled"]) == (1, 1, 1)
    assert 'href="/admin/stories/story/?state=scheduled"' in page.text
