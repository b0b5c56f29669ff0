"""The outbox: each statement waits here, written by the request that made it, until the
Learning Record Store has taken it (csx/xapi/sending.py), and is then deleted: the LRS is
the record, and a copy here would only be more personal data to keep.

A statement's id is fixed when it is written, so sending it twice (a retry after a lost
answer, two workers) stores it once: the LRS drops a statement whose id it holds.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class StatementQuerySet(models.QuerySet):
    def pending(self):
        """Waiting to be sent: not refused by the LRS."""
        return self.filter(refused_at__isnull=True)

    def unclaimed(self, now):
        """Not being sent by a worker now (a claim that outlived its lease was lost)."""
        return self.filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))


class Statement(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Who did it: erasing the learner erases what was still waiting (csx/learning/erasure.py).
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    verb = models.CharField(max_length=20)  # its short name, as csx/xapi/statements.py says it
    body = models.JSONField()  # the statement, as it is sent
    created = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    # A worker sending it holds it until then (csx/xapi/sending.py, `claim()`).
    claim = models.UUIDField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    # The LRS said it will never take this one (400, 409, 422): kept, not sent again.
    refused_at = models.DateTimeField(null=True, blank=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["refused_at", "created"], name="xapi_outbox_order")]

    def __str__(self):
        return f"{self.verb} {self.pk}"
