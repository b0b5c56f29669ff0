"""The editors' dashboard: the admin's front page, each entry linking to its item."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from csx.editorial import workflow
from csx.feedback.models import VerificationTask
from csx.models import Review
from csx.search import log as search_log
from tests.admin_forms import change_url, edit
from tests.factories import make_statistic, make_story
from tests.feedback.helpers import make_submission

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


def test_live_items_past_their_review_date_are_due_with_their_owner(editor_client, editor):
    overdue, _fresh = make_story(title="Overdue", owner=editor), make_story(title="Fresh")
    overdue.mark_reviewed(timezone.localdate() - timedelta(days=400))
    overdue.save()
    page = editor_client.get(reverse("admin:index"))
    assert [(e.item, e.when, e.user) for e in page.context["due"]] == [
        (overdue, overdue.review_by, editor)
    ]
    assert change_url(overdue) in page.text


def test_broken_references_are_listed_with_the_item_holding_them(editor_client):
    make_story(slug="hidden", status="draft")
    holder = make_story(title="Holder", body="As [the other one](story:hidden) shows.")
    page = editor_client.get(reverse("admin:index"))
    assert [(e.item, e.note) for e in page.context["broken"]] == [
        (holder, "links to story:hidden: not published")
    ]
    assert change_url(holder) in page.text


def test_what_readers_sent_is_on_the_board(editor_client):
    submission = make_submission(what_happened="The night manager found me a room. " * 4)
    statistic = make_statistic(title="A doubted figure")
    VerificationTask.open_for(statistic)
    page = editor_client.get(reverse("admin:index"))
    assert reverse("admin:feedback_submission_change", args=[submission.pk]) in page.text
    assert "A doubted figure" in page.text
    assert "Shared stories waiting: 1" in page.text


def test_searches_that_found_nothing_are_on_the_board_with_a_way_to_fix_them(editor_client):
    search_log.record("hostile shopper", 0)
    page = editor_client.get(reverse("admin:index"))
    assert [row.query for row in page.context["zero_result_queries"]] == ["hostile shopper"]
    assert reverse("admin:csx_synonym_add") + "?terms=hostile%20shopper" in page.text


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
