"""The shared content base, sources, and the memory of old slugs."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ContentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def visible_to(self, user):
        """Everything published; editors also see drafts, so they can preview them."""
        return self if user.is_staff else self.published()

    def for_tag(self, tag):
        return self.filter(tags__slug=tag.slug)


def to_base36(number):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, remainder = divmod(number, 36)
        text = digits[remainder] + text
        if not number:
            return text


def lines(text):
    """The non-blank lines of a one-item-per-line field, such as discussion questions."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def choices_constraint(field, choices, name):
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class Content(models.Model):
    """What every public content type has: a title, a permanent slug, Markdown, a status."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The URL key. Renaming keeps old links working."
    )
    summary = models.CharField(
        max_length=300, help_text="One or two sentences for cards, search results and embeds."
    )
    body = models.TextField(blank=True, help_text="Markdown.")
    status = models.CharField(max_length=16, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="Set automatically when first published."
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    tags = TaggableManager(blank=True)

    objects = ContentQuerySet.as_manager()

    # The URL pattern name of the page that shows one item, e.g. "stories:story_detail".
    detail_url_name = None
    # The letter that starts this type's short links (/s/<letter><id in base 36>/), if any.
    short_prefix = None

    class Meta:
        abstract = True
        ordering = ["title"]
        constraints = [
            choices_constraint("status", Status, "%(app_label)s_%(class)s_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_date",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="%(app_label)s_%(class)s_title"),
            models.CheckConstraint(condition=~Q(slug=""), name="%(app_label)s_%(class)s_slug"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        from csx.models.withdrawals import Withdrawal

        self.stamp_publication()
        before = None
        if self.pk:
            before = type(self).objects.filter(pk=self.pk).values("slug", "status").first()
        super().save(*args, **kwargs)
        if before and before["slug"] != self.slug:
            SlugHistory.remember(self, before["slug"])
        # Links given out while it was public must keep saying what happened to it.
        if self.is_published:
            Withdrawal.restore(self)
        elif before and before["status"] == Status.PUBLISHED:
            Withdrawal.record(self)

    def get_absolute_url(self):
        return reverse(self.detail_url_name, kwargs={"slug": self.slug})

    @property
    def short_code(self):
        return self.short_prefix + to_base36(self.pk) if self.short_prefix and self.pk else None

    def get_short_url(self):
        return reverse("short_link", args=[self.short_code]) if self.short_code else None

    def clean(self):
        # Here as well as in save(), so the admin form passes the "published has a date" check.
        self.stamp_publication()

    def stamp_publication(self):
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def is_published(self):
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class SlugHistory(models.Model):
    """A slug an item used to have, so that links given out before a rename keep working."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(max_length=200)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "slug history"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="unique_old_slug")
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.slug} → #{self.object_id}"

    @classmethod
    def remember(cls, item, old_slug):
        content_type = ContentType.objects.get_for_model(item)
        # The new slug is live again, so an older record of it must not shadow the item.
        cls.objects.filter(content_type=content_type, slug=item.slug).delete()
        cls.objects.update_or_create(
            content_type=content_type, slug=old_slug, defaults={"object_id": item.pk}
        )

    @classmethod
    def object_id_for(cls, model, slug):
        """The id of the `model` item that once had `slug`, or None."""
        content_type = ContentType.objects.get_for_model(model)
        old = cls.objects.filter(content_type=content_type, slug=slug)
        return old.values_list("object_id", flat=True).first()

    @classmethod
    def current(cls, queryset, slug):
        """The item in `queryset` that once had `slug`, or None."""
        object_id = cls.object_id_for(queryset.model, slug)
        return queryset.filter(pk=object_id).first() if object_id else None


class Source(models.Model):
    """Where a story or a statistic comes from: an article, a study, a book."""

    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(max_length=300)
    author = models.CharField("author or publisher", max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.URLField("URL", blank=True, max_length=500)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="csx_source_title"),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1800, year__lte=2100),
                name="csx_source_year_plausible",
            ),
        ]

    def __str__(self):
        return self.title
