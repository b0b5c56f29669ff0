"""Forget who sent old shared stories (safe to repeat); `purge_personal_data` does this and
the other kinds of personal data, daily. The rule is csx/editorial/retention.py's."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import date_format

from csx.editorial.retention import SUBMISSIONS


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
        cutoff, count = SUBMISSIONS.purge(days=days)
        self.stdout.write(
            f"Erased the name and email of {count} shared stor{'y' if count == 1 else 'ies'} "
            f"received before {date_format(cutoff)}."
        )
