"""The editor's desk: what is kept for one person only, never shown to reviewers or readers.

Autosave, Notification, NotifyChoice:

    autosave        the change form as an editor was typing it, saved every few seconds:
                    one per person per item (and per type's "add" form), offered back when
                    the form opens again, removed when the form is saved
                    (csx/editorial/autosave.py)
    notification    something that happened that one person should know (submitted for
                    their review, sent back, approved, ...): listed in their inbox, emailed
                    at once or in a daily digest (csx/editorial/notifications.py)
    notify choice   how a person wants their notifications emailed
    saved view      a content type's admin list filters under a name: the list's query
                    string, so shared as a link it shows anyone the same filters
                    (csx/editorial/admin/views_bar.py)
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from csx.models.content import choices_constraint


class Autosave(models.Model):
    """An editor's private copy of a change form, as it stood when last typed in. Not a
    revision: no workflow step reads it, and nobody else sees it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)  # None: the "add" form
    # The form's fields as typed: [[name, value, label], ...] (label: a choice's visible text,
    # so a search-as-you-type box shows it again).
    fields = models.JSONField(default=list)
    saved_at = models.DateTimeField(default=timezone.now)

    shown_to_readers = False  # the page cache keeps its pages when one is written

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"],
                condition=Q(object_id__isnull=False),
                name="one_autosave_per_person_per_item",
            ),
            models.UniqueConstraint(
                fields=["user", "content_type"],
                condition=Q(object_id__isnull=True),
                name="one_autosave_per_person_per_add_form",
            ),
        ]

    def __str__(self):
        return f"Autosave of {self.content_type.model} #{self.object_id or 'new'}"


class NotificationKind(models.TextChoices):
    SUBMITTED = "submitted", "Submitted for your review"
    SENT_BACK = "sent_back", "Sent back to you"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    WENT_LIVE = "went_live", "A scheduled change went live"
    DOUBTED = "doubted", "A reader doubts a statistic"
    REVIEW_DUE = "review_due", "Due for review"
    ASSIGNED = "assigned", "Assigned to you"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def unsent(self):
        return self.filter(emailed_at__isnull=True)


class Notification(models.Model):
    """One thing one person should know, in their inbox until read."""

    Kind = NotificationKind

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=16, choices=NotificationKind)
    title = models.CharField("item", max_length=200)
    url = models.CharField("link", max_length=500, blank=True)  # a path on this site
    message = models.TextField(blank=True)  # a publisher's comment, a reader's words
    actor_name = models.CharField("who", max_length=150, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()
    shown_to_readers = False

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
        ]
        constraints = [choices_constraint("kind", NotificationKind, "csx_notification_kind_valid")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class Delivery(models.TextChoices):
    AT_ONCE = "at_once", "Each at once"
    DIGEST = "digest", "One email a day (digest)"
    NONE = "none", "Never: the inbox only"


class NotifyChoice(models.Model):
    """How one person wants notifications emailed: each at once, or one digest a day."""

    Delivery = Delivery

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notify_choice"
    )
    delivery = models.CharField(max_length=8, choices=Delivery, default=Delivery.AT_ONCE)

    shown_to_readers = False

    class Meta:
        constraints = [choices_constraint("delivery", Delivery, "csx_notifychoice_delivery_valid")]

    def __str__(self):
        return f"{self.user}: {self.get_delivery_display()}"


class SavedView(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    name = models.CharField(max_length=80)
    query = models.CharField(max_length=2000, blank=True, help_text="The list's query string.")
    created = models.DateTimeField(auto_now_add=True)

    shown_to_readers = False  # the page cache keeps its pages when one is written

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "content_type", "name"], name="csx_savedview_unique_name"
            )
        ]

    def __str__(self):
        return self.name
