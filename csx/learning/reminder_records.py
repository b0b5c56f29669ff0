"""The reminders sent (csx/learning/reminders.py): a row per learner, assignment, kind and
due date, made before its email is queued, so none is sent twice."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Reminder(models.Model):
    class Kind(models.TextChoices):
        BEFORE = "before", "due soon"
        AFTER = "after", "overdue"

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    assignment = models.ForeignKey(
        "learning.Assignment", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=6, choices=Kind.choices)
    due = models.DateField()  # the due date it reminded of: a new date reminds again
    created = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "learning"
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "assignment", "kind", "due"], name="learning_remind_once"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.assignment} to {self.learner}"
