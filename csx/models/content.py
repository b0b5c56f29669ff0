"""The shared content base every public type extends, and sources."""

from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from csx import permalinks, registry


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ContentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def visibility_changes(self, now):
        """The times after `now` at which items appear or disappear by the clock alone (a
        scheduled item going live), as one column, `at`, that unions across types."""
        published_later = self.filter(status=Status.PUBLISHED, published_at__gt=now)
        return published_later.order_by().values(at=F("published_at"))

    def visible_to(self, user):
        """Everything published; editors also see drafts, so they can preview them."""
        return self if user.is_staff else self.published()

    def for_tag(self, tag):
        return self.filter(tags__slug=tag.slug)

    # Query shapes: what each kind of page needs fetched with the items, so that no view
    # keeps its own prefetch list. Types override the ones their pages draw more for.
    def for_cards(self):
        return self

    def for_detail(self):
        return self

    def for_embed(self):
        return self

    def for_search(self):
        """What the item's search_document() reads."""
        return self.prefetch_related("tags")

    def prefetch_published(self, *relations):
        """Prefetch these relations, keeping only the published items at their far end."""
        return self.prefetch_related(
            *(Prefetch(name, queryset=self.related_published(name)) for name in relations)
        )

    def related_published(self, relation):
        return self.model._meta.get_field(relation).related_model.objects.published()


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

    # The URL pattern name of the page that shows one item, e.g. "stories:story_detail";
    # None for the plain page csx/generic.py serves.
    detail_url_name = None
    # Reverse relations whose rows a seed fixture row carries too (a principle's practices).
    seed_children = ()

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
        self.stamp_publication()
        before = None
        if self.pk:
            before = type(self).objects.filter(pk=self.pk).values("slug", "status").first()
        super().save(*args, **kwargs)
        permalinks.track(self, before)

    def get_absolute_url(self):
        return reverse(registry.of(self).detail_url_name, kwargs={"slug": self.slug})

    @property
    def short_code(self):
        return permalinks.short_code(self)

    def get_short_url(self):
        return reverse("short_link", args=[self.short_code]) if self.short_code else None

    def get_embed_url(self):
        """The card of this item other sites may frame, or None for a type without one."""
        kind = registry.of(self)
        if kind is None or kind.embed is None:
            return None
        return reverse(f"embed:{kind.name}", kwargs={"slug": self.slug})

    def search_dependents(self):
        """Items whose search documents show some of this one (a story names its company)."""
        return []

    def tag_names(self):
        return " ".join(tag.name for tag in self.tags.all())

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
