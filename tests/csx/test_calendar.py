"""The editors' calendar: what goes live, comes down or changes by schedule, by day, a
month or a week at a time, each entry linked to its item."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from csx.editorial import dashboard, schedule_calendar
from tests import markup
from tests.admin_forms import change_for_later, change_url
from tests.factories import make_story

pytestmark = pytest.mark.django_db

URL = reverse("admin:calendar")


def at(day, hour=10):
    return timezone.make_aware(datetime.fromisoformat(f"{day}T{hour:02}:00"))


def entries_by_day(page):
    """{day: [(title, note, link)]} for every day that has entries."""
    return {
        day.isoformat(): [(str(e.item), e.note, e.url) for e in entries]
        for week in page.context["weeks"]
        for day, entries, _ in week
        if entries
    }


@time_machine.travel("2026-12-06 09:00Z", tick=False)
def test_a_month_shows_each_go_live_and_take_down_on_its_day(editor_client):
    soon = make_story(title="Soon", published_at=at("2026-12-10"))
    going = make_story(title="Going", published_at=at("2026-11-02"), take_down_at=at("2026-12-20"))
    make_story(title="Next year", published_at=at("2027-01-20"))
    page = editor_client.get(URL)
    assert page.context["title"] == "Calendar: December 2026"
    assert entries_by_day(page) == {
        "2026-12-10": [("Soon", "goes live", change_url(soon))],
        "2026-12-20": [("Going", "comes down", change_url(going))],
    }


def test_a_change_approved_for_later_is_on_its_day(editor_client, publisher_client):
    story = make_story(title="Changing", published_at=timezone.now() - timedelta(days=60))
    when = change_for_later(editor_client, publisher_client, story, title="Changed")
    page = editor_client.get(URL, {"scope": "week", "day": when.date().isoformat()})
    day = timezone.localtime(when).date().isoformat()
    assert entries_by_day(page)[day] == [("Changing", "change takes effect", change_url(story))]


def test_a_week_has_seven_days_from_monday():
    shown = schedule_calendar.Calendar.around("2026-12-09", "week")
    assert (shown.first.isoformat(), shown.last.isoformat()) == ("2026-12-07", "2026-12-13")
    assert (shown.previous, shown.next) == ("2026-11-30", "2026-12-14")


def test_a_month_runs_from_the_monday_before_to_the_sunday_after():
    shown = schedule_calendar.Calendar.around("2026-12-15", "month")
    assert (shown.first.isoformat(), shown.last.isoformat()) == ("2026-11-30", "2027-01-03")
    assert (shown.previous, shown.next) == ("2026-11-01", "2027-01-01")


@pytest.mark.parametrize("query", [{"day": "2026-13-01"}, {"day": "soon"}, {"scope": "year"}])
def test_a_day_or_scope_that_is_not_one_answers_400(editor_client, query):
    response = editor_client.get(URL, query)
    assert response.status_code == 400


def test_the_calendar_needs_an_editor(client):
    assert client.get(URL).status_code == 302


def test_the_dashboard_links_to_the_calendar(editor_client):
    page = editor_client.get(reverse("admin:index"))
    assert f'href="{URL}"' in page.text


def test_a_past_go_live_stays_on_its_day():
    story = make_story(title="Went live", published_at=timezone.now() - timedelta(days=1))
    day = timezone.localtime(story.published_at).date()
    shown = schedule_calendar.Calendar.around(day.isoformat(), "week")
    assert [e.item for e in dashboard.happenings(*shown.span)] == [story]


@time_machine.travel("2026-12-06 09:00Z", tick=False)
def test_a_busy_day_of_a_month_links_to_its_week_for_the_rest(editor_client):
    for n in range(7):
        make_story(title=f"Story {n}", published_at=at("2026-12-10", hour=8 + n))
    month = editor_client.get(URL)
    cell = [c for c in markup.parse(month).select(".csx-calendar-grid td") if c.select("li")][0]
    assert len(cell.select("li")) == 5
    assert markup.text(cell.select_one(".csx-more")) == "2 more that day"
    week = editor_client.get(URL, {"scope": "week", "day": "2026-12-10"})
    assert len(entries_by_day(week)["2026-12-10"]) == 7
