"""The knowledge side: principles, the practices under them, the evidence, the resources."""

from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse

from csx.markdown import plain_text
from csx.models import Content, ContentQuerySet, Source, choices_constraint


class PrincipleQuerySet(ContentQuerySet):
    def for_detail(self):
        stories = self.model._meta.get_field("stories").related_model
        return self.prefetch_related(
            "tags",
            "practices",
            Prefetch("stories", queryset=stories.objects.published().for_cards()),
        ).prefetch_published("statistics", "resources")

    def for_search(self):
        return self.prefetch_related("tags", "practices")


class Principle(Content):
    definition = models.CharField(max_length=200, help_text="One line.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    objects = PrincipleQuerySet.as_manager()

    detail_url_name = "principles:principle_detail"
    seed_children = ["practices"]

    class Meta(Content.Meta):
        ordering = ["order", "title"]

    def get_handout_url(self):
        return reverse("principles:principle_handout", kwargs={"slug": self.slug})

    def search_document(self):
        practices = " ".join(f"{p.title} {p.description}" for p in self.practices.all())
        return {
            "title": self.title,
            "summary": f"{self.definition} {self.summary}",
            "keywords": self.tag_names(),
            "body": f"{plain_text(self.body)}\n{practices}",
        }


class Practice(models.Model):
    """An actionable tip or strategy that puts one principle to work."""

    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="practices")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, help_text="Anchor on the principle's page.")
    description = models.TextField(help_text="Markdown.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["principle", "slug"], name="unique_practice_slug"),
            models.CheckConstraint(condition=~Q(title=""), name="principles_practice_title"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.principle.get_absolute_url()}#{self.slug}"


class Verification(models.TextChoices):
    SECONDARY = "secondary", "Cited by a secondary source, not verified"
    CHECKED = "checked", "Checked against the primary source"
    DISPUTED = "disputed", "Disputed"


class StatisticQuerySet(ContentQuerySet):
    def for_cards(self):
        # A statistic is never shown without the source it is cited in.
        return self.select_related("cited_in")

    def for_detail(self):
        return self.for_cards().prefetch_related("tags").prefetch_published("principles")

    def for_embed(self):
        return self.for_cards()


class Statistic(Content):
    Verification = Verification

    figure = models.CharField(max_length=40, help_text='As written, e.g. "86%".')
    claim = models.CharField(max_length=300, help_text="What the figure measures.")
    attributed_to = models.CharField(max_length=200, help_text="Who owns the original study.")
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="If known.")
    cited_in = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="statistics", verbose_name="cited in"
    )
    verification = models.CharField(
        max_length=16, choices=Verification, default=Verification.SECONDARY
    )
    note = models.TextField(blank=True)
    principles = models.ManyToManyField(Principle, blank=True, related_name="statistics")

    objects = StatisticQuerySet.as_manager()

    detail_url_name = "principles:statistic_detail"

    class Meta(Content.Meta):
        constraints = [
            *Content.Meta.constraints,
            choices_constraint(
                "verification", Verification, "principles_statistic_verification_valid"
            ),
            models.CheckConstraint(condition=~Q(figure=""), name="principles_statistic_figure"),
        ]

    @property
    def verification_statement(self):
        """How far the figure can be trusted, in a sentence a reader can quote."""
        cited = f"As cited by {self.cited_in}"
        if self.cited_in.author:
            cited += f" ({self.cited_in.author})"
        if self.verification == Verification.CHECKED:
            return f"{cited}; checked against the original {self.attributed_to}."
        if self.verification == Verification.DISPUTED:
            return f"{cited}; disputed: see the note below before quoting it."
        return f"{cited}; not yet checked against the original {self.attributed_to}."

    def search_document(self):
        return {
            "title": self.title,
            "summary": f"{self.figure} {self.claim}. {self.summary}",
            "keywords": f"{self.tag_names()} {self.attributed_to}",
            "body": f"{plain_text(self.body)}\n{self.note}",
        }


class ResourceKind(models.TextChoices):
    BOOK = "book", "Book"
    COURSE = "course", "Course"
    TOOL = "tool", "Tool"
    FRAMEWORK = "framework", "Framework"


class Resource(Content):
    Kind = ResourceKind

    kind = models.CharField(max_length=16, choices=Kind)
    creator = models.CharField("creator or provider", max_length=200, blank=True)
    url = models.URLField("URL", blank=True, max_length=500)
    principles = models.ManyToManyField(Principle, blank=True, related_name="resources")

    objects = ContentQuerySet.as_manager()

    class Meta(Content.Meta):
        constraints = [
            *Content.Meta.constraints,
            choices_constraint("kind", ResourceKind, "principles_resource_kind_valid"),
        ]

    def get_absolute_url(self):
        # Resources have no page of their own; each is an anchored entry on the list.
        return f"{reverse('principles:resource_list')}#{self.slug}"

    def search_document(self):
        return {
            "title": self.title,
            "summary": self.summary,
            "keywords": f"{self.tag_names()} {self.creator} {self.get_kind_display()}",
            "body": plain_text(self.body),
        }
