from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from csx.editorial import notifications, reviews


class Command(BaseCommand):
    help = (
        "Email each owner the published items they look after that are due for review. "
        "Safe to run daily from cron: it changes nothing, sends one email per owner, and "
        "says what it sent. Items without an owner go to MANAGERS (DJANGO_MANAGERS)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be sent; send nothing."
        )

    def handle(self, *args, dry_run, **options):
        owned, unowned = reviews.by_owner(reviews.due())
        if not owned and not unowned:
            self.stdout.write("Nothing is due for review.")
            return
        messages = []  # (email, what the report says about it)
        for owner, items in owned.items():
            name = owner.get_full_name() or owner.get_username()
            if not dry_run:  # in their inbox too; this email is the reminder itself
                notifications.review_due(owner, items)
            if not owner.email:
                self.stderr.write(
                    f"Not sent to {name}: no email address ({self.count(items)} due). "
                    "Add one in the admin."
                )
                continue
            messages.append((reviews.reminder([owner.email], name, items),
                             f"{name} <{owner.email}> about {self.count(items)}"))  # fmt: skip
        if unowned:
            self.stdout.write(f"{self.count(unowned)} due for review with no owner:")
            for item in unowned:
                self.stdout.write(f"  {item._meta.verbose_name}: {item.title}")
            managers = [email for _, email in settings.MANAGERS]
            if managers:
                messages.append((reviews.reminder(managers, "editors", unowned),
                                 f"the managers ({', '.join(managers)}) about "
                                 f"{self.count(unowned)} with no owner"))  # fmt: skip
            else:
                self.stdout.write("Give each an owner in the admin, or set DJANGO_MANAGERS.")
        self.send(messages, dry_run)

    def send(self, messages, dry_run):
        failed = 0
        for message, description in messages:
            if dry_run:
                self.stdout.write(f"Would send a reminder to {description}.")
                continue
            try:
                message.send()
            except OSError as error:  # SMTP errors are OSErrors: report it, send the rest
                self.stderr.write(f"Could not send a reminder to {description}: {error}")
                failed += 1
                continue
            self.stdout.write(f"Sent a reminder to {description}.")
        if failed:
            raise CommandError(f"{failed} reminder(s) could not be sent; see above.")

    @staticmethod
    def count(items):
        return f"{len(items)} item{'s' if len(items) != 1 else ''}"
