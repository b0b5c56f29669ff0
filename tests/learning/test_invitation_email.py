"""An invitation's email is sent by the background worker (`manage.py worker`, run here in
this process), once, with a link that opens the invitation."""

import pytest
from django.core import mail
from django.core.management import call_command

from csx.learning import invitations
from csx.learning.models import Cohort
from tests import markup
from tests.learning.helpers import trainer

# The worker ends its database connections when done: on PostgreSQL that would end a test's
# own transaction, so this test commits (as tests/csx/test_notifications.py does).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_worker_emails_each_invitation_once_with_its_link(client, settings):
    tess = trainer()
    tess.email = "tess@example.com"
    tess.save()
    cohort = Cohort.objects.create(name="March new hires", trainer=tess)
    (invitation,) = invitations.invite(cohort, ["ana@example.com"], tess)
    call_command("worker", "--batch", verbosity=0)
    invitations.send_invitation.call(invitation.pk)  # a repeat sends nothing more
    (sent,) = mail.outbox
    assert (sent.to, sent.reply_to, sent.subject) == (
        ["ana@example.com"],
        ["tess@example.com"],
        "You are invited to March new hires on CSX Library",
    )
    (link,) = [line for line in sent.body.splitlines() if line.startswith(settings.SITE_URL)]
    page = client.get(link.removeprefix(settings.SITE_URL))
    assert markup.text(markup.one(page, "main h1")) == "Join March new hires"
