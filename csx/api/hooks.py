"""Where webhook events come from: the workflow's announcements (csx/editorial/events.py) and a
reader's feedback arriving. Connected at start-up (ApiConfig.ready).

An item approved to go live later goes live by the clock alone, with no save: a task queued
to run at that time announces it, if the item is then live at the time it was queued for
(a later re-scheduling queues its own).
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django_tasks import task

from csx.api import webhooks
from csx.content import registry
from csx.editorial import events
from csx.serving import tasks


def describe(item):
    """An item as events name it: its type, slug, title, page and resource addresses."""
    kind = registry.of(item)
    if kind is None:
        return None
    resource = reverse(f"api:{kind.name}_detail", kwargs={"slug": item.slug})
    return {
        "type": kind.name,
        "id": item.pk,
        "slug": item.slug,
        "title": item.title,
        "url": settings.SITE_URL + item.get_absolute_url(),
        "api_url": settings.SITE_URL + resource,
    }


def relay(event):
    def receiver(sender, item, **kwargs):
        data = describe(item)
        if data is not None:
            webhooks.announce(event, data)

    receiver.__name__ = f"relay_{event.replace('.', '_')}"
    return receiver


RELAYS = {
    events.published: relay("content.published"),
    events.changed: relay("content.changed"),
    events.withdrawn: relay("content.withdrawn"),
    events.went_live: relay("content.went_live"),
}


def scheduled(sender, item, **kwargs):
    at = item.published_at
    announce = announce_went_live.using(run_after=at)
    tasks.enqueue(announce, item._meta.label, item.pk, at.isoformat())


@task()
def announce_went_live(label, pk, at):
    live = apps.get_model(label).objects.published()
    item = live.filter(pk=pk, published_at=parse_datetime(at)).first()
    if item is not None:
        webhooks.announce("content.went_live", describe(item))


def feedback_received(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw and instance.item is not None:
        data = {"item": describe(instance.item), "helpful": instance.helpful}
        webhooks.announce("feedback.received", data)


def connect():
    from csx.feedback.models import Feedback

    for signal, receiver in RELAYS.items():
        signal.connect(receiver, dispatch_uid=receiver.__name__)
    events.scheduled.connect(scheduled, dispatch_uid="webhook-scheduled")
    post_save.connect(feedback_received, sender=Feedback, dispatch_uid="webhook-feedback")
