"""Pages that were public once and are no longer: they answer 410 Gone, never a bare 404."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


def validate_replacement(value):
    if not (value.startswith("/") and not value.startswith("//")) and not value.startswith(
        ("https://", "http://")
    ):
        raise ValidationError(
            "Give a path on this site, such as /stories/another-story/, or a full http(s) address."
        )


class Withdrawal(models.Model):
    """A published item that was unpublished or deleted, as readers last saw it.

    Its old links answer 410 Gone with a page that says what it was, when it went and where
    to look instead; an editor who sets a replacement turns them into a 301 to it.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(max_length=200)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(
        max_length=300, blank=True, help_text="Shown to readers: why it went, if you like."
    )
    replacement = models.CharField(
        max_length=300,
        blank=True,
        validators=[validate_replacement],
        help_text="Where its old links should lead instead, e.g. /stories/another-story/. "
        "Leave blank to answer “410 Gone”.",
    )

    class Meta:
        ordering = ["-withdrawn_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_withdrawal_per_item"
            )
        ]

    def __str__(self):
        return f"{self.title} (withdrawn {self.withdrawn_at:%Y-%m-%d})"

    @classmethod
    def record(cls, item):
        cls.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(item),
            object_id=item.pk,
            defaults={
                "slug": item.slug,
                "title": item.title,
                "summary": item.summary,
                "withdrawn_at": timezone.now(),
            },
        )

    @classmethod
    def restore(cls, item):
        cls.objects.filter(
            content_type=ContentType.objects.get_for_model(item), object_id=item.pk
        ).delete()

    @property
    def kind(self):
        return self.content_type.model_class()._meta.verbose_name


def record_deletion(sender, instance, **kwargs):
    """post_delete: a deleted item that was public leaves a withdrawal behind."""
    if instance.is_published:
        Withdrawal.record(instance)
