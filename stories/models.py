"""Anecdotes of customer service, good and bad, and the companies they happened at."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from csx.content.markdown import plain_text
from csx.models import Content, ContentQuerySet, Source, choices_constraint
from csx.models.content import holds_links, lines
from csx.models.search import TrigramIndex
from csx.search.meaning import neighbours

# The story list's order, one place: the list pages by it, a story page's "previous / next"
# walks it, and a principle's or a company's page shows its first stories in it. The primary
# key settles ties between equal titles, so the walk never skips.
LIST_ORDER = ("-featured", "title", "pk")


class StoryQuerySet(ContentQuerySet):
    def for_cards(self):
        # A card shows no tags: fetching them cost every list of cards a query. Its lead
        # picture comes in the same query (its renditions are listed on the row).
        return self.select_related("company", "lead_image")

    def for_detail(self):
        return self.for_cards().prefetch_related("tags", "sources").prefetch_published("principles")

    def in_list_order(self):
        return self.order_by(*LIST_ORDER)

    def for_embed(self):
        return self.select_related("company", "lead_image")

    def for_search(self):
        return self.for_cards().prefetch_related("tags")

    def related_to(self, story, limit=4):
        """The `limit` other stories closest in meaning to `story` (the search index's
        vectors, csx/search/meaning.py), closest first."""
        ids = neighbours("story", story.pk, limit)
        found = {item.pk: item for item in self.filter(pk__in=ids).for_cards()}
        return [found[pk] for pk in ids if pk in found]


class Company(Content):
    title = models.CharField("name", max_length=200)
    industry = models.CharField(max_length=120, blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="companies")

    detail_url_name = "stories:company_detail"

    class Meta(Content.Meta):
        verbose_name_plural = "companies"
        # The story admin's search finds stories by their company's name (StoryAdmin).
        indexes = [TrigramIndex(column="title", name="company_title_trigram")]

    def search_dependents(self):
        return self.stories.all()

    def search_document(self):
        return {
            "title": self.title,
            "summary": f"{self.industry}. {self.summary}",
            "keywords": self.tag_names(),
            "body": plain_text(self.body),
        }


class Kind(models.TextChoices):
    ANECDOTE = "anecdote", "Reported anecdote"
    REVIEW = "review", "Customer review"
    SCENARIO = "scenario", "Illustrative scenario"


class Outcome(models.TextChoices):
    EXEMPLARY = "exemplary", "Exemplary"
    CAUTIONARY = "cautionary", "Cautionary"


class Provenance(models.TextChoices):
    """How we know a story happened, strongest first."""

    COMPANY = "company", "Documented by the company"
    PRESS = "press", "Reported in the press"
    RETOLD = "retold", "Retold in a blog or book"
    REVIEW = "review", "Customer review"
    READER = "reader", "Sent in by a reader"
    COMPOSITE = "composite", "Invented for training: not a real event"

    @classmethod
    def needing_a_source(cls):
        """The grades that claim someone reported the story: each must name who did."""
        return {cls.COMPANY, cls.PRESS, cls.RETOLD}

    @classmethod
    def implied_by(cls, kind):
        """The grade a story of `kind` has when nobody chose one: a scenario is invented, a
        review is a review, and a reported anecdote claims no more than a retelling."""
        return {Kind.SCENARIO: cls.COMPOSITE, Kind.REVIEW: cls.REVIEW}.get(kind, cls.RETOLD)


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    CHAT = "chat", "Chat"
    SOCIAL = "social", "Social media"
    SEVERAL = "several", "Several channels"


# A story's Markdown: its text and the note on its evidence.
STORY_MARKDOWN = ("body", "provenance_note")


class Story(Content):
    Kind = Kind
    Outcome = Outcome
    Channel = Channel
    Provenance = Provenance

    kind = models.CharField(max_length=16, choices=Kind, default=Kind.ANECDOTE)
    provenance = models.CharField(
        "how we know it",
        max_length=16,
        choices=Provenance,
        help_text="The strongest evidence the sources give that it happened as told.",
    )
    provenance_note = models.CharField(
        "about the evidence",
        max_length=300,
        blank=True,
        help_text="Shown beside the grade: what the sources do and do not establish. Markdown: "
        "link a source as [its name](source:its-slug).",
    )
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
    lead_image = models.ForeignKey(
        "csx.Image",
        verbose_name="lead picture",
        null=True,
        blank=True,
        # A picture a story leads with cannot be deleted from the library under it.
        on_delete=models.PROTECT,
        related_name="stories_led",
        help_text="Shown at the top of the story and on its cards.",
    )
    principles = models.ManyToManyField("principles.Principle", blank=True, related_name="stories")
    sources = models.ManyToManyField(Source, blank=True, related_name="stories")

    objects = StoryQuerySet.as_manager()

    detail_url_name = "stories:story_detail"
    # Its knowledge-check questions (csx/learning/checks/) travel in its revisions.
    seed_children = ["check_questions"]
    evidence_field = "provenance"
    markdown_fields = STORY_MARKDOWN

    class Meta(Content.Meta):
        verbose_name_plural = "stories"
        constraints = [
            *Content.Meta.constraints,
            choices_constraint("kind", Kind, "stories_story_kind_valid"),
            choices_constraint("outcome", Outcome, "stories_story_outcome_valid"),
            choices_constraint("provenance", Provenance, "stories_story_provenance_valid"),
            # "Composite" must never pass for a real event, nor a scenario for a report.
            models.CheckConstraint(
                condition=Q(kind=Kind.SCENARIO, provenance=Provenance.COMPOSITE)
                | (~Q(kind=Kind.SCENARIO) & ~Q(provenance=Provenance.COMPOSITE)),
                name="stories_story_scenarios_are_composite",
                violation_error_message="A scenario's provenance is “composite scenario”, and "
                "only a scenario's is.",
            ),
            models.CheckConstraint(
                condition=Q(channel="") | Q(channel__in=Channel.values),
                name="stories_story_channel_valid",
            ),
        ]
        # At 50,000 stories (docs/performance.md): the newest first (home, feed) and the
        # story list's order are read from an index, not sorted from the whole table.
        indexes = [
            models.Index(fields=["-published_at"], name="story_newest_first"),
            models.Index(fields=["-featured", "title", "id"], name="story_list_order"),
            # When the next one comes down (csx/serving/versions.py, at every new content
            # version): without it, a read of the whole table.
            models.Index(fields=["take_down_at"], name="story_take_down_at"),
            # What readers see now (published(): the state and the two times), the key and
            # the last change: counts of published stories read from the index alone (the
            # list: 92 → 15 ms at 50,000 on PostgreSQL; a principle's 12,163 stories joined
            # by key: 204 → 56 ms; the sitemap's count and latest date on SQLite: 80 → 9 ms).
            models.Index(
                fields=["status", "published_at", "take_down_at", "id", "updated"],
                name="story_visible",
            ),
            # The home page's featured stories, by title: a few among 50,000 (SQLite reads
            # no index for a bare boolean, so without it read them all: 350 ms).
            models.Index(fields=["title"], condition=Q(featured=True), name="story_featured"),
            # The admin's list, by title (its order, the primary key last, descending).
            models.Index(fields=["title", "-id"], name="story_admin_order"),
            # The dashboard's "due for review": the first ten, not a sort of the table.
            models.Index(fields=["review_by", "id"], name="story_review_by"),
            # The dashboard's broken references read the few stories with a link, not
            # every story's text (PostgreSQL: 140 → 0.1 ms at 50,000).
            models.Index(
                fields=["id"],
                condition=holds_links(STORY_MARKDOWN),
                name="story_holding_links",
            ),
            # The admin's search (StoryAdmin.search_fields), each column from its index and
            # not every story read (PostgreSQL: 210 → 4 ms a query at 50,000).
            TrigramIndex(column="title", name="story_title_trigram"),
            TrigramIndex(column="summary", name="story_summary_trigram"),
            TrigramIndex(column="takeaway", name="story_takeaway_trigram"),
        ]

    def save(self, *args, **kwargs):
        # Editors choose a grade in the admin; code that creates a story without one
        # (scripts, older fixtures) gets the grade its kind implies.
        self.provenance = self.provenance or Provenance.implied_by(self.kind)
        super().save(*args, **kwargs)

    def publish_problems(self, links=None):
        problems = []
        if not self.body.strip():
            problems.append("A story needs its text (Body) before it goes live.")
        provenance = self.provenance or Provenance.implied_by(self.kind)
        if provenance in Provenance.needing_a_source():
            sources = links["sources"] if links and "sources" in links else self.sources.all()
            if not sources:
                label = Provenance(provenance).label
                problems.append(
                    f"“{label}” needs the source that tells the story: add it under Sources, "
                    "or choose the grade the evidence supports."
                )
        return problems

    @property
    def questions(self):
        return lines(self.discussion_questions)

    def get_handout_url(self):
        return reverse("stories:story_handout", kwargs={"slug": self.slug})

    def get_present_url(self):
        # Present mode draws a story as a path of one step (csx/paths).
        return reverse("paths:story_present", kwargs={"slug": self.slug})

    def search_document(self):
        company = self.company.title if self.company else ""
        return {
            "title": self.title,
            "summary": self.summary,
            "keywords": f"{self.tag_names()} {company} {self.get_kind_display()}",
            "body": f"{plain_text(self.body)}\n{self.takeaway}\n{self.discussion_questions}",
        }
