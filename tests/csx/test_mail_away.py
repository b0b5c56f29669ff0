"""The mail server away (csx/serving/mail.py): nothing a reader or editor does waits on it,
and an email it did not take is sent later, once, when it answers again. Against a real SMTP
server (aiosmtpd) on a port of its own, started and stopped here."""

import socket
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import User
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from csx.editorial import notifications
from csx.editorial.admin import team
from csx.feedback import replies
from csx.feedback.models import Reply
from csx.learning import invitations
from csx.learning.models import Cohort
from csx.models import Notification
from csx.serving import mail
from tests.factories import make_statistic
from tests.feedback.helpers import make_submission
from tests.learning.helpers import trainer

pytestmark = pytest.mark.django_db


class Inbox:
    """What the SMTP server received: (recipients, message) per email."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """The mail server's address in the settings, nothing listening on it yet; start() puts
    a real SMTP server there and returns what it receives."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    servers = []

    class Server:
        def start(self):
            inbox = Inbox()
            servers.append(Controller(inbox, hostname="127.0.0.1", port=port))
            servers[-1].start()
            return inbox.received

    yield Server()
    for server in servers:
        server.stop()


@pytest.fixture
def owner():
    return User.objects.create_user("olga", "olga@example.org", is_staff=True)


def queued(task):
    """(arguments, run after) of each queued run of `task`."""
    results = DBTaskResult.objects.filter(task_path=task.module_path, status="READY")
    return [(r.args_kwargs["args"], r.run_after) for r in results.order_by("enqueued_at")]


def doubted(owner):
    return Notification.objects.create(
        recipient=owner, kind=Notification.Kind.DOUBTED, title="Seven in ten customers"
    )


def test_a_reader_doubting_a_statistic_does_not_wait_on_the_mail_server(client, owner, smtp):
    statistic = make_statistic(slug="figure", owner=owner)
    answered = client.post("/feedback/", {"kind": "statistic", "item": statistic.pk,
                                          "helpful": "no"})  # fmt: skip
    ticket = parse_qs(urlsplit(answered.url).query)["feedback"][0]
    response = client.post(
        "/feedback/more/", {"ticket": ticket, "reason": "statistic_wrong", "comment": "68%?"}
    )
    assert response.status_code == 302
    [notification] = Notification.objects.filter(recipient=owner)
    [(args, _)] = queued(notifications.send_one)  # sent by the worker, not by this request
    assert args == [notification.pk]


def test_an_email_the_server_did_not_take_is_queued_again_after_a_minute(owner, smtp):
    notification = doubted(owner)
    before = timezone.now()
    notifications.send_one.call(notification.pk)  # nothing listens: the connection is refused
    [(args, run_after)] = queued(notifications.send_one)
    assert args == [notification.pk, 1]
    assert before + timedelta(minutes=1) <= run_after <= timezone.now() + timedelta(minutes=1)
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_the_queued_try_sends_it_once_the_server_answers(owner, smtp):
    notification = doubted(owner)
    notifications.send_one.call(notification.pk)
    [(args, _)] = queued(notifications.send_one)
    received = smtp.start()
    notifications.send_one.call(*args)
    [(recipients, message)] = received
    assert recipients == ["olga@example.org"]
    assert "Subject: CSX Library: A reader doubts a statistic: Seven in ten customers" in message
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_each_try_waits_longer_and_the_last_one_fails(owner, smtp):
    notification = doubted(owner)
    waits = []
    for tries in range(len(mail.BACK_OFF)):
        before = timezone.now()
        notifications.send_one.call(notification.pk, tries)
        [(_, run_after)] = queued(notifications.send_one)
        waits.append(round((run_after - before).total_seconds() / 60))
        DBTaskResult.objects.all().delete()
    assert waits == [1, 10, 60, 360, 1440]
    with pytest.raises(OSError):
        notifications.send_one.call(notification.pk, len(mail.BACK_OFF))


def test_an_invitation_the_server_did_not_take_is_queued_again(smtp):
    invited = User.objects.create_user("ivy", "ivy@example.org", is_staff=True)
    invited.set_unusable_password()
    invited.save()
    team.send_invitation.call(invited.pk, "Mo")
    [(args, _)] = queued(team.send_invitation)
    assert args == [invited.pk, "Mo", 1]
    received = smtp.start()
    team.send_invitation.call(*args)
    assert [recipients for recipients, _ in received] == [["ivy@example.org"]]


def test_a_reply_to_a_reader_the_server_did_not_take_is_queued_again(smtp):
    reply = replies.write(make_submission(), "Your story", "Thank you.", None)
    DBTaskResult.objects.all().delete()  # the first try, queued by write(), run here instead
    replies.send_reply.call(reply.pk)
    [(args, _)] = queued(replies.send_reply)
    assert (args, Reply.objects.get().sent_at) == ([reply.pk, 1], None)
    received = smtp.start()
    replies.send_reply.call(*args)
    assert [recipients for recipients, _ in received] == [["sam@example.org"]]


def test_a_learners_invitation_the_server_did_not_take_is_queued_again(smtp):
    tess = trainer()
    cohort = Cohort.objects.create(name="March new hires", trainer=tess)
    (invitation,) = invitations.invite(cohort, ["ana@example.com"], tess)
    DBTaskResult.objects.all().delete()  # the first try, queued by invite()
    invitations.send_invitation.call(invitation.pk)
    [(args, _)] = queued(invitations.send_invitation)
    assert args == [invitation.pk, 1]
    received = smtp.start()
    invitations.send_invitation.call(*args)
    assert [recipients for recipients, _ in received] == [["ana@example.com"]]
