"""The shared content base every public type extends, and sources."""

from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from csx import permalinks, registry


class Status(models.TextChoices):
    """Where an item is in the editors' workflow (csx/workflow.py)."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"  # approved: readers see it between its two times
    WITHDRAWN = "withdrawn", "Withdrawn"  # a publisher took it down; its links answer 410


class State(models.TextChoices):
    """What readers get now: the status read with the "go live at" and "take down at" times."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    LIVE = "live", "Live"
    EXPIRED = "expired", "Expired"
    WITHDRAWN = "withdrawn", "Withdrawn"


def state_condition(state, now=None):
    """The condition an item meets while readers get it as `state`: the one rule of
    visibility, read by published(), the admin's lists and the dashboard's counts (search
    applies the same times in its own SQL, csx/search/backends.py)."""
    now = now or timezone.now()
    approved = Q(status=Status.PUBLISHED)
    if state == State.LIVE:
        return (
            approved
            & Q(published_at__lte=now)
            & (Q(take_down_at__isnull=True) | Q(take_down_at__gt=now))
        )
    if state == State.SCHEDULED:
        return approved & Q(published_at__gt=now)
    if state == State.EXPIRED:
        return approved & Q(take_down_at__lte=now)
    return Q(status=state)


class ContentQuerySet(models.QuerySet):
    def published(self):
        """What readers see now, used by every page, feed, sitemap, embed and short link."""
        return self.in_state(State.LIVE)

    def approved(self):
        """Approved by a publisher: live, scheduled or expired, as the times say."""
        return self.filter(status=Status.PUBLISHED)

    def scheduled(self):
        return self.in_state(State.SCHEDULED)

    def expired(self):
        return self.in_state(State.EXPIRED)

    def in_state(self, state):
        """The items readers get as `state` (a State) now."""
        return self.filter(state_condition(state))

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
        "go live at",
        null=True,
        blank=True,
        help_text="When readers first see it. Left empty, it goes live when approved; "
        "a later time schedules it.",
    )
    take_down_at = models.DateTimeField(
        "take down at",
        null=True,
        blank=True,
        help_text="When readers stop seeing it (its links then say it was withdrawn). "
        "Leave empty to keep it.",
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
            models.CheckConstraint(
                condition=Q(take_down_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(take_down_at__gt=F("published_at")),
                name="%(app_label)s_%(class)s_taken_down_after_going_live",
                violation_error_message="“Take down at” must come after “go live at”.",
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
            stored = type(self).objects.filter(pk=self.pk)
            before = stored.values("slug", "status", "published_at").first()
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
    def state(self):
        """What readers get now (a State): ContentQuerySet.in_state() for one item."""
        if self.status != Status.PUBLISHED:
            return State(self.status)
        now = timezone.now()
        if self.published_at is None or self.published_at > now:
            return State.SCHEDULED
        if self.take_down_at is not None and self.take_down_at <= now:
            return State.EXPIRED
        return State.LIVE

    @property
    def is_published(self):
        return self.state == State.LIVE

    @property
    def was_public(self):
        """Readers have seen it: live now, or expired."""
        return self.state in (State.LIVE, State.EXPIRED)


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
