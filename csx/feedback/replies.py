"""Answering a reader who shared a story and left an address: the reply is logged on the
submission (Reply) and emailed by the project's background tasks (csx/serving/tasks.py),
marked sent in the same transaction, so a task run twice sends it once; a mail server away
has it tried again later (csx/serving/mail.py). An address erased before the task runs
(csx/editorial/retention.py) is never written to."""

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from csx.feedback.models import Reply
from csx.serving import mail, tasks

FOOTER = "\n\n--\nCSX Library's editors, answering the story you shared with us.\n"


@transaction.atomic
def write(submission, subject, body, user):
    """Log the reply, queue its email, and count the submission as answered."""
    reply = Reply.objects.create(submission=submission, subject=subject, body=body, written_by=user)
    submission.state = submission.State.ANSWERED
    submission.save(update_fields=["state"])
    tasks.enqueue(send_reply, reply.pk)
    return reply


@task()
def send_reply(pk, tries=0):
    """Email the reply `pk` unless it went already or the address is gone: whether sent."""
    with mail.retried(send_reply, pk, tries=tries), transaction.atomic():
        reply = Reply.objects.select_for_update().unsent().filter(pk=pk).first()
        address = reply.submission.email if reply is not None else ""
        if not address:
            return False
        reply.sent_at = timezone.now()
        reply.save(update_fields=["sent_at"])
        EmailMessage(subject=reply.subject, body=reply.body + FOOTER, to=[address]).send()
    return True
