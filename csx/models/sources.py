"""Sources: where a story or a statistic comes from, seen by readers once a published item
cites it."""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator

from csx.content import permalinks
from csx.models.content import choices_constraint


class SourceKind(models.TextChoices):
    PRIMARY = "primary", "Primary study or report"
    PRESS = "press", "Press report"
    COMPANY = "company", "Company statement"
    BOOK = "book", "Book"
    SECONDARY = "secondary", "Blog or secondary article"
    REVIEW = "review", "Customer review"


class SourceQuerySet(models.QuerySet):
    """Sources have no status of their own: readers see one (its page, the list, the
    sitemap, the API) once a published item cites it, so that a source made while writing a
    draft stays out of sight until a publisher approves the draft. Staff see them all."""

    def published(self):
        return self.filter(reduce(or_, (models.Exists(self.citing(r)) for r in CITING)))

    def expired(self):
        return self.none()

    def visible_to(self, user):
        return self if user.is_staff else self.published()

    def citing(self, relation):
        """The published items citing the outer source through `relation` (CITING)."""
        field = self.model._meta.get_field(relation).field
        return field.model.objects.published().filter(**{field.name: OuterRef("pk")})

    def for_detail(self):
        return self

    def with_citation_counts(self):
        """Each source with `citation_count`: how many published items cite it."""
        counts = [Coalesce(self.citing_count(relation), 0) for relation in CITING]
        return self.annotate(citation_count=sum(counts[1:], counts[0]))

    def citing_count(self, relation):
        # A subquery per relation: joining all of them at once would multiply the rows.
        field = self.model._meta.get_field(relation).field
        return Subquery(
            self.citing(relation)
            .order_by()
            .values(field.name)
            .annotate(n=models.Count("pk"))
            .values("n")
        )


# What a source's page lists: the published items that cite it, by their relation to it
# (Source's related names), each under a heading of its own.
CITING = {
    "statistics": "Statistics quoted from it",
    "primary_for": "Statistics it is the primary source of",
    "disputed_origin_for": "Statistics it is a disputed origin of",
    "stories": "Stories told from it",
    "principles": "Principles it supports",
    "companies": "Companies it describes",
    "resources": "Resources it recommends",
}


class Source(models.Model):
    """Where a story or a statistic comes from: an article, a study, a book.

    Named as it names itself: its own headline (or, for one that has none, its opening
    words, marked `untitled`), with the author and publisher only where it gives them.
    """

    Kind = SourceKind

    slug = models.SlugField(
        max_length=200, unique=True, help_text="The URL key. Renaming keeps old links working."
    )
    kind = models.CharField(max_length=16, choices=SourceKind, default=SourceKind.SECONDARY)
    title = models.CharField(
        max_length=300,
        help_text="Its own headline, exactly. If it has none, its opening words (and tick "
        "“no headline”); never a title of our own.",
    )
    untitled = models.BooleanField(
        "no headline",
        default=False,
        help_text="The source has no headline: the title above is its opening words.",
    )
    author = models.CharField(
        max_length=200, blank=True, help_text="As the source gives it; blank if it names none."
    )
    publisher = models.CharField(
        max_length=200, blank=True, help_text="The site, paper or company that published it."
    )
    year = models.PositiveSmallIntegerField(
        "year published", null=True, blank=True, help_text="Filled from the date when known."
    )
    published_on = models.DateField(
        "date published", null=True, blank=True, help_text="If the source gives a full date."
    )
    url = models.URLField("URL", blank=True, max_length=500)
    archive_url = models.URLField(
        "archived copy",
        blank=True,
        max_length=500,
        help_text="A copy kept by an archive (web.archive.org, archive.today), in case the "
        "original changes or goes.",
    )
    accessed_on = models.DateField("date accessed", null=True, blank=True)
    note = models.TextField(blank=True, help_text="What it is, for readers. Plain text.")

    objects = SourceQuerySet.as_manager()

    # Whether readers could see it when it was deleted: asked before its citations go
    # (permalinks.note_public), so a deleted source they saw leaves a withdrawal behind.
    was_public = False

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="csx_source_title"),
            models.CheckConstraint(condition=~Q(slug=""), name="csx_source_slug"),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1800, year__lte=2100),
                name="csx_source_year_plausible",
            ),
            choices_constraint("kind", SourceKind, "csx_source_kind_valid"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        before = None
        if self.pk:
            before = type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        super().save(*args, **kwargs)
        permalinks.track_rename(self, before)

    def get_absolute_url(self):
        return reverse("sources:source_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.published_on:
            self.year = self.published_on.year

    @property
    def name(self):
        """Its headline, or its opening words trailing off when it has none."""
        return f"{self.title}…" if self.untitled else self.title

    @property
    def is_published(self):
        """Readers see it: a published item cites it."""
        return type(self).objects.published().filter(pk=self.pk).exists()

    @property
    def summary(self):
        """What a withdrawal notice says it was, should the source be deleted."""
        return Truncator(self.note).chars(300)

    @property
    def byline(self):
        """Who wrote and published it and when, as far as the source says: "author not named"
        where it names nobody (an empty author would read as if we had not looked)."""
        when = date_format(self.published_on) if self.published_on else self.year
        return ", ".join(str(part) for part in [self.author or "author not named",
                                                self.publisher, when] if part)  # fmt: skip

    def citations(self, limit=None):
        """(heading, published items) for each kind of item that cites it, as cards show them;
        at most `limit` of each kind (and one more, read to tell that there are more)."""
        found = []
        for relation, heading in CITING.items():
            items = getattr(self, relation).published().for_cards().order_by("title", "pk")
            found.append((heading, list(items if limit is None else items[: limit + 1])))
        return [(heading, items) for heading, items in found if items]

    @property
    def is_primary(self):
        return self.kind == SourceKind.PRIMARY
