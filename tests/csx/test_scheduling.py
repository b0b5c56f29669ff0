"""Scheduling: an approved item shows between its "go live at" and "take down at" times,
everywhere at once (pages, lists, feeds, sitemaps, search, tags), with no save or job."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from csx.models import State, Status, Withdrawal
from csx.search import search
from stories.models import Story
from tests.factories import make_story

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


def titles(query):
    return [result.title for result in search(query).results]


def test_published_keeps_to_both_times():
    now = timezone.now()
    live = make_story(published_at=now - HOUR, take_down_at=now + HOUR)
    make_story(published_at=now + HOUR)
    make_story(published_at=now - 2 * HOUR, take_down_at=now - HOUR)
    assert list(Story.objects.published()) == [live]


@pytest.mark.parametrize(
    "fields, state",
    [
        ({"status": Status.DRAFT}, State.DRAFT),
        ({"status": Status.IN_REVIEW}, State.IN_REVIEW),
        ({"status": Status.WITHDRAWN}, State.WITHDRAWN),
        ({"published_at": "future"}, State.SCHEDULED),
        ({"take_down_at": "past"}, State.EXPIRED),
        ({}, State.LIVE),
    ],
)
def test_state_says_what_readers_get(fields, state):
    now = timezone.now()
    times = {"future": now + HOUR, "past": now - HOUR}
    if fields.get("take_down_at") == "past":
        fields = {"published_at": now - 2 * HOUR, "take_down_at": now - HOUR}
    story = make_story(**{name: times.get(value, value) for name, value in fields.items()})
    assert story.state == state
    assert list(Story.objects.in_state(state)) == [story]


def test_a_scheduled_item_appears_in_search_at_its_time_without_a_save():
    go_live = timezone.now() + HOUR
    make_story(title="Lighthouse keeper", published_at=go_live)
    assert titles("lighthouse") == []
    with time_machine.travel(go_live + timedelta(seconds=1), tick=False):
        assert titles("lighthouse") == ["Lighthouse keeper"]


def test_an_item_leaves_search_at_its_take_down_time_without_a_save():
    take_down = timezone.now() + HOUR
    make_story(title="Lighthouse keeper", take_down_at=take_down)
    assert titles("lighthouse") == ["Lighthouse keeper"]
    with time_machine.travel(take_down, tick=False):
        assert titles("lighthouse") == []


def test_a_scheduled_items_tag_appears_in_search_at_its_time():
    go_live = timezone.now() + HOUR
    make_story(title="Lighthouse keeper", published_at=go_live, tags=["harbours"])
    assert titles("harbours") == []
    with time_machine.travel(go_live, tick=False):
        assert "harbours" in titles("harbours")


def test_a_scheduled_item_appears_on_every_page_at_its_time(client):
    go_live = timezone.now() + HOUR
    story = make_story(title="Lighthouse keeper", published_at=go_live, tags=["harbours"])
    pages = [reverse("stories:story_list"), reverse("story_feed"), "/sitemap-stories.xml", "/tags/"]
    before = [client.get(url).text for url in pages]
    assert client.get(story.get_absolute_url()).status_code == 404
    with time_machine.travel(go_live, tick=False):
        after = [client.get(url).text for url in pages]
        assert client.get(story.get_absolute_url()).status_code == 200
    for url, old, new in zip(pages, before, after, strict=True):
        mentions = "harbours" if url == "/tags/" else story.slug
        assert mentions not in old and mentions in new, url


def test_a_live_item_re_dated_to_the_future_is_scheduled_not_withdrawn(client):
    story = make_story()
    story.published_at = timezone.now() + HOUR
    story.save()
    assert story.state == State.SCHEDULED
    assert not Withdrawal.objects.exists()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_an_item_past_its_take_down_time_answers_gone(client):
    take_down = timezone.now() + HOUR
    story = make_story(title="Lighthouse keeper", take_down_at=take_down)
    with time_machine.travel(take_down + HOUR, tick=False):
        response = client.get(story.get_absolute_url())
        short = client.get(reverse("short_link", args=[story.short_code]))
    assert response.status_code == 410
    assert "Lighthouse keeper" in response.text
    assert short.status_code == 410


def test_withdrawing_a_live_item_answers_gone(client):
    story = make_story()
    story.status = Status.WITHDRAWN
    story.save()
    assert client.get(story.get_absolute_url()).status_code == 410


def test_withdrawing_an_item_that_never_went_live_leaves_no_withdrawal():
    story = make_story(published_at=timezone.now() + HOUR)
    story.status = Status.WITHDRAWN
    story.save()
    assert not Withdrawal.objects.exists()


def test_take_down_must_come_after_go_live():
    from django.db import IntegrityError, transaction

    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_story(published_at=now, take_down_at=now - HOUR)


def test_the_admin_list_says_what_readers_get_never_published(editor_client):
    now = timezone.now()
    make_story(title="Soon", published_at=now + HOUR)
    make_story(title="Now")
    make_story(title="Gone", published_at=now - 2 * HOUR, take_down_at=now - HOUR)
    page = editor_client.get(reverse("admin:stories_story_changelist"))
    cells = {
        row.title: page.context["cl"].model_admin.state_label(row)
        for row in page.context["cl"].result_list
    }
    assert cells["Now"] == "Live"
    assert cells["Soon"].startswith("Scheduled for ")
    assert cells["Gone"] == "Expired"
    assert "Published" not in page.text.split('id="result_list"')[1].split("</table>")[0]


def test_the_admin_list_filters_by_what_readers_get(editor_client):
    scheduled = make_story(published_at=timezone.now() + HOUR)
    make_story()
    page = editor_client.get(reverse("admin:stories_story_changelist") + "?state=scheduled")
    assert list(page.context["cl"].result_list) == [scheduled]


def test_the_admin_list_marks_a_pending_change(editor_client):
    from tests.admin_forms import edit

    story = make_story(title="Live one")
    edit(editor_client, story, title="Changed one")
    page = editor_client.get(reverse("admin:stories_story_changelist"))
    row = page.context["cl"].result_list[0]
    assert page.context["cl"].model_admin.state_label(row) == "Live · change pending"


def test_did_you_mean_offers_no_word_only_a_scheduled_item_holds():
    now = timezone.now()
    make_story(title="Marmalade breakfast", published_at=now + HOUR)
    assert search("marmelade").suggestion is None
    assert search("marmelade").corrected is None
    with time_machine.travel(now + 2 * HOUR):
        assert search("marmelade").corrected == "marmalade"
