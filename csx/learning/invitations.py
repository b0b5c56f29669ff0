"""Inviting people to a cohort: a signed link, good for LEARNING_INVITATION_DAYS, emailed by
the background tasks (csx/serving/tasks.py, `manage.py worker`).

The link names the invitation, signed with the site's secret (django.core.signing): nobody
can make one up or point it at another invitation. Whoever opens it chooses a password and is
signed in as a learner of the cohort; a person who has an account already signs in and joins.
An invitation is used once; inviting the same address again sends a fresh link.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from csx.learning import roles
from csx.learning.models import Invitation
from csx.serving import mail, tasks

SALT = "csx.learning.invitation"


class Expired(Exception):
    """The link was real, but is older than LEARNING_INVITATION_DAYS."""


def token(invitation):
    return signing.dumps(invitation.pk, salt=SALT)


def url(invitation):
    return reverse("learning:invitation", kwargs={"key": token(invitation)})


def load(value):
    """The invitation a link's token names; Expired if it is too old, None if it is not one
    of ours (made up, altered, or its invitation withdrawn)."""
    max_age = settings.LEARNING_INVITATION_DAYS * 24 * 60 * 60
    try:
        pk = signing.loads(value, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise Expired from error
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Invitation.objects.select_related("cohort").filter(pk=pk).first()


def invite(cohort, emails, by):
    """Invite each address in `emails` to `cohort` (each once; an address invited before and
    not yet joined is sent a fresh link). Returns the invitations sent."""
    sent = []
    with transaction.atomic():
        for email in emails:
            invitation, _ = Invitation.objects.get_or_create(
                cohort=cohort, email=email, defaults={"invited_by": by}
            )
            if invitation.accepted_at is not None:
                continue
            Invitation.objects.filter(pk=invitation.pk).update(sent_at=None)
            tasks.enqueue(send_invitation, invitation.pk)
            sent.append(invitation)
    return sent


@task()
def send_invitation(pk, tries=0):
    """Email invitation `pk` unless it was sent already (the task is safe to run twice)."""
    with mail.retried(send_invitation, pk, tries=tries), transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("cohort__trainer")
            .filter(pk=pk, sent_at__isnull=True, accepted_at__isnull=True)
            .first()
        )
        if invitation is None:
            return
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at"])
        context = {
            "invitation": invitation,
            "link": settings.SITE_URL + url(invitation),
            "days": settings.LEARNING_INVITATION_DAYS,
        }
        trainer = invitation.cohort.trainer
        EmailMessage(
            f"You are invited to {invitation.cohort.name} on CSX Library",
            render_to_string("learning/invitation_email.txt", context),
            to=[invitation.email],
            reply_to=[trainer.email] if trainer.email else None,
        ).send()  # an error rolls the mark back: the retry tries again


def account_for(invitation):
    """The person who already has an account under the invited address, if anyone does."""
    return account_with(invitation.email)


def account_with(email):
    """The active account whose user name, or else email, is `email` (either case)."""
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(username__iexact=email).first() or users.filter(email__iexact=email).first()


def accept(invitation, user):
    """`user` joins the invitation's cohort as a learner; the invitation is used up."""
    with transaction.atomic():
        roles.make_learner(user)
        invitation.cohort.learners.add(user)
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now(), learner=user)


def new_learner(invitation, password, name=""):
    """An account for the invited address with `password`, joined to the cohort."""
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            invitation.email.lower(), email=invitation.email, password=password, first_name=name
        )
        accept(invitation, user)
    return user
