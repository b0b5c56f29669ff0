from django.core.management.base import BaseCommand, CommandError

from csx.serving import backup_tasks
from csx.serving.backup import BackupError, backup, media_archive


class Command(BaseCommand):
    help = (
        "Back the whole library up while it serves: SQLite's online backup API, or pg_dump on "
        "PostgreSQL, the image library's files beside it (FILE.media.tar), and the tasks waiting "
        "in Redis (FILE.tasks.json). "
        "Restore with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="Where to write it (default: backups/csx-<date>-<time>.*)."
        )

    def handle(self, *args, **options):
        try:
            path = backup(options["file"])
        except BackupError as error:
            raise CommandError(error) from error
        self.stdout.write(self.style.SUCCESS(f"Backed up to {path}"))
        if media_archive(path).exists():
            self.stdout.write(self.style.SUCCESS(f"Pictures: {media_archive(path)}"))
        if backup_tasks.archive(path).exists():
            self.stdout.write(
                self.style.SUCCESS(f"Tasks waiting in Redis: {backup_tasks.archive(path)}")
            )
