import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from csx.editorial.permissions import EDITORS, MANAGING_EDITORS, PUBLISHERS


class Command(BaseCommand):
    help = (
        "Create a staff login in the Editors group (write, submit for review), or with "
        "--publisher in the Publishers group (also approve, publish, schedule, restore). "
        "Asks for the password, or reads it from the environment variable that "
        "--password-from-env names."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--email", default="", help="Where review reminders and notifications go."
        )
        parser.add_argument(
            "--publisher", action="store_true", help="Make a publisher rather than an editor."
        )
        parser.add_argument(
            "--managing-editor",
            action="store_true",
            help="Make a managing editor: a publisher who also manages the team (invites, "
            "deactivates, gives roles and emails) without being a superuser.",
        )
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from this environment variable (for scripts); it is "
            "never printed.",
        )

    def handle(self, *args, username, email, publisher, managing_editor, password_from_env,
               **options):  # fmt: skip
        User = get_user_model()
        if email:
            try:
                validate_email(email)
            except ValidationError as error:
                raise CommandError(f"{email!r} is not an email address.") from error
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists.")
        user = User(username=username, email=email, is_staff=True)
        self.save_with_password(user, password_from_env)
        roles = (
            [PUBLISHERS, MANAGING_EDITORS]
            if managing_editor
            else [PUBLISHERS if publisher else EDITORS]
        )
        user.groups.add(*Group.objects.filter(name__in=roles))
        what = "Managing editor" if managing_editor else "Publisher" if publisher else "Editor"
        self.stdout.write(self.style.SUCCESS(f"{what} {username!r} can now log in at /admin/."))

    def save_with_password(self, user, password_from_env):
        """Save `user` with the password from the environment variable named, or typed."""
        if password_from_env:
            password = self.password_from(password_from_env, user)
        else:
            password = self.ask_password(user)
        user.set_password(password)
        user.save()

    def password_from(self, variable, user):
        password = os.environ.get(variable)
        if not password:
            raise CommandError(f"The environment variable {variable} is not set or is empty.")
        try:
            validate_password(password, user)
        except ValidationError as error:
            # The messages describe the rule broken, never the password itself.
            raise CommandError(
                f"The password in {variable} is refused: {' '.join(error.messages)}"
            ) from error
        return password

    def ask_password(self, user):
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords differ; try again.")
                continue
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
