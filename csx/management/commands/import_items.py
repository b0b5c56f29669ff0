"""manage.py import_items story stories.csv --as alice [--apply]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from csx.content import registry
from csx.editorial.transfer import files, importing


class Command(BaseCommand):
    help = (
        "Import one type's items from a CSV file, a zip of Markdown files, one .md file or a "
        "folder of them. A dry run unless --apply: either way it reports, row by row, what is "
        "(or would be) created, changed or refused and why. New items become drafts; changed "
        "live items get pending changes. Nothing is imported if any row is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("type", choices=sorted(registry.BY_NAME))
        parser.add_argument("path", help="A .csv, .zip or .md file, or a folder of .md files.")
        parser.add_argument("--as", dest="username", required=True,
                            help="The staff login the drafts and changes are made as.")  # fmt: skip
        parser.add_argument("--apply", action="store_true", help="Import (not a dry run).")

    def handle(self, *args, type, path, username, apply, **options):
        model = registry.BY_NAME[type].model
        user = get_user_model().objects.filter(username=username, is_staff=True).first()
        if user is None:
            raise CommandError(f"No staff login “{username}”.")
        source = Path(path)
        if source.is_dir():
            report = files.plan_folder(model, source)
        elif source.is_file():
            report = files.plan_file(model, source.name, source.read_bytes())
        else:
            raise CommandError(f"{path} is neither a file nor a folder.")
        if apply:
            importing.run(report, user)
        self.show(report)
        if not report.ok:
            raise CommandError("Nothing was imported.")

    def show(self, report):
        for problem in report.problems:
            self.stdout.write(f"problem: {problem}")
        for row in report.rows:
            why = f": {'; '.join(row.why)}" if row.why else ""
            self.stdout.write(f"{row.where}\t{row.slug}\t{row.says}{why}")
        counts = ", ".join(f"{n} {says}" for says, n in report.counts().items())
        done = "Imported" if report.done else "Dry run, nothing changed"
        self.stdout.write(f"{done}: {counts or 'no rows'}.")
