"""Cohorts of learners, the paths assigned to them, invitations, and each learner's progress.

    model        what it is
    -----------  -----------------------------------------------------------------
    Cohort       a trainer's group of learners ("March new hires")
    Assignment   a path a cohort is to walk, with an optional due date
    Invitation   an email address asked to join a cohort (csx/learning/invitations.py)
    StepDone     one learner has marked one step of a path done
    TrainerCopy  a trainer's private copy of a path, trimmed toward a target length

Progress is kept per step (PathItem), not per assignment: a learner assigned the same path
by two cohorts walks it once.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from csx.paths.models import Path, PathItem


class CohortQuerySet(models.QuerySet):
    def trained_by(self, user):
        """The cohorts `user` runs: a trainer sees no one else's."""
        return self.filter(trainer=user)


class Cohort(models.Model):
    name = models.CharField(max_length=120, help_text='For example "March new hires".')
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohorts_trained"
    )
    learners = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="cohorts", blank=True)
    paths = models.ManyToManyField(Path, through="Assignment", related_name="cohorts")
    created = models.DateTimeField(auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("learning:cohort_detail", kwargs={"pk": self.pk})


class AssignmentQuerySet(models.QuerySet):
    def for_learner(self, user):
        return self.filter(cohort__learners=user)


class Assignment(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="assignments")
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="assignments")
    due = models.DateField("due date", null=True, blank=True)
    assigned = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "path"], name="learning_one_assignment")
        ]

    def __str__(self):
        return f"{self.path} for {self.cohort}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True)


class Invitation(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    # Marked by the task that emails it, so a task run twice sends one email.
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "email"], name="learning_one_invitation")
        ]

    def __str__(self):
        return f"{self.email} to {self.cohort}"


class StepDoneQuerySet(models.QuerySet):
    def of_learners_inactive_since(self, cutoff):
        """Progress of learners with no sign-in and no step marked since `cutoff` (a
        learner who never signed in counts from when their account was made)."""
        active = self.filter(done_at__gte=cutoff).values("learner")
        return self.exclude(learner__in=active).filter(
            models.Q(learner__last_login__lt=cutoff)
            | models.Q(learner__last_login__isnull=True, learner__date_joined__lt=cutoff)
        )


class StepDone(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="steps_done"
    )
    item = models.ForeignKey(PathItem, on_delete=models.CASCADE, related_name="done_by")
    done_at = models.DateTimeField(default=timezone.now)

    objects = StepDoneQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "item"], name="learning_step_done_once")
        ]

    def __str__(self):
        return f"{self.learner} did {self.item}"


class TrainerCopyQuerySet(models.QuerySet):
    def of(self, trainer):
        return self.filter(trainer=trainer)


class TrainerCopy(models.Model):
    """A trainer's own copy of a path (csx/learning/copies.py): a draft path, never public,
    whose steps the trainer picks, orders, times and annotates without the admin, and may
    assign to their cohorts."""

    class Target(models.IntegerChoices):
        HALF_HOUR = 30, "30 minutes"
        THREE_QUARTERS = 45, "45 minutes"
        HOUR = 60, "60 minutes"

    path = models.OneToOneField(Path, on_delete=models.CASCADE, related_name="trainer_copy")
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="path_copies"
    )
    original = models.ForeignKey(
        Path, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target = models.PositiveSmallIntegerField(
        "target length", choices=Target.choices, default=Target.THREE_QUARTERS
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = TrainerCopyQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return str(self.path)

    def get_absolute_url(self):
        return reverse("learning:copy_detail", kwargs={"pk": self.pk})


def walkable_paths():
    """The paths a cohort may walk: those readers see, and trainers' own copies (drafts
    that only their cohorts see)."""
    return Path.objects.filter(
        models.Q(pk__in=Path.objects.published().values("pk"))
        | models.Q(trainer_copy__isnull=False)
    )


# "I have read and understood": in a module of its own (csx/learning/ack_models.py).
from csx.learning.ack_models import Acknowledgement, AcknowledgementRequest  # noqa: E402, F401

# Knowledge checks and reminders keep their rows in modules of their own.
from csx.learning.checks.models import Attempt, CheckQuestion  # noqa: E402, F401
from csx.learning.reminder_records import Reminder  # noqa: E402, F401
