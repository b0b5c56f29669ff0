"""Send the xAPI statements waiting in the outbox now, as the worker does, and say what is
left: `manage.py send_xapi`. The worker needs no help; this is for looking, or for cron
where no worker runs."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from csx.xapi import sending
from csx.xapi.models import Statement


class Command(BaseCommand):
    help = "Send the xAPI statements waiting for the Learning Record Store, and say what is left."

    def handle(self, *args, **options):
        if not settings.XAPI_ENDPOINT:
            raise CommandError("xAPI is off: set CSX_XAPI_ENDPOINT to the LRS's xAPI address.")
        try:
            taken = sending.flush()
        except sending.Away as error:
            raise CommandError(f"The LRS did not take them ({error}); they wait.") from error
        waiting = Statement.objects.pending().count()
        refused = Statement.objects.exclude(refused_at=None).count()
        self.stdout.write(f"{taken} sent, {waiting} waiting, {refused} refused by the LRS.")
