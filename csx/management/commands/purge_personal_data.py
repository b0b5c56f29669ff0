"""Forget personal data older than its retention period (csx/editorial/retention.py): run daily from
cron (safe to repeat; the task worker runs nothing on a schedule)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from csx.editorial.retention import KINDS


class Command(BaseCommand):
    help = (
        "Erase or delete personal data older than its retention period: shared stories' "
        "names and emails, feedback comments, search logs, sign-in attempts and logs, and the "
        "progress of learners inactive for LEARNING_RETENTION_DAYS."
    )

    def handle(self, *args, **options):
        negative = sorted({kind.setting for kind in KINDS if kind.days < 0})
        if negative:
            raise CommandError(f"Retention periods must be 0 days or more: {', '.join(negative)}.")
        now = timezone.now()  # one moment for every kind
        for kind in KINDS:
            with transaction.atomic():
                cutoff, count = kind.purge(now=now)
            self.stdout.write(
                f"{kind.what}: {count} {kind.done} (older than {kind.days} days, "
                f"before {date_format(cutoff)})"
            )
