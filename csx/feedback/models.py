"""What readers send: the stories they share (moderated, never public by themselves) and
whether a page helped them; a statistic a reader doubts gets a verification task.

Nothing here knows who sent it: no account, no cookie, no IP address. A shared story's name
and email are the reader's own choice, and are erased when editors are done with them.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from csx.content import registry
from csx.content.admin_links import change_url
from csx.formats import date_and_time
from csx.models import choices_constraint
from stories.models import Company, Story

STORY_MIN_LENGTH = 80
STORY_MAX_LENGTH = 5000
COMMENT_MAX_LENGTH = 1000


class SubmissionStatus(models.TextChoices):
    NEW = "new", "New"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class WentWell(models.TextChoices):
    WELL = "well", "It went well"
    BADLY = "badly", "It went badly"


class SubmissionQuerySet(models.QuerySet):
    def decided(self):
        """Accepted or rejected: editors are done with the reader's name and email."""
        return self.exclude(status=SubmissionStatus.NEW)

    def holding_personal_data(self):
        return self.exclude(name="", email="")

    def received_before(self, moment):
        return self.filter(received__lt=moment)


class Submission(models.Model):
    """A story a reader shared at /share/: waits for an editor, never shown as it is."""

    Status = SubmissionStatus
    WentWell = WentWell

    what_happened = models.TextField(
        max_length=STORY_MAX_LENGTH,
        validators=[MinLengthValidator(STORY_MIN_LENGTH), MaxLengthValidator(STORY_MAX_LENGTH)],
    )
    company = models.CharField(max_length=120, blank=True)
    channel = models.CharField(max_length=16, choices=Story.Channel, blank=True)
    went = models.CharField("how it went", max_length=8, choices=WentWell)
    name = models.CharField("name to show", max_length=80, blank=True)
    email = models.EmailField("email for follow-up", blank=True, help_text="Never shown.")
    # Private by default: without consent the editors read it and nothing is published.
    consent = models.BooleanField("consent to publish an edited version", default=False)
    status = models.CharField(max_length=16, choices=SubmissionStatus, default=SubmissionStatus.NEW)
    received = models.DateTimeField(auto_now_add=True)
    erased = models.DateTimeField(
        "personal data erased", null=True, blank=True, help_text="When the name and email went."
    )
    editor_note = models.TextField(blank=True, help_text="For editors only.")
    story = models.OneToOneField(
        Story,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submission",
        help_text="The draft story made from it.",
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-received", "-pk"]
        constraints = [
            choices_constraint("status", SubmissionStatus, "feedback_submission_status_valid"),
            choices_constraint("went", WentWell, "feedback_submission_went_valid"),
        ]

    def __str__(self):
        # Never the reader's name or email: this shows in the admin's history of changes.
        return (
            f"Reader story {self.pk} ({date_and_time(self.received)})" if self.received else "New"
        )

    def erase(self):
        """Forget who sent it: the name and email go; the story they told stays."""
        self.name = self.email = ""
        self.erased = timezone.now()
        self.save(update_fields=["name", "email", "erased"])

    @transaction.atomic
    def make_draft_story(self, user=None):
        """A draft story prefilled from this submission and linked to it, for the normal
        review (made by the workflow, csx/editorial/workflow.py, as `user`'s); the
        submission counts as accepted. Only with the reader's consent to publish: a story
        told to the editors privately never becomes a story (PermissionDenied)."""
        from csx.editorial import workflow

        if not self.consent:
            raise PermissionDenied("The reader did not consent to publishing this story.")

        company = Company.objects.filter(title__iexact=self.company.strip()).first()
        story = Story(
            title=self.draft_title(),
            slug=f"reader-story-{self.pk}",
            summary=Truncator(" ".join(self.what_happened.split())).chars(200),
            body=self.draft_body(),
            kind=Story.Kind.REVIEW,
            provenance=Story.Provenance.READER,
            outcome=Story.Outcome.EXEMPLARY
            if self.went == WentWell.WELL
            else Story.Outcome.CAUTIONARY,
            company=company,
            channel=self.channel,
            takeaway="",  # the editor writes it: the admin asks for it before saving again
        )
        workflow.create_draft(story, user)
        self.story = story
        self.status = SubmissionStatus.ACCEPTED
        self.save(update_fields=["story", "status"])
        return story

    def draft_title(self):
        went = "good" if self.went == WentWell.WELL else "bad"
        company = self.company.strip()
        return f"A reader's {went} experience" + (f" with {company}" if company else "")

    def draft_body(self):
        credit = f"Shared by {self.name}, a reader." if self.name else "Shared by a reader."
        return f"{self.what_happened.strip()}\n\n*{credit}*\n"


class VerificationTaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed__isnull=True)


class VerificationTask(models.Model):
    """Readers think a statistic looks wrong: an editor checks it against its source.
    One open task per statistic; every reader's report joins it."""

    statistic = models.ForeignKey(
        "principles.Statistic", on_delete=models.CASCADE, related_name="verification_tasks"
    )
    opened = models.DateTimeField(auto_now_add=True)
    closed = models.DateTimeField(null=True, blank=True)
    finding = models.TextField(blank=True, help_text="What the check found.")
    answered_by = models.ForeignKey(
        "principles.VerificationCheck",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name="answered by the check",
        help_text="The entry in the statistic's verification log that closed this task.",
    )

    objects = VerificationTaskQuerySet.as_manager()

    class Meta:
        ordering = ["closed", "-opened"]
        constraints = [
            models.UniqueConstraint(
                fields=["statistic"],
                condition=Q(closed__isnull=True),
                name="feedback_one_open_task_per_statistic",
            )
        ]

    def __str__(self):
        return f"Check “{self.statistic}”"

    @classmethod
    def answer(cls, sender, instance, created=False, raw=False, **kwargs):
        """A check was logged on the statistic (post_save of a VerificationCheck): it
        answers the readers' reports, so the open task closes with its result."""
        if created and not raw:
            cls.objects.open().filter(statistic=instance.statistic_id).update(
                closed=instance.checked_at, finding=instance.result, answered_by=instance
            )

    @classmethod
    def open_for(cls, statistic):
        """The statistic's open task, opened now if it has none."""
        try:
            with transaction.atomic():
                return cls.objects.open().get_or_create(statistic=statistic)[0]
        except IntegrityError:  # another reader's report opened it a moment ago
            return cls.objects.open().get(statistic=statistic)


class Reason(models.TextChoices):
    UNCLEAR = "unclear", "It is unclear"
    OUTDATED = "outdated", "It is out of date"
    UNREALISTIC = "unrealistic", "It is unrealistic"
    STATISTIC_WRONG = "statistic_wrong", "The statistic looks wrong"
    OTHER = "other", "Something else"


def reasons_for(item):
    """The reasons a reader may give about `item`: "the statistic looks wrong" on statistics."""
    statistic = registry.of(item).name == "statistic"
    return [(value, label) for value, label in Reason.choices
            if value != Reason.STATISTIC_WRONG or statistic]  # fmt: skip


def reason_applies(item, helpful, reason):
    """Whether a reader who answered `helpful` about `item` may give `reason`: a reason says
    what did not help, so only with a "no", and only one that `item`'s type offers."""
    return not helpful and reason in [value for value, _ in reasons_for(item)]


class FeedbackQuerySet(models.QuerySet):
    def for_item(self, item):
        return self.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)


class Feedback(models.Model):
    """One reader's "was this helpful?" about one item, and what they added."""

    Reason = Reason

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey()
    helpful = models.BooleanField()
    reason = models.CharField(max_length=16, choices=Reason, blank=True)
    comment = models.TextField(max_length=COMMENT_MAX_LENGTH, blank=True)
    # The day only: nothing that could tell one reader's visits apart.
    day = models.DateField(default=timezone.localdate)
    task = models.ForeignKey(
        VerificationTask,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text="The verification task this report joined.",
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "feedback"
        ordering = ["-day", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(reason="") | Q(reason__in=Reason.values),
                name="feedback_feedback_reason_valid",
            )
        ]

    def __str__(self):
        return f"{'Helpful' if self.helpful else 'Not helpful'} ({date_format(self.day)})"

    @property
    def is_answered(self):
        """Whether the reader already said more (a reason or a comment)."""
        return bool(self.reason or self.comment)

    def add_detail(self, reason, comment):
        """The reader's reason and comment; a doubted statistic gets a verification task."""
        self.reason, self.comment = reason, comment
        if reason == Reason.STATISTIC_WRONG:
            self.task = VerificationTask.open_for(self.item)
        self.save(update_fields=["reason", "comment", "task"])

    def get_admin_item_url(self):
        return change_url(self.content_type.app_label, self.content_type.model, self.object_id)
