from django.core.management.base import BaseCommand

from csx.editorial import link_checks
from csx.models import LinkCheck
from csx.serving import tasks


class Command(BaseCommand):
    help = (
        "Check every external link in the library (sources' URLs and archived copies, "
        "resources' URLs, web links in any item's text) and keep the answers for the "
        "dashboard. Polite: one request at a time, CSX_LINK_CHECK_INTERVAL seconds apart per "
        "host, CSX_LINK_CHECK_TIMEOUT seconds each. Safe to run daily from cron; with "
        "--queue the background worker does it instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="Leave the check to the worker; return at once."
        )

    def handle(self, *args, queue, **options):
        if queue:
            tasks.enqueue(link_checks.check_all)
            self.stdout.write("Queued: the worker (manage.py worker) checks the links.")
            return
        found = link_checks.collect()
        self.stdout.write(f"Checking {len(found)} external link(s)…")
        counts = link_checks.check(found)
        labels = dict(LinkCheck.Outcome.choices)
        for outcome, label in labels.items():
            if counts.get(outcome):
                self.stdout.write(f"  {label.lower()}: {counts[outcome]}")
        for link in LinkCheck.objects.needing_attention():
            where = "; ".join(place["label"] for place in link.found_in)
            self.stdout.write(f"{labels[link.outcome]}: {link.url}\n"
                              f"  {link.detail}\n  in {where}")  # fmt: skip
