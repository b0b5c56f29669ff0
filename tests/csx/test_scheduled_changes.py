"""A change to a live page approved for later: readers keep the live version until its
time, then the first request after it applies the change, and every page and search show it
at once, with no save and no job."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from csx.editorial import scheduled
from csx.models import PendingChange, Review, State
from csx.search import search
from tests.admin_forms import change_for_later, edit
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def titles(query):
    return [result.title for result in search(query).results]


def test_readers_keep_the_live_version_until_the_changes_time(
    editor_client, publisher_client, client
):
    story = make_story(title="Old title", body="A lantern in the lobby.")
    change_for_later(editor_client, publisher_client, story, title="New title",
                     body="A beacon in the lobby.")  # fmt: skip
    assert "Old title" in client.get(story.get_absolute_url()).text
    assert (titles("lantern"), titles("beacon")) == (["Old title"], [])
    story.refresh_from_db()
    assert (story.title, story.state) == ("Old title", State.LIVE)
    assert Review.objects.get().state == Review.State.APPROVED


def test_at_its_time_the_change_shows_everywhere_without_a_save(
    editor_client, publisher_client, client
):
    story = make_story(title="Old title", body="A lantern in the lobby.")
    later = change_for_later(editor_client, publisher_client, story, title="New title",
                             body="A beacon in the lobby.")  # fmt: skip
    with time_machine.travel(later + timedelta(seconds=1)):
        page = client.get("/stories/")  # any reader's request, any page
        assert "New title" in page.text
        assert "New title" in client.get(story.get_absolute_url()).text
        assert (titles("beacon"), titles("lantern")) == (["New title"], [])
    assert not PendingChange.objects.exists()
    story.refresh_from_db()
    assert (story.title, story.state) == ("New title", State.LIVE)


def test_the_review_form_names_the_time_for_a_change(editor_client, publisher_client):
    story = make_story()
    edit(editor_client, story, "submit", title="New title")
    page = publisher_client.get(reverse("admin:review", args=[Review.objects.get().pk]))
    assert "Change takes effect at" in page.text
    assert "take_down_at" not in page.context["form"].fields


def test_an_edit_after_approval_waits_for_approval_again(editor_client, publisher_client, client):
    story = make_story(title="Old title")
    later = change_for_later(editor_client, publisher_client, story, title="Approved title")
    edit(editor_client, story, title="Unapproved title")
    with time_machine.travel(later + timedelta(seconds=1)):
        assert "Old title" in client.get(story.get_absolute_url()).text
    assert PendingChange.objects.get().takes_effect_at is None


def test_a_change_is_applied_once_however_many_requests_race_for_it(
    editor_client, publisher_client
):
    story = make_story(title="Old title")
    later = change_for_later(editor_client, publisher_client, story, title="New title")
    with time_machine.travel(later + timedelta(seconds=1)):
        assert [item.title for item in scheduled.apply_due()] == ["New title"]
        assert scheduled.apply_due() == []


def test_the_dashboard_and_the_list_say_when_the_change_takes_effect(
    editor_client, publisher_client
):
    story = make_story(title="Old title")
    change_for_later(editor_client, publisher_client, story, title="New title")
    board = publisher_client.get(reverse("admin:index")).context["coming_up"]
    assert [(entry.item, entry.note) for entry in board] == [(story, "change takes effect")]
    listing = publisher_client.get(reverse("admin:stories_story_changelist")).text
    assert "Live · change scheduled for" in listing
