"""Forget who sent old shared stories: run daily from cron (safe to repeat)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from csx.feedback.models import Submission


class Command(BaseCommand):
    help = (
        "Erase the name and email of every shared story received more than "
        "SUBMISSION_RETENTION_DAYS days ago (CSX_SUBMISSION_RETENTION_DAYS; --days overrides)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.SUBMISSION_RETENTION_DAYS)

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        cutoff = timezone.now() - timedelta(days=days)
        old = Submission.objects.received_before(cutoff).holding_personal_data()
        count = 0
        for submission in old:
            submission.erase()
            count += 1
        self.stdout.write(
            f"Erased the name and email of {count} shared stor{'y' if count == 1 else 'ies'} "
            f"received before {cutoff:%d %B %Y}."
        )
