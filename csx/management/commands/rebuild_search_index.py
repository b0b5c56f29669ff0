from django.core.management.base import BaseCommand

from csx.search import rebuild


class Command(BaseCommand):
    help = "Rebuild the whole search index from the published content."

    def handle(self, *args, **options):
        def progress(kind, count):
            if count:
                self.stderr.write(f"  indexed {count:,} {kind} entries")

        total = rebuild(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {total:,} entries."))
