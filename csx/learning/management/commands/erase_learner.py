"""Erase a learner on request: their account, progress, places in cohorts, invitations and
sign-in records (csx/learning/erasure.py says what and why)."""

from django.core.management.base import BaseCommand, CommandError

from csx.learning import erasure


class Command(BaseCommand):
    help = (
        "Erase a learner: their account, the steps they marked done, their places in cohorts, "
        "invitations to their address and their sign-in records. Says what it removed; "
        "--dry-run says what it would remove and removes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The learner's email address (any case).")
        parser.add_argument("--dry-run", action="store_true", help="Remove nothing.")

    def handle(self, *args, email, dry_run, **options):
        email = email.strip()
        try:
            counts = erasure.erase(email, dry_run=dry_run)
        except erasure.NotALearner as refused:
            raise CommandError(
                f"{email} is a trainer or an editor, not a learner: nothing was erased."
            ) from refused
        if not any(counts.values()):
            raise CommandError(f"Nothing names {email}: no account, invitation or sign-in.")
        verb = "would remove" if dry_run else "removed"
        self.stdout.write(f"{email}: {verb}")
        for what, count in counts.items():
            self.stdout.write(f"  {count} {what}")
        if dry_run:
            self.stdout.write("Dry run: nothing was removed.")
