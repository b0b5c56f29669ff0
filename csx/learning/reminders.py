"""Reminders by email before and after a path's due date (issue 21 item 3).

`manage.py send_reminders` (run it daily: cron, a systemd timer) finds every learner with an
unfinished path due within REMINDER_DAYS_BEFORE days ("before") or past due ("after"), and
queues an email for each through the background tasks (csx/serving/tasks.py), sent with the
retries of csx/serving/mail.py. Each reminder is a row (Reminder, one per learner, assignment,
kind and due date) made before its email is queued: a second run the same day, or the next
day, finds the row and sends nothing, and the task marks the row sent in the transaction
that sends, so a task run twice sends once. Moving a due date makes new reminders due.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django_tasks import task

from csx.learning import progress
from csx.learning.models import Assignment
from csx.learning.reminder_records import Reminder
from csx.serving import mail, tasks

REMINDER_DAYS_BEFORE = 2


def kind_on(due, today):
    """Which reminder a path due on `due` calls for on `today`, or None."""
    if today > due:
        return Reminder.Kind.AFTER
    if due - today <= timedelta(days=REMINDER_DAYS_BEFORE):
        return Reminder.Kind.BEFORE
    return None


def due_reminders(today=None):
    """(learner, assignment, kind) for every unfinished path a reminder is due for today;
    a few queries per cohort with a dated assignment."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=REMINDER_DAYS_BEFORE)
    dated = Assignment.objects.filter(due__isnull=False, due__lte=soon).select_related("cohort")
    for cohort in {a.cohort for a in dated}:
        assignments, rows = progress.cohort_table(cohort)
        for index, assignment in enumerate(assignments):
            kind = assignment.due and kind_on(assignment.due, today)
            if not kind:
                continue
            for row in rows:
                if not row.courses[index].finished and row.learner.email:
                    yield row.learner, assignment, kind


def send_due(today=None):
    """Record and queue each reminder due today that was not sent before; returns how many."""
    queued = 0
    for learner, assignment, kind in due_reminders(today):
        with transaction.atomic():
            reminder, made = Reminder.objects.get_or_create(
                learner=learner, assignment=assignment, kind=kind, due=assignment.due
            )
            if made:
                tasks.enqueue(send_reminder, reminder.pk)
                queued += 1
    return queued


@task()
def send_reminder(pk, tries=0):
    """Email reminder `pk` unless it was sent already (safe to run twice)."""
    with mail.retried(send_reminder, pk, tries=tries), transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update()
            .select_related("learner", "assignment__path", "assignment__cohort__trainer")
            .filter(pk=pk, sent_at__isnull=True)
            .first()
        )
        if reminder is None:
            return
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["sent_at"])
        path = reminder.assignment.path
        link = settings.SITE_URL + path_link(path)
        context = {"reminder": reminder, "path": path, "link": link}
        verb = "is" if reminder.kind == Reminder.Kind.BEFORE else "was"
        subject = f"{path.title} {verb} due {date_format(reminder.due)}"
        trainer = reminder.assignment.cohort.trainer
        EmailMessage(
            subject,
            render_to_string("learning/reminder_email.txt", context),
            to=[reminder.learner.email],
            reply_to=[trainer.email] if trainer.email else None,
        ).send()  # an error rolls the mark back: the retry tries again


def path_link(path):
    return reverse("learning:course_detail", kwargs={"slug": path.slug})
