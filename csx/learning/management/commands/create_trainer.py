from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email
from django.urls import reverse

from csx.learning.roles import TRAINERS
from csx.management.commands import create_editor


class Command(create_editor.Command):
    help = (
        "Create a trainer: a login by email address, in the Trainers group, who runs cohorts "
        "at /learning/cohorts/ and never sees the admin. Asks for the password, or reads it "
        "from the environment variable that --password-from-env names."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The address the trainer signs in with.")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from this environment variable (for scripts); it is "
            "never printed.",
        )

    def handle(self, *args, email, password_from_env, **options):
        from django.contrib.auth.models import Group

        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        User = get_user_model()
        if User.objects.filter(username=email).exists():
            raise CommandError(f"A user called {email!r} already exists.")
        user = User(username=email, email=email)
        self.save_with_password(user, password_from_env)
        user.groups.add(Group.objects.get_or_create(name=TRAINERS)[0])
        where = reverse("learning:sign_in")
        self.stdout.write(self.style.SUCCESS(f"Trainer {email!r} can now sign in at {where}."))
