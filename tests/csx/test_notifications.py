"""Notifications (csx/editorial/notifications.py): each workflow event tells the people it
concerns, in their inbox and by email, sent by the background worker (`manage.py worker`,
run here in this process), at once or in the daily digest, as each person chose."""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from csx.editorial import history, notifications, scheduled, workflow
from csx.feedback.models import Feedback
from csx.models import Notification, NotifyChoice, PendingChange, Review, Status
from tests.conftest import staff as staff_in
from tests.factories import make_statistic, make_story
from tests.roles import role

# The worker ends its database connections when done: on PostgreSQL that would end a test's
# own transaction, so these tests commit (as tests/api/test_webhooks.py does).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Kind = Notification.Kind


def staff(name, group):
    role(group)
    return staff_in(name, group)


def run_worker():
    call_command("worker", "--batch", verbosity=0)


@pytest.fixture
def edna():
    user = staff("edna", "Editors")
    user.email = "edna@example.org"
    user.save()
    return user


@pytest.fixture
def pat():
    user = staff("pat", "Publishers")
    user.email = "pat@example.org"
    user.save()
    return user


def kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def submitted(edna, **fields):
    story = make_story(status=Status.DRAFT, owner=edna, **fields)
    workflow.submit(story, edna, "Ready, I think.")
    return story, Review.objects.get(state=Review.State.WAITING)


def test_a_submission_tells_every_publisher_by_email_with_the_note(edna, pat):
    other = staff("quinn", "Publishers")  # no email: the inbox only
    story, review = submitted(edna, title="The florist who remembered")
    run_worker()
    assert kinds(pat) == kinds(other) == [Kind.SUBMITTED]
    assert kinds(edna) == []  # nobody is told of their own step
    [message] = sent_to("pat@example.org")
    assert message.subject == ("CSX Library: Submitted for your review: The florist who remembered")
    assert "Ready, I think." in message.body
    assert f"Open it: http://127.0.0.1:8000{reverse('admin:review_queue')}" in message.body
    assert len(mail.outbox) == 1


def test_sending_back_tells_the_editor_with_the_comment(edna, pat):
    story, review = submitted(edna)
    workflow.send_back(review, pat, "Name the source of the figure.")
    mail.outbox.clear()
    run_worker()
    assert kinds(edna) == [Kind.SENT_BACK]
    [message] = sent_to("edna@example.org")
    assert "Sent back to you" in message.subject
    assert "> Name the source of the figure." in message.body
    assert "By pat" in message.body


def test_publishing_tells_the_editor_who_submitted_it_and_the_owner(edna, pat):
    owner = staff("olive", "Editors")
    story, review = submitted(edna)
    story.owner = owner
    story.save()
    workflow.approve(review, pat, history.stamp(story))
    run_worker()
    assert kinds(edna) == kinds(owner) == [Kind.PUBLISHED]
    assert [m.subject for m in sent_to("edna@example.org")] == [
        f"CSX Library: Published: {story.title}"
    ]


def test_approving_for_later_tells_when_it_goes_live_then_that_it_went_live(edna, pat):
    story, review = submitted(edna)
    later = timezone.now() + datetime.timedelta(hours=2)
    workflow.approve(review, pat, history.stamp(story), go_live_at=later)
    assert kinds(edna) == [Kind.APPROVED]
    assert "Goes live at" in Notification.objects.get(recipient=edna).message
    run_worker()  # the went-live task waits for its time
    assert kinds(edna) == [Kind.APPROVED]
    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        run_worker()
    assert sorted(kinds(edna)) == sorted([Kind.APPROVED, Kind.WENT_LIVE])


def test_a_scheduled_change_going_live_tells_its_author_and_owner(edna, pat):
    story = make_story(owner=edna)
    history.ensure_revision(story)
    revision = Version.objects.get_for_object(story).first().revision
    PendingChange.objects.create(
        item=story, revision=revision, author=edna, approved_by=pat,
        takes_effect_at=timezone.now() - datetime.timedelta(minutes=1),
    )  # fmt: skip
    scheduled.apply_due()
    run_worker()
    assert kinds(edna) == [Kind.WENT_LIVE]
    assert "A scheduled change went live" in sent_to("edna@example.org")[0].subject


def test_a_reader_doubting_a_statistic_tells_its_owner(edna, client):
    statistic = make_statistic(owner=edna, title="Seven in ten customers")
    feedback = Feedback.objects.create(item=statistic, helpful=False)
    feedback.add_detail(Feedback.Reason.STATISTIC_WRONG, "The survey asked 40 people.")
    run_worker()
    assert kinds(edna) == [Kind.DOUBTED]
    [message] = sent_to("edna@example.org")
    assert "Seven in ten customers" in message.subject
    assert "The survey asked 40 people." in message.body


def test_another_reason_tells_nobody(edna):
    statistic = make_statistic(owner=edna)
    Feedback.objects.create(item=statistic, helpful=False).add_detail("unclear", "Hm.")
    assert kinds(edna) == []


def test_review_reminders_land_in_the_owners_inbox_too(edna):
    story = make_story(owner=edna)
    story.mark_reviewed(timezone.localdate() - datetime.timedelta(days=400))
    story.save()
    call_command("send_review_reminders", verbosity=0)
    [notification] = Notification.objects.filter(recipient=edna)
    assert (notification.kind, notification.title) == (Kind.REVIEW_DUE, "1 item due for review")
    assert notification.emailed_at is not None  # the reminder was the email
    assert len(sent_to("edna@example.org")) == 1


# The daily digest.


def test_the_digest_sends_one_email_a_day_with_everything_unsent(edna, pat):
    NotifyChoice.objects.create(user=edna, delivery=NotifyChoice.Delivery.DIGEST)
    for title in ["First", "Second"]:
        story, review = submitted(edna, title=title)
        workflow.send_back(review, pat, f"Fix {title}.")
    mail.outbox.clear()
    run_worker()
    assert sent_to("edna@example.org") == []  # she chose the digest
    call_command("send_notification_digest", verbosity=0)
    run_worker()
    [digest] = sent_to("edna@example.org")
    assert digest.subject == "CSX Library: your daily digest (2 things to know)"
    assert "Fix First." in digest.body and "Fix Second." in digest.body
    call_command("send_notification_digest", verbosity=0)  # run again the same day
    run_worker()
    assert len(sent_to("edna@example.org")) == 1


def test_a_digest_task_run_twice_sends_once(edna, pat):
    NotifyChoice.objects.create(user=edna, delivery=NotifyChoice.Delivery.DIGEST)
    story, review = submitted(edna)
    workflow.send_back(review, pat, "No.")
    mail.outbox.clear()
    notifications.send_digest.call(edna.pk)
    notifications.send_digest.call(edna.pk)
    assert len(sent_to("edna@example.org")) == 1


def test_the_inbox_only_choice_sends_no_email(edna, pat):
    NotifyChoice.objects.create(user=edna, delivery=NotifyChoice.Delivery.NONE)
    story, review = submitted(edna)
    workflow.send_back(review, pat, "No.")
    mail.outbox.clear()
    run_worker()
    call_command("send_notification_digest", verbosity=0)
    run_worker()
    assert (kinds(edna), sent_to("edna@example.org")) == ([Kind.SENT_BACK], [])


# The inbox.


def test_the_inbox_lists_mine_counts_unread_in_the_header_and_opening_one_reads_it(
    client, edna, pat
):
    story, review = submitted(edna)
    workflow.send_back(review, pat, "Name the source.")
    client.force_login(edna)
    page = client.get(reverse("admin:inbox"))
    assert page.status_code == 200
    assert page.context["inbox_unread"] == 1
    assert b"Name the source." in page.content
    notification = Notification.objects.get(recipient=edna)
    opened = client.get(reverse("admin:inbox_open", args=[notification.pk]))
    assert opened.status_code == 302 and opened["Location"] == notification.url
    assert client.get(reverse("admin:index")).context["inbox_unread"] == 0


def test_nobody_opens_another_persons_notification(client, edna, pat):
    story, review = submitted(edna)
    client.force_login(edna)
    theirs = Notification.objects.get(recipient=pat)
    assert client.get(reverse("admin:inbox_open", args=[theirs.pk])).status_code == 404


def test_the_email_choice_is_kept_from_the_inbox(client, edna):
    client.force_login(edna)
    client.post(reverse("admin:inbox"), {"delivery": "digest"})
    assert NotifyChoice.objects.get(user=edna).delivery == "digest"
    assert client.post(reverse("admin:inbox"), {"delivery": "hourly"}).status_code == 200


def test_make_editor_takes_an_email_and_reminders_then_go_there(monkeypatch):
    monkeypatch.setenv("NEW_PASSWORD", "a-long-enough-pass-phrase")
    call_command(
        "create_editor", "alice", "--email", "alice@example.org",
        "--password-from-env", "NEW_PASSWORD", stdout=io.StringIO(),
    )  # fmt: skip
    alice = User.objects.get(username="alice")
    story = make_story(owner=alice)
    story.mark_reviewed(timezone.localdate() - datetime.timedelta(days=400))
    story.save()
    call_command("send_review_reminders", verbosity=0, stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
