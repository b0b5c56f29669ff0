"""Webhooks: each event a subscriber asked for arrives signed per Standard Webhooks, sent by
the background worker (`manage.py worker`, run here in this process on the test database),
again after the receiver was down, and never to a private address unless allowed."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from csx.api import webhooks
from csx.api.models import Delivery, Subscription
from csx.editorial import scheduled, workflow
from csx.models import PendingChange, Status
from tests.api.receiver import Receiver
from tests.factories import make_story

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EVERY_EVENT = ["content.published", "content.changed", "content.withdrawn",
               "content.went_live", "feedback.received"]  # fmt: skip


@pytest.fixture(autouse=True)
def private_targets_allowed(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True  # the receivers listen on 127.0.0.1


def subscribe(url, events=EVERY_EVENT):
    return Subscription.objects.create(url=url, events=events)


def run_worker():
    call_command("worker", "--batch", verbosity=0)


def test_a_publish_reaches_the_subscriber_signed(publisher):
    with Receiver(secret="") as receiver:
        subscription = subscribe(receiver.url)
        receiver.secret = subscription.secret
        draft = make_story(slug="fresh", status=Status.DRAFT)
        workflow.publish(draft, publisher)
        run_worker()
    assert [(m["type"], m["data"]["slug"]) for m in receiver.messages] == [
        ("content.published", "fresh")
    ]


def test_a_signature_made_with_another_secret_is_refused_by_the_receiver(publisher):
    with Receiver(secret=Subscription().secret) as receiver:
        subscribe(receiver.url)  # a secret of its own, which the receiver does not hold
        workflow.publish(make_story(status=Status.DRAFT), publisher)
        run_worker()
    assert (len(receiver.refused), receiver.messages) == (1, [])


def test_only_the_events_subscribed_to_are_sent(publisher):
    subscribe("http://127.0.0.1:8799/", events=["content.withdrawn"])
    workflow.publish(make_story(status=Status.DRAFT), publisher)
    assert not Delivery.objects.exists()


def test_every_workflow_step_readers_notice_is_an_event(publisher):
    subscribe("http://127.0.0.1:8799/")
    story = workflow.publish(make_story(status=Status.DRAFT), publisher)
    workflow.withdraw(story, publisher)
    live = make_story()
    change = PendingChange.objects.create(
        item=live, revision=_revision_of(live), author=publisher,
        takes_effect_at=timezone.now() - timedelta(minutes=1), approved_by=publisher,
    )  # fmt: skip
    assert change.pk
    scheduled.apply_due()
    from csx.feedback.models import Feedback

    Feedback.objects.create(item=live, helpful=True)
    assert list(Delivery.objects.order_by("pk").values_list("event", flat=True)) == [
        "content.published", "content.withdrawn", "content.went_live", "feedback.received",
    ]  # fmt: skip


def _revision_of(item):
    import reversion

    with reversion.create_revision():
        item.save()
    from csx.editorial import history

    return history.versions(item).first().revision


def test_a_receiver_that_was_down_gets_the_delivery_on_a_later_try(publisher):
    with Receiver(secret="", status=503) as receiver:
        subscription = subscribe(receiver.url)
        receiver.secret = subscription.secret
        workflow.publish(make_story(slug="late", status=Status.DRAFT), publisher)
        run_worker()  # the receiver answers 503: a retry is queued for later
        receiver.status = 200
        with time_machine.travel(timezone.now() + timedelta(seconds=11)):
            run_worker()
    delivery = Delivery.objects.get()
    assert (
        [m["data"]["slug"] for m in receiver.messages],
        delivery.status,
        [attempt.response_code for attempt in delivery.tries.all()],
    ) == (["late"], Delivery.Status.DELIVERED, [503, 200])


def test_a_retry_waits_for_its_backoff(publisher):
    with Receiver(secret="", status=503) as receiver:
        subscribe(receiver.url)
        workflow.publish(make_story(status=Status.DRAFT), publisher)
        run_worker()
        receiver.status = 200
        run_worker()  # at once: the retry is not due yet
    assert Delivery.objects.get().tries.count() == 1


def test_delivery_gives_up_after_the_last_attempt(publisher, settings):
    settings.WEBHOOK_ATTEMPTS = 2
    with Receiver(secret="", status=500) as receiver:
        subscribe(receiver.url)
        workflow.publish(make_story(status=Status.DRAFT), publisher)
        run_worker()
        with time_machine.travel(timezone.now() + timedelta(minutes=5)):
            run_worker()
    assert Delivery.objects.get().status == Delivery.Status.FAILED


def test_a_private_address_is_refused_unless_allowed(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    assert [webhooks.refusal(url) is not None for url in [
        "http://127.0.0.1:8700/", "http://10.1.2.3/", "http://[::1]/", "http://localhost/",
        "http://169.254.169.254/latest/meta-data/"]] == [True] * 5  # fmt: skip


def test_a_delivery_to_a_private_address_is_never_sent(publisher, settings):
    with Receiver(secret="") as receiver:
        subscribe(receiver.url)
        settings.WEBHOOKS_ALLOW_PRIVATE = False
        workflow.publish(make_story(status=Status.DRAFT), publisher)
        run_worker()
    attempt = Delivery.objects.get().tries.get()
    assert (receiver.messages, receiver.refused, attempt.response_code) == ([], [], None)
    assert "loopback or private" in attempt.error


def test_the_admin_refuses_a_private_subscription(admin_client, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    response = admin_client.post(
        "/admin/api/subscription/add/",
        {"url": "http://127.0.0.1:8700/", "events": ["content.published"], "secret": "whsec_x"},
    )
    assert (response.status_code, Subscription.objects.count()) == (200, 0)


def test_the_admin_delivers_again_on_request(publisher, admin_client):
    with Receiver(secret="") as receiver:
        subscription = subscribe(receiver.url)
        receiver.secret = subscription.secret
        workflow.publish(make_story(slug="again", status=Status.DRAFT), publisher)
        run_worker()
        delivery = Delivery.objects.get()
        admin_client.post("/admin/api/delivery/", {
            "action": "deliver_again", "_selected_action": [delivery.pk]})  # fmt: skip
        run_worker()
    assert [m["data"]["slug"] for m in receiver.messages] == ["again", "again"]
    assert receiver.ids[0] == receiver.ids[1]  # the same message: a receiver may drop it


def test_an_item_scheduled_to_go_live_is_announced_when_it_does(publisher):
    subscribe("http://127.0.0.1:8799/", events=["content.went_live", "content.published"])
    at = timezone.now() + timedelta(hours=1)
    workflow.publish(make_story(slug="later", status=Status.DRAFT), publisher, go_live_at=at)
    run_worker()
    before = Delivery.objects.count()
    with time_machine.travel(at + timedelta(seconds=1)):
        run_worker()
    assert (before, [(d.event, d.payload["data"]["slug"]) for d in Delivery.objects.all()]) == (
        0, [("content.went_live", "later")])  # fmt: skip


def test_an_item_scheduled_again_is_announced_at_its_new_time_only(publisher):
    subscribe("http://127.0.0.1:8799/", events=["content.went_live"])
    first, second = timezone.now() + timedelta(hours=1), timezone.now() + timedelta(hours=2)
    story = workflow.publish(make_story(status=Status.DRAFT), publisher, go_live_at=first)
    workflow.publish(story, publisher, go_live_at=second)
    with time_machine.travel(first + timedelta(seconds=1)):
        run_worker()
        at_first = Delivery.objects.count()
    with time_machine.travel(second + timedelta(seconds=1)):
        run_worker()
    assert (at_first, Delivery.objects.count()) == (0, 1)
