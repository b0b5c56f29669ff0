"""manage.py export_items story --format csv --out stories.csv [--state draft] [--tag x]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from csx.content import registry
from csx.editorial.transfer import files, formats
from csx.models import State


class Command(BaseCommand):
    help = (
        "Export one type's items as CSV, as a zip of Markdown files, or (--format folder) "
        "as a folder of Markdown files: the same files the admin's lists export."
    )

    def add_arguments(self, parser):
        parser.add_argument("type", choices=sorted(registry.BY_NAME))
        parser.add_argument("--format", choices=[files.CSV, files.MARKDOWN, "folder"],
                            default=files.CSV)  # fmt: skip
        parser.add_argument("--out", help="The file (or folder) to write; CSV goes to stdout "
                            "without it.")  # fmt: skip
        parser.add_argument("--state", choices=State.values, help="Only items in this state.")
        parser.add_argument("--tag", help="Only items with this tag (its name).")

    def handle(self, *args, type, format, out, state, tag, **options):
        model = registry.BY_NAME[type].model
        items = model.objects.all()
        if state:
            items = items.in_state(State(state))
        if tag:
            items = items.filter(tags__name=tag)
        if format == "folder":
            if not out:
                raise CommandError("Name the folder to write with --out.")
            self.write_folder(model, items, Path(out))
            return
        data = files.export(model, items, format)
        if out:
            Path(out).write_bytes(data)
            self.stderr.write(f"Wrote {len(data):,} bytes to {out}.")
        elif format == files.CSV:
            sys.stdout.buffer.write(data)
        else:
            raise CommandError("A zip goes to a file: name it with --out.")

    def write_folder(self, model, items, folder):
        folder.mkdir(parents=True, exist_ok=True)
        columns = formats.columns(model)
        rows = [formats.as_row(item, columns) for item in items.order_by("slug")]
        written = formats.write_markdown(rows, columns)
        for name, data in written.items():
            (folder / name).write_bytes(data)
        self.stderr.write(f"Wrote {len(written)} Markdown files to {folder}.")
