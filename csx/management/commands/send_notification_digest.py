from django.core.management.base import BaseCommand

from csx.editorial import notifications


class Command(BaseCommand):
    help = (
        "Queue the daily digest of notifications for each person who chose it (their inbox "
        "in the admin says how to choose): one email each, listing what they were not yet "
        "emailed, sent by `manage.py worker`. Safe to run daily from cron, or twice: each "
        "notification is emailed once."
    )

    def handle(self, *args, **options):
        people = notifications.queue_digests()
        if not people:
            self.stdout.write("No digest to send: nobody who chose it has anything new.")
            return
        names = ", ".join(user.get_username() for user in people)
        self.stdout.write(f"Queued {len(people)} digest(s), for {names}.")
