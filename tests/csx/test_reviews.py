"""Review dates and owners: set on publishing, shown to readers, listed when due, and sent
to each owner by `manage.py send_review_reminders`."""

import datetime
import smtplib

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from csx.editorial import reviews
from principles.models import Principle, Statistic
from stories.models import Story
from tests.admin_forms import add, edit
from tests.factories import make_company, make_path, make_principle, make_statistic, make_story
from tests.pages import one, soup, text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LONG_AGO = TODAY - datetime.timedelta(days=400)


def overdue(factory, owner=None, **fields):
    item = factory(owner=owner, **fields)
    item.mark_reviewed(LONG_AGO)
    item.save()
    return item


def test_publishing_sets_the_review_dates_sooner_for_statistics_than_stories():
    story, statistic = make_story(), make_statistic()
    assert story.reviewed_on == statistic.reviewed_on == TODAY
    assert statistic.review_by - TODAY == Statistic.review_interval
    assert story.review_by - TODAY == Story.review_interval
    assert statistic.review_by < story.review_by


def test_a_draft_has_no_review_date_until_it_is_published():
    story = make_story(status="draft")
    assert story.review_by is None
    story.status = "published"
    story.save()
    assert story.review_by == TODAY + Story.review_interval


def test_due_for_review_lists_published_items_past_their_date_longest_overdue_first():
    later = overdue(make_story)
    earlier = make_story()
    earlier.mark_reviewed(LONG_AGO - datetime.timedelta(days=30))
    earlier.save()
    make_story()  # reviewed today: not due
    draft = overdue(make_story)
    draft.status = "draft"
    draft.save()
    assert list(Story.objects.due_for_review()) == [earlier, later]


def test_pages_say_when_the_item_was_last_reviewed(client):
    story = overdue(make_story)
    expected = f"Last reviewed on {LONG_AGO.day} {LONG_AGO:%B %Y}."
    assert one(client.get(story.get_absolute_url()), ".review-note") == expected


def test_saving_an_item_nobody_owns_leaves_it_unowned(editor_client):
    principle = make_principle(title="Unowned", status="draft")
    assert edit(editor_client, principle, summary="Changed.").status_code == 302
    principle.refresh_from_db()
    assert principle.owner is None


def test_the_editor_who_makes_an_item_becomes_its_owner(editor_client, editor):
    response = add(
        editor_client, Principle, title="New one", slug="new-one", summary="New.",
        definition="Something new.",
    )  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Principle.objects.get(slug="new-one").owner == editor


def test_the_admin_lists_what_is_due_for_review(editor_client):
    overdue(make_story, title="Overdue")
    make_story(title="Fresh")
    page = soup(editor_client.get(reverse("admin:stories_story_changelist"), {"review": "due"}))
    assert [text(a) for a in page.select("#result_list tbody th a")] == ["Overdue"]


def test_the_admin_marks_items_reviewed_today(publisher_client):
    story = overdue(make_story)
    publisher_client.post(
        reverse("admin:stories_story_changelist"),
        {"action": "mark_reviewed", "_selected_action": [story.pk]},
    )
    story.refresh_from_db()
    assert (story.reviewed_on, story.review_by) == (TODAY, TODAY + Story.review_interval)


def test_an_editor_cannot_mark_a_live_item_reviewed(editor_client):
    # "Last reviewed on" is shown to readers: a publisher's word.
    story = overdue(make_story)
    editor_client.post(
        reverse("admin:stories_story_changelist"),
        {"action": "mark_reviewed", "_selected_action": [story.pk]},
    )
    story.refresh_from_db()
    assert story.reviewed_on != TODAY


@pytest.fixture
def alice():
    return User.objects.create_user(
        "alice", email="alice@example.org", first_name="Alice", is_staff=True
    )


def test_reminders_email_each_owner_their_items_and_say_so(alice, capsys):
    bob = User.objects.create_user("bob", email="bob@example.org", is_staff=True)
    overdue(make_story, alice, title="Alice's story")
    overdue(make_statistic, alice, title="Alice's figure")
    overdue(make_story, bob, title="Bob's story")
    make_story(owner=alice, title="Not due")
    call_command("send_review_reminders")
    out = capsys.readouterr().out
    assert "Sent a reminder to Alice <alice@example.org> about 2 items." in out
    assert "Sent a reminder to bob <bob@example.org> about 1 item." in out
    assert [message.to for message in mail.outbox] == [["alice@example.org"], ["bob@example.org"]]


def test_the_reminder_lists_each_item_with_its_page_and_its_admin_form(alice):
    story = overdue(make_story, alice, title="Alice's story")
    call_command("send_review_reminders")
    message = mail.outbox[0]
    assert message.subject == "CSX Library: 1 item due for review"
    assert f"- Story: Alice's story (review by {story.review_by:%-d %B %Y})" in message.body
    assert f"http://127.0.0.1:8000/admin/stories/story/{story.pk}/change/" in message.body
    assert f"http://127.0.0.1:8000{story.get_absolute_url()}" in message.body
    assert "Not due" not in message.body


def test_nothing_due_sends_nothing_and_says_so(alice, capsys):
    make_story(owner=alice)
    call_command("send_review_reminders")
    assert capsys.readouterr().out == "Nothing is due for review.\n"
    assert mail.outbox == []


def test_a_dry_run_says_what_it_would_send(alice, capsys):
    overdue(make_story, alice)
    call_command("send_review_reminders", "--dry-run")
    assert "Would send a reminder to Alice <alice@example.org> about 1 item." in (
        capsys.readouterr().out
    )
    assert mail.outbox == []


def test_items_nobody_owns_go_to_the_managers(settings, capsys):
    settings.MANAGERS = [("desk@example.org", "desk@example.org")]
    overdue(make_story, title="Orphan")
    call_command("send_review_reminders")
    out = capsys.readouterr().out
    assert "1 item due for review with no owner:\n  story: Orphan\n" in out
    assert mail.outbox[0].to == ["desk@example.org"]


def test_an_owner_without_an_email_address_is_reported(capsys):
    nobody = User.objects.create_user("nomail", is_staff=True)
    overdue(make_story, nobody)
    call_command("send_review_reminders")
    assert "Not sent to nomail: no email address (1 item due)." in capsys.readouterr().err
    assert mail.outbox == []


def test_a_failed_send_is_reported_and_the_others_still_go(alice, monkeypatch, capsys):
    bob = User.objects.create_user("bob", email="bob@example.org", is_staff=True)
    overdue(make_story, alice)
    overdue(make_story, bob)
    real_send = mail.EmailMessage.send

    def send(message, *args, **kwargs):
        if message.to == ["alice@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"alice@example.org": (550, b"No")})
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMessage, "send", send)
    with pytest.raises(CommandError, match="1 reminder"):
        call_command("send_review_reminders")
    assert "Could not send a reminder to Alice" in capsys.readouterr().err
    assert [message.to for message in mail.outbox] == [["bob@example.org"]]


def test_due_gathers_every_type():
    story = overdue(make_story)
    statistic = overdue(make_statistic)
    statistic.mark_reviewed(LONG_AGO - datetime.timedelta(days=1))
    statistic.save()
    assert reviews.due() == [statistic, story]


def test_every_type_with_a_page_says_when_it_was_last_reviewed(client):
    for item in [make_story(), make_statistic(), make_principle(), make_company(), make_path()]:
        note = one(client.get(item.get_absolute_url()), ".review-note")
        assert note == f"Last reviewed on {TODAY.day} {TODAY:%B %Y}.", item
