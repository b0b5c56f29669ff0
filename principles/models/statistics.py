"""The evidence: statistics as their sources give them, and the log of every check an editor
made of one (each check sets the figure's verification state)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from csx.content.markdown import plain_text
from csx.editorial import audit
from csx.models import Content, ContentQuerySet, Source, choices_constraint


class Verification(models.TextChoices):
    SECONDARY = "secondary", "Cited by a secondary source only"
    CHECKED = "checked", "Checked against the primary source"
    DISPUTED = "disputed", "Attribution disputed"
    WITHDRAWN = "withdrawn", "Withdrawn: not to be quoted"


def with_article(owner):
    """An owner as a sentence names it: "Microsoft study" is "a Microsoft study", "A 2011
    study by …" is "a 2011 study by …"; a proper name ("Forrester Research") stays as it is."""
    first, _, rest = owner.partition(" ")
    if first.lower() in ("a", "an", "the"):
        return f"{first.lower()} {rest}"
    words = owner.split()
    if not words or not words[-1].islower():
        return owner
    return f"{'an' if owner[0].lower() in 'aeiou' else 'a'} {owner}"


class StatisticQuerySet(ContentQuerySet):
    def backing(self, item):
        """The statistics that back a principle `item` illustrates, by title."""
        principles = [principle.pk for principle in item.principles.all()]
        return self.filter(principles__in=principles).distinct().order_by("title")

    def for_cards(self):
        # A statistic is never shown without the source it is cited in.
        return self.select_related("cited_in")

    def for_detail(self):
        return (
            self.select_related("cited_in", "primary_source", "other_origin_source")
            .prefetch_related("tags", Prefetch("checks", VerificationCheck.objects.for_log()))
            .prefetch_published("principles")
        )

    def for_embed(self):
        return self.for_cards()


class Statistic(Content):
    """A figure as a source gives it, with what is known of where it comes from, and a log
    of every check an editor made of it (`checks`: each one sets `verification`)."""

    Verification = Verification

    figure = models.CharField(max_length=40, help_text='As written, e.g. "86%".')
    claim = models.CharField(max_length=300, help_text="What the figure measures.")
    attributed_to = models.CharField(
        max_length=200, help_text="Who owns the original study, as the citing source says."
    )
    cited_in = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="statistics", verbose_name="cited in"
    )
    quoted_wording = models.TextField(
        "wording in the citing source",
        blank=True,
        help_text="The sentence that gives the figure, copied exactly from the citing source. "
        "Shown as a quotation.",
    )
    # What was measured, where known.
    population = models.CharField(
        "who was asked", max_length=200, blank=True, help_text="The population studied."
    )
    sample_size = models.PositiveIntegerField(null=True, blank=True)
    method = models.CharField(max_length=200, blank=True, help_text="Survey, panel, log data…")
    year = models.PositiveSmallIntegerField(
        "year of the data", null=True, blank=True, help_text="If known."
    )
    primary_source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="primary_for",
        help_text="The study or report itself, once found. Needed, with its URL, to record a "
        "check against the primary source.",
    )
    # A second candidate origin, when sources disagree about whose figure it is.
    other_origin = models.CharField(
        "other candidate origin",
        max_length=200,
        blank=True,
        help_text="When the attribution is disputed: who else the figure is traced to.",
    )
    other_origin_source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disputed_origin_for",
        verbose_name="other origin's source",
    )
    dispute_note = models.TextField(
        "editor's note on the attribution",
        blank=True,
        help_text="Why the attribution is in doubt and where the other origin comes from. "
        "Shown to readers as an editor's note. Markdown: link a source as "
        "[its name](source:its-slug).",
    )
    verification = models.CharField(
        max_length=16,
        choices=Verification,
        default=Verification.SECONDARY,
        editable=False,  # changed only by recording a check (VerificationCheck)
    )
    note = models.TextField(blank=True)
    principles = models.ManyToManyField(
        "principles.Principle", blank=True, related_name="statistics"
    )

    objects = StatisticQuerySet.as_manager()

    detail_url_name = "principles:statistic_detail"
    evidence_field = "verification"
    markdown_fields = ("body", "dispute_note")
    seed_children = ["checks", "check_questions"]
    review_interval = timedelta(days=180)  # figures go stale sooner than stories

    class Meta(Content.Meta):
        constraints = [
            *Content.Meta.constraints,
            choices_constraint(
                "verification", Verification, "principles_statistic_verification_valid"
            ),
            models.CheckConstraint(condition=~Q(figure=""), name="principles_statistic_figure"),
            models.CheckConstraint(
                condition=~Q(verification=Verification.CHECKED)
                | (Q(primary_source__isnull=False) & ~Q(quoted_wording="")),
                name="principles_statistic_checked_has_primary",
            ),
            models.CheckConstraint(
                condition=~Q(verification=Verification.DISPUTED)
                | (~Q(other_origin="") & ~Q(dispute_note="")),
                name="principles_statistic_disputed_has_two_origins",
            ),
        ]

    def clean(self):
        super().clean()
        # A statistic already checked keeps what the check stood on.
        if self.verification == Verification.CHECKED:
            missing = self.missing_for_check()
            if missing:
                raise ValidationError(missing)
        if self.verification == Verification.DISPUTED and not (
            self.other_origin and self.dispute_note
        ):
            raise ValidationError(
                "A disputed statistic keeps its other candidate origin and the editor's note."
            )

    def missing_for_check(self):
        """{field: why}: what must be recorded before a check against the primary source."""
        missing = {}
        if self.primary_source is None:
            missing["primary_source"] = "Record the primary source first."
        elif not self.primary_source.url:
            missing["primary_source"] = "Give the primary source its URL first."
        if not self.quoted_wording.strip():
            missing["quoted_wording"] = "Copy the citing source's wording first."
        return missing

    def get_handout_url(self):
        return reverse("principles:statistic_handout", kwargs={"slug": self.slug})

    def record_check(self, state, what_was_checked, result, note="", by=None, role=""):
        """Log a check of the figure and move it to `state`; ValidationError if refused."""
        check = VerificationCheck(
            statistic=self,
            state=state,
            what_was_checked=what_was_checked,
            result=result,
            note=note,
            checked_by=by,
            checker_role=role,
        )
        check.full_clean()
        check.save()
        return check

    @property
    def origin(self):
        """Whose figure it is, worded by how far that is known: only a check against the
        study lets us name it as fact. Every card, slide, embed, handout and citation says
        it in these words ("said to come from a Microsoft study; not traced")."""
        who = with_article(self.attributed_to) + (f" ({self.year})" if self.year else "")
        match self.verification:
            case Verification.CHECKED:
                return f"from {who}; checked against the study"
            case Verification.DISPUTED:
                other = with_article(self.other_origin)
                return f"said to come from {who}, or from {other}; its origin is disputed"
            case Verification.WITHDRAWN:
                return f"once said to come from {who}; withdrawn, not to be quoted"
            case _:
                return f"said to come from {who}; not traced"

    @property
    def attribution(self):
        """The figure, whose it is said to be and where it is quoted, in one line."""
        source = self.cited_in
        return (
            f"{self.figure} {self.claim} ({self.origin}), "
            f"as cited in “{source.name}” ({source.byline})"
        )

    def search_document(self):
        return {
            "title": self.title,
            "summary": f"{self.figure} {self.claim}. {self.summary}",
            "keywords": f"{self.tag_names()} {self.attributed_to} {self.other_origin}",
            "body": f"{plain_text(self.body)}\n{self.note}",
        }


class VerificationCheckQuerySet(models.QuerySet):
    def for_log(self):
        return self.select_related("checked_by").order_by("checked_at", "pk")


class VerificationCheck(models.Model):
    """One entry of a statistic's verification log: who checked what, when, what they found
    and the state it left the figure in. Entries are never edited or deleted."""

    statistic = models.ForeignKey(Statistic, on_delete=models.CASCADE, related_name="checks")
    state = models.CharField("state after the check", max_length=16, choices=Verification)
    checked_at = models.DateTimeField("when", default=timezone.now)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="who",
    )
    # The seed's entries have no account behind them: the role says who did the check.
    checker_role = models.CharField(
        "role of who checked",
        max_length=120,
        blank=True,
        help_text='The checker\'s role, e.g. "Content editor, reading the citing article".',
    )
    what_was_checked = models.TextField(help_text="The document, page or table you looked at.")
    result = models.TextField(help_text="What you found.")
    note = models.TextField(blank=True)

    objects = VerificationCheckQuerySet.as_manager()

    class Meta:
        ordering = ["checked_at", "pk"]
        verbose_name = "verification check"
        constraints = [
            choices_constraint("state", Verification, "principles_check_state_valid"),
            models.CheckConstraint(
                condition=~Q(what_was_checked="") & ~Q(result=""),
                name="principles_check_says_what_and_result",
            ),
        ]

    def __str__(self):
        return f"{self.statistic}: {self.get_state_display()} ({self.checked_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding:
            audit.record(
                audit.Action.CHECK_RECORDED, self.statistic, self.checked_by,
                f"{self.get_state_display()}: {self.result}",
            )  # fmt: skip
        self.statistic.verification = self.state
        self.statistic.save(update_fields=["verification", "updated"])

    @property
    def checker(self):
        """Who checked, for readers: the editor's name and role, or the role alone for the
        seed's entries (which no account made)."""
        who = self.checked_by
        name = who and (who.get_full_name() or who.get_username())
        return ", ".join(part for part in (name, self.checker_role) if part) or "An editor"

    def clean(self):
        statistic = self.statistic
        if self.state == Verification.CHECKED:
            missing = statistic.missing_for_check()
            if missing:
                raise ValidationError(
                    "“Checked against the primary source” needs the primary source, with its "
                    "URL, and the citing source's exact wording recorded on the statistic: "
                    + " ".join(missing.values())
                )
        if self.state == Verification.DISPUTED and not (
            statistic.other_origin and statistic.dispute_note
        ):
            raise ValidationError(
                "“Attribution disputed” needs the other candidate origin and the editor's note "
                "recorded on the statistic."
            )
