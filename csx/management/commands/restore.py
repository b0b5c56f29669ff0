from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from csx.serving.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace everything in the library's database with a backup made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup to restore.")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="Do not ask for confirmation.",
        )  # fmt: skip

    def handle(self, *args, **options):
        database = connection.settings_dict["NAME"]
        if options["interactive"]:
            try:
                answer = input(
                    f"This replaces everything in {database} with {options['file']}.\n"
                    "Type 'yes' to go on: "
                )
            except EOFError:  # no one at the keyboard (a script): --noinput says it is meant
                answer = ""
            if answer != "yes":
                raise CommandError("Nothing was restored. (In a script, add --noinput.)")
        try:
            restore(options["file"])
        except (BackupError, FileNotFoundError) as error:
            raise CommandError(error) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {database} from {options['file']}"))
