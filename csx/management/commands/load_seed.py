from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from csx.content.seed import FIXTURES, Loader, SeedError


class Command(BaseCommand):
    help = (
        "Load the seed content from fixtures/. Safe to run again: it adds what is missing and "
        "leaves items already in the database as the editors have them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=FIXTURES, help="Where the JSON files are.")

    def handle(self, *args, directory, **options):
        try:
            loader = Loader(directory).run()
        except (SeedError, ValidationError, OSError, KeyError, ValueError) as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        for line in loader.report():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Seed content is in place."))
