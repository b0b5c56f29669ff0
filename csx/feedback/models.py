"""What readers send: the stories they share (moderated, never public by themselves) and
whether a page helped them; a statistic a reader doubts gets a verification task. Each is
handled by an editor (`Handled`: open, answered or dismissed, an assignee, a note), and a
shared story can be answered by email (`Reply`, sent by csx/feedback/replies.py).

Nothing here knows who sent it: no account, no cookie, no IP address. A shared story's name
and email are the reader's own choice, and are erased when editors are done with them.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
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
REPLY_MAX_LENGTH = 5000


class State(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"
    DISMISSED = "dismissed", "Dismissed"


class HandledQuerySet(models.QuerySet):
    def open(self):
        """Waiting for an editor: what the dashboard lists."""
        return self.filter(state=State.OPEN)

    def handled(self):
        """Answered or dismissed: editors are done with it."""
        return self.exclude(state=State.OPEN)

    def mark(self, state):
        """Put each in `state`: (how many moved, how many could not). A verification task
        cannot reopen while its statistic has another open task."""
        moved = refused = 0
        for item in self.exclude(state=state):
            item.state = state
            try:
                item.clean()
            except ValidationError:
                refused += 1
                continue
            item.save()
            moved += 1
        return moved, refused


class Handled(models.Model):
    """What an editor does with something a reader sent: its state, who looks after it, and
    a note the reader never sees. Assigning tells the assignee (csx/feedback/handling.py)."""

    State = State

    state = models.CharField(max_length=10, choices=State, default=State.OPEN, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True, "is_active": True},
        help_text="Who looks after it: told in their inbox when assigned.",
    )
    note = models.TextField("internal note", blank=True, help_text="For editors only.")

    class Meta:
        abstract = True


class WentWell(models.TextChoices):
    WELL = "well", "It went well"
    BADLY = "badly", "It went badly"


class SubmissionQuerySet(HandledQuerySet):
    def holding_personal_data(self):
        return self.exclude(name="", email="")

    def received_before(self, moment):
        return self.filter(received__lt=moment)


class Submission(Handled):
    """A story a reader shared at /share/: waits for an editor, never shown as it is."""

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
    received = models.DateTimeField(auto_now_add=True)
    erased = models.DateTimeField(
        "personal data erased", null=True, blank=True, help_text="When the name and email went."
    )
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
            choices_constraint("state", State, "feedback_submission_state_valid"),
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
        submission counts as answered. Only with the reader's consent to publish: a story
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
        self.state = State.ANSWERED
        self.save(update_fields=["story", "state"])
        return story

    def draft_title(self):
        went = "good" if self.went == WentWell.WELL else "bad"
        company = self.company.strip()
        return f"A reader's {went} experience" + (f" with {company}" if company else "")

    def draft_body(self):
        credit = f"Shared by {self.name}, a reader." if self.name else "Shared by a reader."
        return f"{self.what_happened.strip()}\n\n*{credit}*\n"


class VerificationTask(Handled):
    """Readers think a statistic looks wrong: an editor checks it against its source.
    One open task per statistic; every reader's report joins it. `closed` is when it
    stopped being open (answered or dismissed)."""

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

    objects = HandledQuerySet.as_manager()

    class Meta:
        ordering = ["closed", "-opened"]
        constraints = [
            models.UniqueConstraint(
                fields=["statistic"],
                condition=Q(state="open"),
                name="feedback_one_open_task_per_statistic",
            ),
            choices_constraint("state", State, "feedback_verificationtask_state_valid"),
        ]

    def __str__(self):
        return f"Check “{self.statistic}”"

    def save(self, *args, **kwargs):
        # `closed` follows the state, whoever moves it: when the task stopped being open.
        if self.state == State.OPEN:
            self.closed = None
        elif self.closed is None:
            self.closed = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "closed"}
        super().save(*args, **kwargs)

    def clean(self):
        # Reopened while readers opened a new task for the statistic: one open task each.
        others = VerificationTask.objects.open().filter(statistic=self.statistic_id)
        if self.state == State.OPEN and others.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"state": "The statistic has another open task: work on that one instead."}
            )

    @classmethod
    def answer(cls, sender, instance, created=False, raw=False, **kwargs):
        """A check was logged on the statistic (post_save of a VerificationCheck): it
        answers the readers' reports, so the open task closes with its result."""
        if created and not raw:
            cls.objects.open().filter(statistic=instance.statistic_id).update(
                state=State.ANSWERED,
                closed=instance.checked_at,
                finding=instance.result,
                answered_by=instance,
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


class FeedbackQuerySet(HandledQuerySet):
    def for_item(self, item):
        return self.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)


class Feedback(Handled):
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
            ),
            choices_constraint("state", State, "feedback_feedback_state_valid"),
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


class ReplyQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)


class Reply(models.Model):
    """An editor's email to the reader who shared a story, logged on the submission and sent
    by a background task (csx/feedback/replies.py) to the address the reader left."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="replies")
    subject = models.CharField(max_length=150)
    body = models.TextField(max_length=REPLY_MAX_LENGTH)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = ReplyQuerySet.as_manager()

    class Meta:
        ordering = ["-written", "-pk"]
        verbose_name_plural = "replies"

    def __str__(self):
        return f"Reply of {date_and_time(self.written)}"
