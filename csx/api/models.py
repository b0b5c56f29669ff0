"""Tokens for integrations that write, and webhook subscriptions with their delivery log."""

import base64
import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from csx.api.scopes import EVENTS, SCOPES


def digest(token):
    """What is stored of a token: its SHA-256. A token is 32 random bytes, so no slow hash
    is needed to keep it from being guessed back from the digest."""
    return hashlib.sha256(token.encode()).hexdigest()


class TokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class Token(models.Model):
    """A person's key for one integration: what it may do (scopes), until revoked. Shown once,
    when made in the admin; only its digest and first characters are kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100, help_text="What it is for: “Help-desk sidebar”.")
    scopes = models.JSONField(default=list, help_text="What it may do.")
    prefix = models.CharField(max_length=12, editable=False, help_text="How it starts.")
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("revoked", null=True, blank=True)

    objects = TokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def issue(self):
        """A new secret for this token, returned once: only its digest is saved."""
        token = f"csx_{secrets.token_urlsafe(32)}"
        self.prefix, self.key_digest = token[:12], digest(token)
        return token

    def allows(self, scope):
        return self.revoked_at is None and scope in self.scopes

    @property
    def scope_labels(self):
        return ", ".join(SCOPES.get(scope, scope) for scope in self.scopes)


def new_secret():
    """A Standard Webhooks secret: "whsec_" and 32 random bytes in base 64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class Subscription(models.Model):
    """A receiver that wants to hear about some events, signed with its own secret."""

    url = models.URLField("URL", max_length=500, help_text="Where events are POSTed.")
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        help_text="Give it to the receiver to check signatures (Standard Webhooks).",
    )
    events = models.JSONField(default=list, help_text="Which events it hears about.")
    active = models.BooleanField(default=True)
    note = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]
        verbose_name = "webhook subscription"

    def __str__(self):
        return self.url

    @property
    def event_labels(self):
        return ", ".join(EVENTS.get(event, event) for event in self.events)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Gave up"


class Delivery(models.Model):
    """One event for one subscription, and every attempt to deliver it."""

    Status = DeliveryStatus

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    message_id = models.CharField(max_length=40, unique=True, editable=False)
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    status = models.CharField(max_length=16, choices=DeliveryStatus, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.event} → {self.subscription}"

    def backoff(self):
        """How long to wait after the attempts made so far: 10 s, doubling each time."""
        return timedelta(seconds=10 * 2 ** max(self.attempts - 1, 0))


class Attempt(models.Model):
    """One try at delivering: what the receiver answered, and how long it took."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="tries")
    at = models.DateTimeField(default=timezone.now)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    milliseconds = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.response_code or self.error} at {self.at:%Y-%m-%d %H:%M:%S}"

    @property
    def succeeded(self):
        return self.response_code is not None and 200 <= self.response_code < 300
