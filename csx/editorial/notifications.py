"""Telling people what happened to their work: an inbox in the admin, and email, at once or in
a daily digest, as each person chose (csx.models.Notification, NotifyChoice).

Where they come from, in one place: the workflow's audit log (csx/editorial/audit.py). Every
event it records, whoever took the step (the admin, the API, a bulk action, the clock), is
read here once it is saved (on_event, connected at start-up in csx/apps.py):

    kind          when                                     to whom
    ------------  ---------------------------------------  ------------------------------
    submitted     an item or change is submitted           every publisher
    sent_back     a publisher sends it back (+ comment)    who submitted it, its owner
    approved      approved to go live later                who submitted it, its owner
    published     it is live                               who submitted it, its owner
    went_live     a scheduled change or item went live     its author, its owner
    doubted       a reader says a statistic looks wrong    the statistic's owner
    review_due    items reached their review date          their owner (send_review_reminders)
    assigned      reader input is given to someone         the assignee (csx/feedback/handling.py)

Nobody is told of their own step. Emails are sent by the project's background tasks
(csx/serving/tasks.py, `manage.py worker`): one task per email "at once"; the daily digest
(`manage.py send_notification_digest`) queues one task per person. Each task marks what it
sent, in the same transaction, so running one twice sends nothing twice.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks import task

from csx.content.admin_links import admin_url
from csx.formats import date_and_time
from csx.models import AuditEvent, Notification, NotifyChoice, PendingChange, Review
from csx.serving import mail, tasks

Kind = Notification.Kind
Action = AuditEvent.Action
Delivery = NotifyChoice.Delivery

KINDS = {
    Action.SUBMITTED: Kind.SUBMITTED,
    Action.SENT_BACK: Kind.SENT_BACK,
    Action.APPROVED: Kind.APPROVED,
    Action.PUBLISHED: Kind.PUBLISHED,
    Action.CHANGE_APPLIED: Kind.WENT_LIVE,
}


def delivery(user):
    choice = NotifyChoice.objects.filter(user=user).values_list("delivery", flat=True).first()
    return choice or Delivery.AT_ONCE


def notify(recipients, kind, title, url="", message="", actor=None):
    """One notification for each active person in `recipients` but `actor`, each emailed at
    once (by a task queued with the change) if that is their choice."""
    made = []
    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    people.pop(getattr(actor, "pk", None), None)
    for user in people.values():
        notification = Notification.objects.create(
            recipient=user, kind=kind, title=title[:200], url=url[:500], message=message,
            actor_name=actor.get_username() if actor is not None else "",
        )  # fmt: skip
        if user.email and delivery(user) == Delivery.AT_ONCE:
            tasks.enqueue(send_one, notification.pk)
        made.append(notification)
    return made


def publishers():
    publish = Permission.objects.filter(content_type__app_label="csx", codename="publish_content")
    return (
        get_user_model()
        .objects.filter(Q(groups__permissions__in=publish) | Q(user_permissions__in=publish))
        .filter(is_active=True)
        .distinct()
    )


# From the audit log.


def on_event(sender, instance, created=False, raw=False, **kwargs):
    """post_save of an AuditEvent: who should know of it, told."""
    kind = KINDS.get(instance.action)
    if not created or raw or kind is None:
        return
    item = instance.item
    if item is None or not hasattr(item, "owner"):
        return
    if kind == Kind.SUBMITTED:
        # The request itself is made just after this event: the queue lists it.
        url = reverse("admin:review_queue")
        notify(publishers(), kind, instance.title, url, instance.comment, instance.actor)
        return
    people = [item.owner]
    review = Review.of(item).first()  # the latest (decided now, or just after this event)
    if review is not None:
        people.append(review.submitted_by)
    if kind == Kind.WENT_LIVE:
        change = PendingChange.of(item).select_related("author").first()
        people.append(change.author if change else None)
    actor = None if kind == Kind.WENT_LIVE else instance.actor  # the clock, not the approver
    message = instance.comment
    if kind == Kind.APPROVED:
        change = PendingChange.of(item).filter(takes_effect_at__isnull=False).first()
        at = change.takes_effect_at if change else getattr(item, "published_at", None)
        message = f"Goes live at {date_and_time(at)}. {message}".strip() if at else message
    notify(people, kind, instance.title, admin_url(item), message, actor)


def scheduled(sender, item, **kwargs):
    """An item approved to go live later does so by the clock alone: a task queued for that
    time tells its people, if it is then live at that time."""
    at = item.published_at
    tasks.enqueue(went_live.using(run_after=at), item._meta.label, item.pk, at.isoformat())


@task()
def went_live(label, pk, at):
    item = apps.get_model(label).objects.published().filter(pk=pk, published_at=parse_datetime(at))
    item = item.select_related("owner").first()
    if item is not None:
        notify([item.owner], Kind.WENT_LIVE, item.title, admin_url(item), "Scheduled: now live.")


def doubted(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save of a reader's Feedback: "the statistic looks wrong" tells its owner."""
    if raw or instance.reason != "statistic_wrong" or "reason" not in (update_fields or ()):
        return
    statistic = instance.item
    if statistic is not None:
        notify([statistic.owner], Kind.DOUBTED, statistic.title, admin_url(statistic),
               instance.comment or "A reader says it looks wrong (no comment).")  # fmt: skip


def assigned(record, actor):
    """A reader's feedback, doubt or shared story (csx/feedback) given to its assignee."""
    title = f"{record._meta.verbose_name.capitalize()}: {record}"
    notify([record.assignee], Kind.ASSIGNED, title, admin_url(record) or "", record.note, actor)


def review_due(owner, items):
    """The owner's inbox lists what is due (send_review_reminders emails it itself, daily)."""
    count = len(items)
    title = f"{count} item{'s' if count != 1 else ''} due for review"
    message = "\n".join(f"{item._meta.verbose_name.capitalize()}: {item.title}" for item in items)
    return Notification.objects.create(
        recipient=owner, kind=Kind.REVIEW_DUE, title=title, message=message,
        url=reverse("admin:index"), emailed_at=timezone.now() if owner.email else None,
    )  # fmt: skip


def connect():
    from django.db.models.signals import post_save

    from csx.editorial import events

    post_save.connect(on_event, sender=AuditEvent, dispatch_uid="notify-audit")
    post_save.connect(doubted, sender="feedback.Feedback", dispatch_uid="notify-doubted")
    events.scheduled.connect(scheduled, dispatch_uid="notify-scheduled")


# Email.


def site_url(path):
    return f"{settings.SITE_URL}{path}" if path else ""


def describe(notification):
    lines = [f"{notification.get_kind_display()}: {notification.title}"]
    if notification.actor_name:
        lines.append(f"By {notification.actor_name}, {date_and_time(notification.created)}.")
    if notification.message:
        lines += ["", *(f"> {line}" for line in notification.message.splitlines())]
    if notification.url:
        lines += ["", f"Open it: {site_url(notification.url)}"]
    return "\n".join(lines)


FOOTER = (
    "\n\n--\nYour inbox, and how you get these emails: {inbox}\n"
    "You get this because you work on CSX Library.\n"
)


def email(user, subject, notifications):
    body = "\n\n".join(describe(n) for n in notifications)
    body += FOOTER.format(inbox=site_url(reverse("admin:inbox")))
    return EmailMessage(subject=f"CSX Library: {subject}", body=body, to=[user.email])


def send(user_pk, pks, subject):
    """Email the person the unsent ones of `pks` (all theirs, for None), marked sent in the
    same transaction: a task run twice finds them sent. Returns how many."""
    with transaction.atomic():
        mine = Notification.objects.select_for_update().filter(recipient_id=user_pk).unsent()
        if pks is not None:
            mine = mine.filter(pk__in=pks)
        pending = list(mine.select_related("recipient").order_by("created", "pk"))
        if not pending or not pending[0].recipient.email:
            return 0
        user = pending[0].recipient
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
            emailed_at=timezone.now()
        )
        email(user, subject(pending), pending).send()  # an error rolls the marks back
    return len(pending)


@task()
def send_one(pk, tries=0):
    recipient = Notification.objects.filter(pk=pk).values_list("recipient", flat=True).first()
    if recipient is not None:
        with mail.retried(send_one, pk, tries=tries):
            send(recipient, [pk], lambda ns: f"{ns[0].get_kind_display()}: {ns[0].title}")


@task()
def send_digest(user_pk, tries=0):
    count = lambda ns: f"{len(ns)} thing{'s' if len(ns) != 1 else ''}"  # noqa: E731
    with mail.retried(send_digest, user_pk, tries=tries):
        send(user_pk, None, lambda ns: f"your daily digest ({count(ns)} to know)")


def queue_digests():
    """One digest task for each person who chose the digest and has something unsent; safe
    to run again (each task sends only what is still unsent). Returns who."""
    people = (
        get_user_model()
        .objects.filter(notify_choice__delivery=Delivery.DIGEST, is_active=True)
        .exclude(email="")
        .filter(notifications__emailed_at__isnull=True)
        .distinct()
    )
    people = list(people)
    for user in people:
        tasks.enqueue(send_digest, user.pk)
    return people
