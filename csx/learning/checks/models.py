"""The knowledge checks' rows: the questions (owned by their item, csx/learning/checks/) and
every attempt at them."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from csx.paths.models import Path, PathItem, exactly_one

# The rows a question may belong to: an item's own questions, or a path's for one of its steps.
OWNERS = ["story", "principle", "statistic", "path"]
CHOICE = re.compile(r"^\[(?P<mark>[ xX])\]\s*(?P<text>[^|]+?)\s*(?:\|\s*(?P<why>.*?))?\s*$")
CHOICES_HELP = (
    "One choice a line: [x] for a right answer, [ ] for a wrong one, then the answer, a "
    "bar and why it is right or wrong. For example:<br>[x] Apologise first | It shows you "
    "heard them.<br>[ ] Quote the policy | Policy first sounds like an excuse."
)


@dataclass(frozen=True)
class Choice:
    text: str
    right: bool
    why: str


def parse_choices(written):
    """[Choice] from the checklist an editor wrote; ValidationError naming the bad lines."""
    found, bad = [], []
    for number, line in enumerate(written.splitlines(), start=1):
        if not line.strip():
            continue
        match = CHOICE.match(line.strip())
        if match is None or not match["why"]:
            bad.append(str(number))
            continue
        found.append(Choice(match["text"], match["mark"] != " ", match["why"]))
    if bad:
        raise ValidationError(
            f"Line {', '.join(bad)}: write each choice as “[x] answer | why” or “[ ] answer | "
            "why”, with its explanation after the bar."
        )
    return found


class CheckQuestion(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", "Single choice (one right answer)"
        MULTIPLE = "multiple", "Multiple choice (tick every right answer)"

    story = models.ForeignKey(
        "stories.Story", null=True, blank=True, on_delete=models.CASCADE,
        related_name="check_questions",
    )  # fmt: skip
    principle = models.ForeignKey(
        "principles.Principle", null=True, blank=True, on_delete=models.CASCADE,
        related_name="check_questions",
    )  # fmt: skip
    statistic = models.ForeignKey(
        "principles.Statistic", null=True, blank=True, on_delete=models.CASCADE,
        related_name="check_questions",
    )  # fmt: skip
    path = models.ForeignKey(
        Path, null=True, blank=True, on_delete=models.CASCADE, related_name="check_questions"
    )
    step = models.ForeignKey(
        PathItem, null=True, blank=True, on_delete=models.CASCADE,
        related_name="check_questions", help_text="The step of this path it asks about.",
    )  # fmt: skip
    order = models.PositiveSmallIntegerField(default=0)
    prompt = models.CharField("question", max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    choices = models.TextField(help_text=CHOICES_HELP)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "knowledge check question"
        constraints = [
            models.CheckConstraint(
                condition=exactly_one(OWNERS), name="learning_question_one_owner"
            ),
            models.CheckConstraint(
                condition=models.Q(path__isnull=True, step__isnull=True)
                | models.Q(path__isnull=False, step__isnull=False),
                name="learning_question_step_of_its_path",
                violation_error_message="A path's question asks about one of its steps.",
            ),
        ]

    def __str__(self):
        return self.prompt

    def clean(self):
        if self.path_id and not self.step_id:
            raise ValidationError({"step": "Choose the step of this path it asks about."})
        if self.step_id and self.step.path_id != self.path_id:
            raise ValidationError({"step": "Choose a step of this path."})
        try:
            found = parse_choices(self.choices)
        except ValidationError as error:
            raise ValidationError({"choices": error.messages}) from error
        right = sum(choice.right for choice in found)
        if len(found) < 2:
            raise ValidationError({"choices": "Give at least two choices."})
        if right == 0:
            raise ValidationError({"choices": "Mark at least one right answer with [x]."})
        if self.kind == self.Kind.SINGLE and right > 1:
            raise ValidationError(
                {"choices": "A single-choice question has one right answer: mark one [x], "
                 "or make it multiple choice."}
            )  # fmt: skip

    @property
    def parsed(self):
        """Its choices, in order; a row saved before the rule it breaks reads as it can."""
        try:
            return parse_choices(self.choices)
        except ValidationError:
            return []

    @property
    def multiple(self):
        return self.kind == self.Kind.MULTIPLE

    def marks(self, chosen):
        """Whether choosing the choices at the positions `chosen` answers it rightly: every
        right choice chosen and no other."""
        right = {i for i, choice in enumerate(self.parsed) if choice.right}
        return set(chosen) == right


class AttemptQuerySet(models.QuerySet):
    def firsts(self):
        """Each learner's first attempt at each question (earliest answered_at, then pk)."""
        earlier = Attempt.objects.filter(
            learner=models.OuterRef("learner"),
            question=models.OuterRef("question"),
            pk__lt=models.OuterRef("pk"),
        )
        return self.exclude(models.Exists(earlier))


class Attempt(models.Model):
    """One answer to one question: every attempt is kept, the first one counts in results."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_attempts"
    )
    question = models.ForeignKey(CheckQuestion, on_delete=models.CASCADE, related_name="attempts")
    # Where it was answered: the step (of which path) the learner was on.
    step = models.ForeignKey(
        PathItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The choices picked, by their words (the question may be edited since), and the mark.
    chosen = models.JSONField(default=list)
    correct = models.BooleanField()
    answered_at = models.DateTimeField(default=timezone.now)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["answered_at", "pk"]
        indexes = [models.Index(fields=["learner", "question"], name="learning_attempt_by")]

    def __str__(self):
        return f"{self.learner} answered {self.question}"
