from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from csx.permissions import EDITORS


class Command(BaseCommand):
    help = "Create a staff login in the Editors group (asks for a password)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists.")
        user = User(username=username, email=email, is_staff=True)
        user.set_password(self.ask_password())
        user.save()
        user.groups.add(Group.objects.get(name=EDITORS))
        self.stdout.write(self.style.SUCCESS(f"Editor {username!r} can now log in at /admin/."))

    def ask_password(self):
        from getpass import getpass

        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError

        while True:
            password = getpass("Password: ")
            if password != getpass("Password (again): "):
                self.stderr.write("The passwords differ; try again.")
                continue
            try:
                validate_password(password)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
