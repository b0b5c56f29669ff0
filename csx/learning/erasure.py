"""Forgetting a learner: on request (`manage.py erase_learner EMAIL`) or once inactive for
`LEARNING_RETENTION_DAYS` (csx/editorial/retention.py, `manage.py purge_personal_data`).

    what is removed                  how
    -------------------------------  ----------------------------------------------------
    their account                    deleted; their sessions no longer sign anyone in
    the steps they marked done       deleted with the account (StepDone)
    their confirmations of reading   deleted with the account (Acknowledgement)
    xAPI statements not yet sent     deleted (csx/xapi): those sent are the LRS's to erase
    their answers to checks          deleted with the account (Attempt)
    the reminders sent to them       deleted with the account (Reminder)
    their places in cohorts          deleted with the account (the cohort stays)
    invitations to their address     deleted, accepted or not
    sign-in records (django-axes)    deleted: they hold the address as the username

Only a learner is erased this way: a trainer's account carries cohorts other people are in,
and an editor's carries the library's history.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from csx.learning import roles
from csx.learning.models import (
    Acknowledgement,
    Attempt,
    Cohort,
    Invitation,
    Reminder,
    StepDone,
)  # fmt: skip
from csx.xapi.models import Statement


class NotALearner(Exception):
    """The address belongs to a trainer or an editor: nothing is erased."""


def accounts(email):
    return get_user_model().objects.filter(Q(username__iexact=email) | Q(email__iexact=email))


def records(email):
    """[(what, queryset)] of everything naming `email`, in the order it is removed."""
    users = accounts(email)
    sign_ins = [
        model.objects.filter(username__iexact=email)
        for model in (AccessAttempt, AccessLog, AccessFailureLog)
    ]
    return [
        ("steps marked done", StepDone.objects.filter(learner__in=users)),
        ("confirmations of reading", Acknowledgement.objects.filter(learner__in=users)),
        ("xAPI statements not yet sent", Statement.objects.filter(learner__in=users)),
        ("answers to knowledge checks", Attempt.objects.filter(learner__in=users)),
        ("reminders sent", Reminder.objects.filter(learner__in=users)),
        ("places in cohorts", Cohort.learners.through.objects.filter(user__in=users)),
        ("invitations", Invitation.objects.filter(Q(email__iexact=email) | Q(learner__in=users))),
        *[("sign-in records", found) for found in sign_ins],
        ("accounts", users),
    ]


def erase(email, *, dry_run=False):
    """{what: how many} removed (or, with `dry_run`, that would be) for `email`."""
    others = accounts(email).filter(
        Q(is_staff=True) | Q(is_superuser=True) | Q(groups__name=roles.TRAINERS)
    )
    if others.exists():
        raise NotALearner(email)
    counts = {}
    with transaction.atomic():
        for what, found in records(email):
            counts[what] = counts.get(what, 0) + found.count()
        if not dry_run:
            for _what, found in records(email):
                found.delete()
    return counts


def delete_inactive_progress(cutoff):
    """The steps done and the checks' answers of learners who have neither signed in, marked
    a step nor answered a check since `cutoff`; how many were deleted. Their accounts stay,
    to sign in and start again."""
    answered = Attempt.objects.filter(answered_at__gte=cutoff).values("learner")
    steps = StepDone.objects.of_learners_inactive_since(cutoff).exclude(learner__in=answered)
    attempts = Attempt.objects.filter(learner__in=inactive_learners(cutoff)).exclude(
        learner__in=answered
    )
    deleted = steps.delete()[1].get(StepDone._meta.label, 0)
    return deleted + attempts.delete()[1].get(Attempt._meta.label, 0)


def inactive_learners(cutoff):
    """Accounts with no sign-in since `cutoff` (or, never signed in, made before it) and no
    step marked since."""
    marked = StepDone.objects.filter(done_at__gte=cutoff).values("learner")
    return (
        get_user_model()
        .objects.filter(
            Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
        )
        .exclude(pk__in=marked)
        .values("pk")
    )
