"""The review workflow's records: requests to publish, changes held back from readers, and
the log of every workflow event.

What the workflow does with them lives in csx/editorial/workflow.py.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from csx.content.admin_links import change_url
from csx.models.content import choices_constraint


class ItemRecord(models.Model):
    """A record about one content item, of any type."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True

    @property
    def item_kind(self):
        return str(self.content_type.model_class()._meta.verbose_name).capitalize()

    @property
    def item_admin_url(self):
        return change_url(self.content_type.app_label, self.content_type.model, self.object_id)

    @classmethod
    def of(cls, item):
        return cls.objects.filter(
            content_type=ContentType.objects.get_for_model(item), object_id=item.pk
        )


class ReviewQuerySet(models.QuerySet):
    def waiting(self):
        """The review queue: oldest first."""
        return self.filter(state=Review.State.WAITING).order_by("submitted_at", "pk")


class Review(ItemRecord):
    """An editor's request to publish an item (or a change to a live one), and the answer."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting for review"
        APPROVED = "approved", "Approved"
        SENT_BACK = "sent_back", "Sent back"
        CANCELLED = "cancelled", "Cancelled"

    title = models.CharField(max_length=200, help_text="The item's title when submitted.")
    # A change to an approved item, held back from readers (PendingChange), rather than an
    # item that readers have never seen.
    is_change = models.BooleanField(default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    message = models.TextField("note for the publisher", blank=True)
    state = models.CharField(max_length=16, choices=State, default=State.WAITING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField("publisher's comment", blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        permissions = [("publish_content", "Can approve, publish, schedule, unpublish, restore")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state="waiting"),
                name="one_waiting_review_per_item",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["waiting", "approved", "sent_back", "cancelled"]),
                name="csx_review_state_valid",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_state_display().lower()})"


class PendingChangeQuerySet(models.QuerySet):
    def scheduled(self):
        """Changes a publisher approved for a later time, soonest first."""
        return self.filter(takes_effect_at__isnull=False).order_by("takes_effect_at", "pk")

    def due(self, now=None):
        return self.scheduled().filter(takes_effect_at__lte=now or timezone.now())


class PendingChange(ItemRecord):
    """Edits to an approved item, kept as a revision and held back from readers until a
    publisher approves them; the item's own row stays the approved version meanwhile."""

    revision = models.ForeignKey("reversion.Revision", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated = models.DateTimeField(default=timezone.now)
    # Approved for later: readers keep the live version until this time, then the change
    # takes effect everywhere at once (csx.editorial.scheduled.apply_due, on the first request
    # after).
    takes_effect_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Approved as a material change: learners who confirmed reading the item are asked again
    # when it takes effect (csx/learning/acknowledgements.py).
    material = models.BooleanField(default=False)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_pending_change_per_item"
            )
        ]
        indexes = [models.Index(fields=["takes_effect_at"], name="csx_pending_takes_effect")]

    def __str__(self):
        return f"Pending change to {self.content_type.model} #{self.object_id}"


class AuditAction(models.TextChoices):
    SUBMITTED = "submitted", "Submitted for review"
    SENT_BACK = "sent_back", "Sent back"
    APPROVED = "approved", "Approved for later"
    PUBLISHED = "published", "Published"
    CHANGE_APPLIED = "change_applied", "Scheduled change took effect"
    WITHDRAWN = "withdrawn", "Withdrawn"
    RESTORED = "restored", "Restored an old version"
    RECOVERED = "recovered", "Recovered after deletion"
    DELETED = "deleted", "Deleted"
    TAG_CHANGED = "tag_changed", "Tag renamed, merged or deleted"
    CHECK_RECORDED = "check_recorded", "Verification check recorded"
    ROLE_CHANGED = "role_changed", "Roles changed"


class AuditEvent(ItemRecord):
    """One workflow event: who did what to which item (a user, for role changes), when.
    csx/editorial/audit.py records them."""

    Action = AuditAction
    shown_to_readers = False  # the page cache keeps its pages when one is written

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    # As the event happened: the name stays when the user or the item is gone.
    actor_name = models.CharField("who", max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction)
    title = models.CharField("item", max_length=200, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="audit_item")]
        verbose_name = "workflow event"
        constraints = [choices_constraint("action", AuditAction, "csx_auditevent_action_valid")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.title or '—'} ({self.actor_name or 'the site'})"


class ShareLinkQuerySet(models.QuerySet):
    def working(self, now=None):
        """Links that still open: not revoked, not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ShareLink(ItemRecord):
    """A preview link given to someone without an account (csx/editorial/preview.py): it shows the
    revision it was made for, until it expires or someone revokes it."""

    revision = models.ForeignKey("reversion.Revision", null=True, on_delete=models.SET_NULL)
    title = models.CharField("item", max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField("last opened", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    objects = ShareLinkQuerySet.as_manager()
    shown_to_readers = False  # the page cache keeps its pages when one is written

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="share_link_item")]

    def __str__(self):
        return f"Preview of “{self.title}”"

    @property
    def working(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
