"""Anecdotes of customer service, good and bad, and the companies they happened at."""

from django.db import models
from django.db.models import Count, Prefetch, Q
from django.urls import reverse

from csx.models import Content, ContentQuerySet, Source, choices_constraint
from csx.models.content import lines


def story_page_lookups():
    """What a story's page (or its part of a handout) shows besides the story itself."""
    from principles.models import Principle

    return ["tags", Prefetch("principles", queryset=Principle.objects.published()), "sources"]


class StoryQuerySet(ContentQuerySet):
    def for_cards(self):
        return self.select_related("company").prefetch_related("tags")

    def for_detail(self):
        return self.select_related("company").prefetch_related(*story_page_lookups())

    def related_to(self, story):
        """Other stories sharing a principle or a tag with `story`, most in common first."""
        principles = [principle.pk for principle in story.principles.all()]
        tags = [tag.pk for tag in story.tags.all()]
        return (
            self.exclude(pk=story.pk)
            .filter(Q(principles__in=principles) | Q(tags__in=tags))
            .annotate(
                shared=Count("principles", filter=Q(principles__in=principles), distinct=True)
                + Count("tags", filter=Q(tags__in=tags), distinct=True)
            )
            .order_by("-shared", "title")
            .for_cards()
        )


class Company(Content):
    title = models.CharField("name", max_length=200)
    industry = models.CharField(max_length=120, blank=True)

    detail_url_name = "stories:company_detail"
    short_prefix = "c"

    class Meta(Content.Meta):
        verbose_name_plural = "companies"

    @property
    def name(self):
        return self.title


class Kind(models.TextChoices):
    ANECDOTE = "anecdote", "Reported anecdote"
    REVIEW = "review", "Customer review"
    SCENARIO = "scenario", "Illustrative scenario"


class Outcome(models.TextChoices):
    EXEMPLARY = "exemplary", "Exemplary"
    CAUTIONARY = "cautionary", "Cautionary"


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    CHAT = "chat", "Chat"
    SOCIAL = "social", "Social media"
    SEVERAL = "several", "Several channels"


class Story(Content):
    Kind = Kind
    Outcome = Outcome
    Channel = Channel

    kind = models.CharField(max_length=16, choices=Kind, default=Kind.ANECDOTE)
    outcome = models.CharField(max_length=16, choices=Outcome)
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.PROTECT, related_name="stories"
    )
    channel = models.CharField(
        max_length=16,
        choices=Channel,
        blank=True,
        help_text="Leave blank if the source does not say.",
    )
    takeaway = models.TextField(help_text="The lesson for trainers, in a sentence or two.")
    discussion_questions = models.TextField(
        blank=True, help_text="Questions for a training group, one per line."
    )
    featured = models.BooleanField(default=False, help_text="Show on the home page.")
    principles = models.ManyToManyField("principles.Principle", blank=True, related_name="stories")
    sources = models.ManyToManyField(Source, blank=True, related_name="stories")

    objects = StoryQuerySet.as_manager()

    detail_url_name = "stories:story_detail"
    short_prefix = "s"

    class Meta(Content.Meta):
        verbose_name_plural = "stories"
        constraints = [
            *Content.Meta.constraints,
            choices_constraint("kind", Kind, "stories_story_kind_valid"),
            choices_constraint("outcome", Outcome, "stories_story_outcome_valid"),
            models.CheckConstraint(
                condition=Q(channel="") | Q(channel__in=Channel.values),
                name="stories_story_channel_valid",
            ),
        ]

    @property
    def questions(self):
        return lines(self.discussion_questions)

    def get_handout_url(self):
        return reverse("stories:story_handout", kwargs={"slug": self.slug})
