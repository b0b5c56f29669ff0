"""The shared content base every public type extends (sources: csx/models/sources.py)."""

from datetime import timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from csx.content import evidence, permalinks, registry
from csx.content.markdown import plain_text


def holds_links(fields):
    """The condition of an item with a Markdown link in one of `fields`: holding_links()
    filters by it, and a type with many items indexes the few it holds (a partial index on
    the same condition, which PostgreSQL then reads instead of every text)."""
    return reduce(or_, (Q(**{f"{field}__contains": "]("}) for field in fields))


class Status(models.TextChoices):
    """Where an item is in the editors' workflow (csx/editorial/workflow.py)."""

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
    applies the same times in its own SQL, csx/search/backends/)."""
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

    # The times at which a published item appears or disappears by the clock alone: the one
    # list of them ("go live at", "take down at"). The page cache (csx/serving/cache.py) keeps no
    # page past the next of these.
    visibility_times = ("published_at", "take_down_at")

    def visibility_changes(self, now):
        """The times after `now` at which items appear or disappear by the clock alone (a
        scheduled item going live, a live one taken down): one query per time field, each
        one column, `at`, so that they union across fields and types."""
        published = self.filter(status=Status.PUBLISHED).order_by()
        return [
            published.filter(**{f"{field}__gt": now}).values(at=F(field))
            for field in self.visibility_times
        ]

    def visible_to(self, user):
        """Everything published; editors also see drafts, so they can preview them."""
        return self if user.is_staff else self.published()

    def for_tag(self, tag):
        """The items carrying `tag`: `pk IN (the tag's taggings of this type)`, not a join. The
        join compares the key with the tagging's integer cast to bigint on PostgreSQL, so no
        index serves it and the first page of a tag on 8,891 stories read and sorted them all
        (150 ms); as a semi-join it walks the type's order and stops at the page (4 ms)."""
        taggings = TaggedItem.objects.filter(
            tag=tag, content_type=ContentType.objects.get_for_model(self.model)
        )
        return self.filter(pk__in=taggings.values("object_id"))

    def holding_links(self, owned=()):
        """Items whose Markdown (or that of the rows they own, the `owned` fields such as
        "practices__description") has a link in it, ready for markdown_texts(): a stable
        reference is a link, and csx/content/references.py reads them for editors."""
        links = holds_links([*self.model.markdown_fields, *owned])
        return self.filter(pk__in=self.filter(links).values("pk"))

    def due_for_review(self, on=None):
        """Published items whose review date has come (by `on`, today unless given), the
        longest overdue first: the editors' dashboard and the review reminders list them."""
        on = on or timezone.localdate()
        return self.published().filter(review_by__lte=on).order_by("review_by", "pk")

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
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True},
        help_text="The editor who keeps it up to date; review reminders go to them.",
    )
    reviewed_on = models.DateField(
        "last reviewed on", null=True, blank=True, help_text="Shown to readers."
    )
    review_by = models.DateField(
        null=True,
        blank=True,
        help_text="When an editor should check it again. Set on publishing from the type's "
        "review interval.",
    )

    objects = ContentQuerySet.as_manager()

    # The fields that hold Markdown (types with more override this).
    markdown_fields = ("body",)
    # The field that says how readers can know the item is true (a story's provenance, a
    # statistic's verification), shown wherever the item travels: csx/content/evidence.py.
    evidence_field = None
    # How long a published item may go before an editor checks it again (figures age faster
    # than stories: types override this).
    review_interval = timedelta(days=365)

    # The URL pattern name of the page that shows one item, e.g. "stories:story_detail";
    # None for the plain page csx/public/generic.py serves.
    detail_url_name = None
    # Reverse relations to the rows an item owns (a principle's practices, a path's steps):
    # its seed fixture row carries them, and saving one re-indexes the item for search.
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
        self.tidy_text()
        before = None
        if self.pk:
            stored = type(self).objects.filter(pk=self.pk)
            before = stored.values("slug", "status", "published_at").first()
        super().save(*args, **kwargs)
        permalinks.track(self, before)

    def get_absolute_url(self):
        return reverse(registry.of(self).detail_url_name, kwargs={"slug": self.slug})

    def publish_problems(self, links=None):
        """Why the item may not go live as it stands, in sentences for its editor; empty
        when it may. `links`: its many-to-many values as a form holds them before they are
        saved ({"sources": [...]}); without it, as saved. Types with needs override this."""
        return []

    def tidy_text(self):
        """Text as typed in any browser or file: line endings as "\n", no spaces at line
        ends. A browser sends "\r\n" whatever was stored, so without this every save of an
        untouched text field would show in the history as a change of it."""
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if isinstance(field, models.CharField | models.TextField) and value:
                lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
                setattr(self, field.attname, "\n".join(line.rstrip() for line in lines))

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

    def embed_context(self):
        """What the item's card (/embed/...) shows beyond the item itself: a path its steps."""
        return {}

    def markdown_texts(self):
        """Every Markdown text the item shows, those of the rows it owns included."""
        return [getattr(self, field) for field in self.markdown_fields]

    def search_document(self):
        """What search indexes, in its four weighted fields (csx/search/documents.py). A type
        whose pages show more (a story's takeaway, a principle's practices) says so itself."""
        return {
            "title": self.title,
            "summary": self.summary,
            "keywords": self.tag_names(),
            "body": plain_text(self.body),
        }

    def search_dependents(self):
        """Items whose search documents show some of this one (a story names its company)."""
        return []

    def tag_names(self):
        return " ".join(tag.name for tag in self.tags.all())

    def clean(self):
        # Here as well as in save(), so the admin form passes the "published has a date" check.
        self.stamp_publication()

    def stamp_publication(self):
        if self.status != Status.PUBLISHED:
            return
        if self.published_at is None:
            self.published_at = timezone.now()
        if self.review_by is None:
            # Publishing is a review: the editor read it through before letting it out.
            self.mark_reviewed()

    def mark_reviewed(self, on=None):
        """Record a review (today unless `on` is given) and set the next one due."""
        self.reviewed_on = on or timezone.localdate()
        self.review_by = self.reviewed_on + self.review_interval

    @property
    def evidence(self):
        """How readers can know it is true, or None for a type that does not say."""
        return evidence.of(self)

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
