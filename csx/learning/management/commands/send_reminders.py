"""Email learners whose paths are due soon or overdue (csx/learning/reminders.py); safe to
run daily: a reminder is sent once."""

from django.core.management.base import BaseCommand

from csx.learning import reminders


class Command(BaseCommand):
    help = (
        f"Queue reminder emails: one to each learner with an unfinished path due within "
        f"{reminders.REMINDER_DAYS_BEFORE} days, one once it is overdue. Never the same "
        "reminder twice: run it daily. `manage.py worker` sends them."
    )

    def handle(self, *args, **options):
        queued = reminders.send_due()
        self.stdout.write(f"{queued} reminder(s) queued.")
