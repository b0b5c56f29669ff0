"""Principles, the practices under each, and the resources that teach them (books, courses,
tools, frameworks)."""

from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.functional import cached_property

from csx.content.markdown import plain_text
from csx.models import Content, ContentQuerySet, Source, choices_constraint

# A principle's page shows its first stories in the story list's order and links the list
# filtered by it for the rest: "transparency" has 12,163 stories at 50,000 (59 s to draw).
STORIES_SHOWN = 12


class PrincipleQuerySet(ContentQuerySet):
    def for_detail(self):
        statistics = self.model._meta.get_field("statistics").related_model
        return self.prefetch_related(
            "tags",
            "practices",
            "sources",
            Prefetch("statistics", queryset=statistics.objects.published().for_cards()),
        ).prefetch_published("resources")

    def for_search(self):
        return self.prefetch_related("tags", "practices")

    def holding_links(self):
        return super().holding_links(["practices__description"]).prefetch_related("practices")


class Principle(Content):
    definition = models.CharField(max_length=200, help_text="One line.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")
    sources = models.ManyToManyField(Source, blank=True, related_name="principles")

    objects = PrincipleQuerySet.as_manager()

    detail_url_name = "principles:principle_detail"
    seed_children = ["practices", "check_questions"]

    class Meta(Content.Meta):
        ordering = ["order", "title"]

    def get_handout_url(self):
        return reverse("principles:principle_handout", kwargs={"slug": self.slug})

    @cached_property
    def first_stories(self):
        """The first published stories that show it, in the story list's order: one query
        read from the list's index, run only by a page that shows them (a sliced prefetch
        numbers every one of the principle's stories first: 426 ms for 12,163)."""
        return list(self.stories.published().for_cards().in_list_order()[:STORIES_SHOWN])

    @cached_property
    def story_count(self):
        """How many published stories show it (the API's, a path step's)."""
        return self.count_stories()

    def count_stories(self, count=None):
        """As many as first_stories when it is not full, with no query; else count(), by
        default a query of its own (the principle's page keeps it: principles/views.py)."""
        shown = self.first_stories
        if len(shown) < STORIES_SHOWN:
            return len(shown)
        return count() if count is not None else self.stories.published().count()

    def markdown_texts(self):
        practices = [practice.description for practice in self.practices.all()]
        return [*super().markdown_texts(), *practices]

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
    # Example phrases for the person answering customers: what to say, and the reflex to
    # avoid. One phrase a line; shown side by side on the principle and the cheat sheet.
    say_this = models.TextField(blank=True, help_text="Phrases to use, one a line.")
    not_this = models.TextField(blank=True, help_text="Phrases to avoid, one a line.")
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

    @property
    def phrases(self):
        """(say this, not this) as lists of phrases."""
        return self.say_this.splitlines(), self.not_this.splitlines()


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
    sources = models.ManyToManyField(Source, blank=True, related_name="resources")

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
