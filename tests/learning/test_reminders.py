"""Reminders before and after a path's due date (csx/learning/reminders.py): one email per
learner, path, kind and due date, however often `manage.py send_reminders` runs."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from csx.learning import reminders
from csx.learning.reminder_records import Reminder
from tests.learning.helpers import cohort_with, learner, mark_done, three_step_path

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def sent():
    return sorted(
        (r.learner.email, r.assignment.path.slug, r.kind)
        for r in Reminder.objects.select_related("learner", "assignment__path")
    )


def test_a_path_due_within_two_days_reminds_each_learner_not_finished_once():
    ana, ben = learner("ana@example.com"), learner("ben@example.com")
    soon, later = three_step_path("soon", "Due soon"), three_step_path("later", "Due later")
    cohort_with([ana, ben], [soon], due=days(2))
    cohort_with([ana], [later], due=days(3), name="Other")
    mark_done(ben, soon, 3)
    assert reminders.send_due() == 1
    assert reminders.send_due() == 0  # a second run the same day sends nothing again
    assert sent() == [("ana@example.com", "soon", "before")]
    assert reminders.send_due(days(1)) == 1  # the next day: only "later", now two days off
    assert sent() == [("ana@example.com", "later", "before"), ("ana@example.com", "soon", "before")]


def test_an_overdue_path_reminds_once_more_after_its_due_date():
    ana = learner("ana@example.com")
    cohort_with([ana], [three_step_path()], due=days(-1))
    call_command("send_reminders", stdout=StringIO())
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert (sent(), out.getvalue()) == (
        [("ana@example.com", "first-week", "after")],
        "0 reminder(s) queued.\n",
    )


def test_a_due_date_moved_later_reminds_again_when_the_new_date_nears():
    ana = learner("ana@example.com")
    cohort = cohort_with([ana], [three_step_path()], due=days(1))
    reminders.send_due()
    cohort.assignments.update(due=days(9))
    assert reminders.send_due(days(8)) == 1


def test_the_reminder_task_emails_once_with_a_link_to_continue(settings):
    ana = learner("ana@example.com")
    path = three_step_path()
    cohort_with([ana], [path], due=days(2))
    reminders.send_due()
    reminder = Reminder.objects.get()
    reminders.send_reminder.call(reminder.pk)
    reminders.send_reminder.call(reminder.pk)  # run twice (a worker died): sent once
    (email,) = mail.outbox
    link = f"{settings.SITE_URL}/learning/paths/{path.slug}/"
    assert (email.to, email.subject, link in email.body.splitlines()) == (
        ["ana@example.com"],
        f"{path.title} is due {reminders.date_format(days(2))}",
        True,
    )
