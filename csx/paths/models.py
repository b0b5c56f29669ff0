"""Onboarding paths: an ordered walk through stories, principles, statistics and resources."""

from functools import reduce
from operator import or_

from django.db import models, transaction
from django.db.models import Count, OuterRef, Q, Subquery, Sum, prefetch_related_objects
from django.urls import reverse

from csx.content import permalinks, registry
from csx.content.markdown import plain_text
from csx.models.content import Content, ContentQuerySet, lines

# The kinds of item a path step can point at (csx/content/registry.py), each a field on PathItem.
TARGETS = registry.PATH_TARGETS
# The steps a path's card lists (/embed/paths/<slug>/); a longer path says how many more. The
# card's frame height (the registry's) holds this many, each title on two lines at most.
EMBED_STEPS = 8


def exactly_one(fields):
    """A condition that holds when exactly one of the nullable `fields` is set."""
    return reduce(
        or_, (Q(**{f"{field}__isnull": field != chosen for field in fields}) for chosen in fields)
    )


class PathQuerySet(ContentQuerySet):
    def for_search(self):
        return self.prefetch_related("tags", "items")

    def with_step_count(self):
        """Each path with `step_count`: the items readers see, not the ones they skip."""
        return self.annotate(
            step_count=Count("items", filter=Q(items__in=PathItem.objects.published()))
        )

    def with_minutes(self):
        """Each path with `minutes`, its length: the minutes of the steps readers see, added
        up (None when none has a timing). The one source of the figure, so no page can say
        otherwise."""
        steps = PathItem.objects.published().filter(path=OuterRef("pk")).order_by()
        total = steps.values("path").annotate(total=Sum("minutes")).values("total")
        return self.annotate(minutes=Subquery(total))

    def fitting(self, minutes):
        """The paths that fit in a session of `minutes`: a length, and no longer."""
        return self.with_minutes().filter(minutes__lte=minutes)

    def with_first_step(self):
        """Each path with `first_step`: the number of the first item readers see, or None."""
        first = PathItem.objects.published().filter(path=OuterRef("pk")).order_by("order", "pk")
        return self.annotate(first_step=Subquery(first.values("number")[:1]))

    def holding_links(self):
        return super().holding_links(["items__trainer_note"]).prefetch_related("items")

    def for_embed(self):
        return self.with_minutes()


class Path(Content):
    """An editor's ordered route through the library, for onboarding a new team member."""

    objects = PathQuerySet.as_manager()

    detail_url_name = "paths:path_detail"
    seed_children = ["items", "check_questions"]

    class Meta(Content.Meta):
        pass

    def get_handout_url(self):
        return reverse("paths:path_handout", kwargs={"slug": self.slug})

    def get_learner_handout_url(self):
        return reverse("paths:path_learner_handout", kwargs={"slug": self.slug})

    def get_step_url(self, number):
        """A step's address, by the number its item was given in this path (PathItem.number)."""
        return reverse("paths:path_step", kwargs={"slug": self.slug, "number": number})

    def get_present_url(self):
        return reverse("paths:path_present", kwargs={"slug": self.slug})

    def get_cartridge_url(self):
        return reverse("paths:path_cartridge", kwargs={"slug": self.slug})

    def search_document(self):
        notes = "\n".join(
            f"{item.trainer_note}\n{item.discussion_questions}" for item in self.items.all()
        )
        return {
            "title": self.title,
            "summary": self.summary,
            "keywords": self.tag_names(),
            "body": f"{plain_text(self.body)}\n{plain_text(notes)}",
        }

    def markdown_texts(self):
        return [*super().markdown_texts(), *(item.trainer_note for item in self.items.all())]

    def steps(self):
        """The items readers walk through, in order; "step N of M" counts only these."""
        return self.items.published().with_targets()

    def embed_context(self):
        steps = list(self.steps())
        return {"steps": steps[:EMBED_STEPS], "more_steps": len(steps[EMBED_STEPS:])}

    def skipped_items(self):
        """Items whose target is not published: readers skip them, editors should know."""
        return self.items.unpublished().with_targets()

    def copy(self, user=None):
        """A draft copy with the same steps, for a trainer to adapt without touching this one
        (made by the workflow, csx/editorial/workflow.py, as `user`'s)."""
        from csx.editorial import workflow

        copy = Path(
            title=f"{self.title} (copy)"[: self._meta.get_field("title").max_length],
            slug=self.free_slug(f"{self.slug}-copy"),
            summary=self.summary,
            body=self.body,
        )
        steps = list(self.items.all())

        questions = list(self.check_questions.all())  # knowledge checks (csx/learning)

        def fill(copy):
            numbers = PathItem.free_numbers(copy)
            made = PathItem.objects.bulk_create(
                [step.copy_to(copy, next(numbers)) for step in steps]
            )
            copied = {step.pk: new for step, new in zip(steps, made, strict=True)}
            for question in questions:  # each asked at its step's copy
                question.pk, question.path, question.step = None, copy, copied[question.step_id]
                question.save()

        with transaction.atomic():
            return workflow.create_draft(copy, user, tags=list(self.tags.all()), fill=fill)

    @classmethod
    def free_slug(cls, base):
        """`base`, or `base-2`, `base-3`...: the first no path has, had, or was withdrawn at."""
        limit = cls._meta.get_field("slug").max_length
        candidate, n = base[:limit], 1
        while permalinks.resolve(cls.objects.all(), candidate) is not None:
            n += 1
            candidate = f"{base[: limit - len(str(n)) - 1]}-{n}"
        return candidate


def joined_paths(queryset):
    """The relations `queryset` joins (select_related), as "a__b" paths."""

    def paths(tree, prefix=""):
        for name, below in tree.items():
            yield from paths(below, f"{prefix}{name}__") if below else [f"{prefix}{name}"]

    tree = queryset.query.select_related
    return list(paths(tree)) if isinstance(tree, dict) else []


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

    def with_targets_in_full(self):
        """with_targets(), each target joined with what its own page joins (its
        for_detail()'s select_related); PathItem.show_targets_in_full adds the rest."""
        joined = [
            f"{name}__{path}"
            for name in TARGETS
            for path in joined_paths(self.model.target_model(name).objects.for_detail())
        ]
        return self.select_related(*TARGETS, *joined)

    def for_session(self):
        """What the handout and present mode show of each step's target: a story's company
        and sources, a principle's practices, a statistic's source."""
        return self.select_related("story__company", "statistic__cited_in").prefetch_related(
            "story__sources", "principle__practices"
        )


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
        blank=True,
        help_text="Questions for a training group, one per line. Left blank, a story's own "
        "discussion questions are used in the handout and present mode.",
    )
    minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Roughly how long to spend on it in a session."
    )
    # A step's address, /paths/<slug>/steps/<number>/: numbered within its path as items are
    # added (the seed's steps are 1, 2, 3...), and kept when other steps are withdrawn or
    # reordered, so a link goes on showing the item it was given out for.
    number = models.PositiveSmallIntegerField(editable=False)
    # Addresses given out before: /paths/<slug>/<n>/ (the nth published item, when steps
    # were positions) and /paths/<slug>/steps/<id>/ (the item's id, until steps had numbers).
    # Each still leads to the item it was given out for (csx/paths/views.py).
    legacy_number = models.PositiveSmallIntegerField(null=True, editable=False)
    addressed_by_id = models.BooleanField(default=False, editable=False)

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
            models.UniqueConstraint(
                fields=["path", "legacy_number"], name="paths_pathitem_one_legacy_number"
            ),
            models.UniqueConstraint(fields=["path", "number"], name="paths_pathitem_one_number"),
        ]

    def __str__(self):
        return f"{self.path}: {self.target}"

    def save(self, *args, **kwargs):
        # Addresses once given out never change, whatever is saved over the item (a revision
        # from before it had some, restored, say); a new item takes the next free number.
        stored = self.pk and PathItem.objects.filter(pk=self.pk).values(*ADDRESSES).first()
        if stored:
            for name, value in stored.items():
                setattr(self, name, value)
        elif self.number is None:
            self.number = next(self.free_numbers(self.path))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.path.get_step_url(self.number)

    @classmethod
    def free_numbers(cls, path):
        """The numbers a new step of `path` may take, in turn: past the highest it has given
        out, and never an old id address (/steps/<id>/) of one of its items, which must go on
        leading to that item."""
        items = cls.objects.filter(path=path)
        taken = set(items.values_list("number", flat=True))
        old_ids = set(items.filter(addressed_by_id=True).values_list("pk", flat=True))
        number = max(taken, default=0)
        while True:
            number += 1
            if number not in old_ids:
                yield number

    def copy_to(self, path, number):
        """An unsaved item of `path`, step `number`, with this one's target, place, notes and
        timing."""
        kept = [f.attname for f in self._meta.concrete_fields if f.name in COPIED_FIELDS]
        return PathItem(path=path, number=number, **{name: getattr(self, name) for name in kept})

    @classmethod
    def target_model(cls, name):
        return cls._meta.get_field(name).related_model

    @classmethod
    def show_targets_in_full(cls, steps):
        """Give each step's target what the target's own page shows, on the targets the
        steps hold (read with_targets_in_full()): one query per relation prefetched."""
        for name in TARGETS:
            targets = [getattr(step, name) for step in steps if getattr(step, f"{name}_id")]
            if targets:
                shown = cls.target_model(name).objects.for_detail()
                prefetch_related_objects(targets, *shown._prefetch_related_lookups)

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

    @property
    def session_questions(self):
        """What the group discusses at this step: the trainer's questions, or, where the
        trainer wrote none, the target's own (a story's discussion questions)."""
        return self.questions or getattr(self.target, "questions", [])


# What a copy of an item keeps: everything but its identity, its path and its addresses.
COPIED_FIELDS = ["order", *TARGETS, "trainer_note", "discussion_questions", "minutes"]
ADDRESSES = ["number", "legacy_number", "addressed_by_id"]
