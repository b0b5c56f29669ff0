"""manage.py export_cartridge <slug> [--out file.imscc] [--site-url https://host]"""

from pathlib import Path as File

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from csx.paths import cartridge
from csx.paths.models import Path


class Command(BaseCommand):
    help = (
        "Write a published path as an IMS Common Cartridge 1.3 (.imscc) for an LMS to import: "
        "the same file as the path page's download."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The path's slug, as in /paths/<slug>/.")
        parser.add_argument("--out", help="The file to write (default: <slug>.imscc here).")
        parser.add_argument("--site-url", default=settings.SITE_URL,
                            help="The library's address the links use (default: "
                            "DJANGO_SITE_URL, %(default)s).")  # fmt: skip

    def handle(self, *args, slug, out, site_url, **options):
        path = Path.objects.published().filter(slug=slug).first()
        if path is None:
            raise CommandError(f"No published path has the slug {slug!r}.")
        target = File(out or cartridge.filename(path))
        target.write_bytes(cartridge.cartridge(path, site_url.rstrip("/")))
        self.stderr.write(f"Wrote {path.title!r} to {target}.")
