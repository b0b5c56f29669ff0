"""Onboarding paths: an ordered walk through stories, principles, statistics and resources."""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse

from csx import registry
from csx.models.content import Content, ContentQuerySet, lines

# The kinds of item a path step can point at (csx/registry.py), each a field on PathItem.
TARGETS = registry.PATH_TARGETS


def exactly_one(fields):
    """A condition that holds when exactly one of the nullable `fields` is set."""
    return reduce(
        or_, (Q(**{f"{field}__isnull": field != chosen for field in fields}) for chosen in fields)
    )


class PathQuerySet(ContentQuerySet):
    def with_step_count(self):
        """Each path with `step_count`: the items readers see, not the ones they skip."""
        return self.annotate(
            step_count=Count("items", filter=Q(items__in=PathItem.objects.published()))
        )

    def holding_links(self):
        return super().holding_links(["items__trainer_note"]).prefetch_related("items")


class Path(Content):
    """An editor's ordered route through the library, for onboarding a new team member."""

    objects = PathQuerySet.as_manager()

    detail_url_name = "paths:path_detail"
    seed_children = ["items"]

    class Meta(Content.Meta):
        pass

    def get_handout_url(self):
        return reverse("paths:path_handout", kwargs={"slug": self.slug})

    def markdown_texts(self):
        return [*super().markdown_texts(), *(item.trainer_note for item in self.items.all())]

    def get_step_url(self, step):
        return reverse("paths:path_step", kwargs={"slug": self.slug, "step": step})

    def steps(self):
        """The items readers walk through, in order; the step number is the position."""
        return self.items.published().with_targets()

    def skipped_items(self):
        """Items whose target is not published: readers skip them, editors should know."""
        return self.items.unpublished().with_targets()


class PathItemQuerySet(models.QuerySet):
    def published(self):
        """Items whose target readers can see. The others drop out of the path for them."""
        return self.filter(
            reduce(
                or_,
                (
                    Q(**{f"{name}__in": self.model.target_model(name).objects.published()})
                    for name in TARGETS
                ),
            )
        )

    def unpublished(self):
        return self.exclude(pk__in=self.published().values("pk"))

    def with_targets(self):
        return self.select_related(*TARGETS)


class PathItem(models.Model):
    """One step of a path: a single story, principle, statistic or resource, with notes."""

    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower comes first; equal numbers keep the order items were added."
    )
    # Deleting a story (or any target) takes its step out of the path: the admin's delete
    # page lists the path items that go with it, and the deleted page's own links answer
    # 410 Gone. Unpublishing instead keeps the step (and its note) for when it comes back.
    story = models.ForeignKey(
        "stories.Story", null=True, blank=True, on_delete=models.CASCADE, related_name="path_items"
    )
    principle = models.ForeignKey(
        "principles.Principle",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="path_items",
    )
    statistic = models.ForeignKey(
        "principles.Statistic",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="path_items",
    )
    resource = models.ForeignKey(
        "principles.Resource",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="path_items",
    )
    trainer_note = models.TextField(
        "trainer's note", blank=True, help_text="Why this item, and what to draw out. Markdown."
    )
    discussion_questions = models.TextField(
        blank=True, help_text="Questions for a training group, one per line."
    )

    objects = PathItemQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "path item"
        constraints = [
            models.CheckConstraint(
                condition=exactly_one(TARGETS),
                name="paths_pathitem_exactly_one_target",
                violation_error_message=(
                    "Choose exactly one story, principle, statistic or resource for each item."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.path}: {self.target}"

    @classmethod
    def target_model(cls, name):
        return cls._meta.get_field(name).related_model

    @classmethod
    def show_targets_in_full(cls, steps):
        """Give each step its target as the target's own page shows it (for handouts):
        one query per kind of target."""
        for name in TARGETS:
            ids = [getattr(step, f"{name}_id") for step in steps if getattr(step, f"{name}_id")]
            if ids:
                full = cls.target_model(name).objects.for_detail().in_bulk(ids)
                for step in steps:
                    if getattr(step, f"{name}_id") in full:
                        setattr(step, name, full[getattr(step, f"{name}_id")])

    @property
    def target(self):
        """The one story, principle, statistic or resource this step points at."""
        for name in TARGETS:
            if getattr(self, f"{name}_id") is not None:
                return getattr(self, name)
        return None

    @property
    def kind(self):
        """What the target is, in words: "story", "principle", "statistic", "resource"."""
        target = self.target
        return target._meta.verbose_name if target is not None else ""

    @property
    def is_published(self):
        target = self.target
        return target is not None and target.is_published

    @property
    def questions(self):
        return lines(self.discussion_questions)
