"""The records of "I have read and understood" (the rules: csx/learning/acknowledgements.py).

    model                   what it is
    ----------------------  -------------------------------------------------------------
    AcknowledgementRequest  an item or a path that asks learners to confirm they read it;
                            its `edition` goes up with each material change
    Acknowledgement         one learner confirmed one edition, as the reversion Version
                            that was live when they pressed the button

A record of our own, keyed by content type and id, rather than a field on every content
type: asking is a training matter, not part of the text, so ticking it is not an edit that
waits for review, and no content app needs a migration. Confirmations of older editions are
kept: the trainer sees which version each learner confirmed.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from csx.models.workflow import ItemRecord


class AcknowledgementRequestQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class AcknowledgementRequest(ItemRecord):
    """An item (ItemRecord: its content type and id) that asks learners to confirm it."""

    # Turning it off keeps the confirmations made so far; turning it on again goes on from them.
    active = models.BooleanField(default=True)
    edition = models.PositiveIntegerField(
        default=1, help_text="Goes up by one with each material change a publisher approves."
    )
    changed_at = models.DateTimeField(null=True, blank=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = AcknowledgementRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "request to confirm reading"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="learning_one_ack_request_per_item"
            )
        ]

    def __str__(self):
        return f"{self.content_type.model} #{self.object_id}, edition {self.edition}"


class Acknowledgement(models.Model):
    request = models.ForeignKey(
        AcknowledgementRequest, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    edition = models.PositiveIntegerField()
    # What the learner read: the diff of a later material change starts from it.
    version = models.ForeignKey(
        "reversion.Version", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-edition", "-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "learner", "edition"], name="learning_ack_once_per_edition"
            )
        ]

    def __str__(self):
        return f"{self.learner} confirmed {self.request}"
