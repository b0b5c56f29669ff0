"""Webhooks: each event a subscription asked for becomes a Delivery, POSTed by a background
task (csx/serving/tasks.py), signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`,
`webhook-signature` over the body with the subscription's secret, by the `standardwebhooks`
package that receivers use to check it).

A delivery that fails (no answer, or not a 2xx) is tried again after 10 s, 20 s, 40 s …
(WEBHOOK_ATTEMPTS tries in all); each try is logged with its response code and time. A
receiver on a loopback or private address is refused unless WEBHOOKS_ALLOW_PRIVATE is set.
"""

import ipaddress
import json
import secrets
import socket
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from standardwebhooks import Webhook

from csx.api.models import Attempt, Delivery, Subscription
from csx.serving import tasks


class Refused(Exception):
    """A target we will not send to; the message says why."""


def refusal(url):
    """Why `url` may not receive webhooks, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Give an http:// or https:// address."
    if settings.WEBHOOKS_ALLOW_PRIVATE:
        return None
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except (socket.gaierror, UnicodeError, ValueError):
        return f"{parts.hostname} cannot be found."
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            return f"{parts.hostname} is a loopback or private address ({address})."
    return None


def validate_target(url):
    reason = refusal(url)
    if reason:
        raise ValidationError(reason)


def announce(event, data):
    """`event` happened: one delivery for each active subscription to it, each sent by a
    task queued with the change (so never for a change rolled back)."""
    payload = {"type": event, "timestamp": timezone.now().isoformat(), "data": data}
    payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    for subscription in Subscription.objects.filter(active=True):
        if event in subscription.events:
            delivery = Delivery.objects.create(
                subscription=subscription,
                event=event,
                payload=payload,
                message_id=f"msg_{secrets.token_hex(12)}",
            )
            tasks.enqueue(deliver, delivery.pk)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not an invitation: it could lead anywhere (a private address)."""

    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def post(delivery):
    """POST the delivery once; the Attempt (not saved) says how it went."""
    subscription = delivery.subscription
    body = json.dumps(delivery.payload)
    now = timezone.now()
    signature = Webhook(subscription.secret).sign(delivery.message_id, now, body)
    headers = {
        "content-type": "application/json",
        "user-agent": "CSX-Library-Webhooks/1",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }
    attempt = Attempt(delivery=delivery, at=now)
    started = time.monotonic()
    try:
        reason = refusal(subscription.url)
        if reason:
            raise Refused(reason)
        request = urllib.request.Request(  # noqa: S310 - http(s) only, checked above
            subscription.url, data=body.encode(), headers=headers, method="POST"
        )
        with OPENER.open(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            attempt.response_code = response.status
    except urllib.error.HTTPError as error:
        attempt.response_code = error.code
        error.close()  # it holds the answer's socket open until collected otherwise
    except (Refused, OSError, ValueError) as error:
        attempt.error = (str(error) or type(error).__name__)[:300]
    attempt.milliseconds = round((time.monotonic() - started) * 1000)
    return attempt


@task()
def deliver(delivery_id):
    """Try a pending delivery once; if it fails, queue the next try after its backoff."""
    delivery = Delivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != Delivery.Status.PENDING:
        return "nothing to do"
    attempt = post(delivery)  # outside any transaction: a slow receiver holds no lock
    with transaction.atomic():
        attempt.save()
        delivery.attempts += 1
        if attempt.succeeded:
            delivery.status, delivery.delivered_at = Delivery.Status.DELIVERED, attempt.at
            delivery.next_attempt_at = None
        elif delivery.attempts >= settings.WEBHOOK_ATTEMPTS:
            delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
        else:
            delivery.next_attempt_at = timezone.now() + delivery.backoff()
            tasks.enqueue(deliver.using(run_after=delivery.next_attempt_at), delivery.pk)
        delivery.save()
    return delivery.status


def redeliver(delivery):
    """Send a delivery again from the start (the admin's "Deliver again")."""
    with transaction.atomic():
        delivery.status, delivery.attempts = Delivery.Status.PENDING, 0
        delivery.next_attempt_at = None
        delivery.save()
        tasks.enqueue(deliver, delivery.pk)
