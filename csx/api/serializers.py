"""What each type looks like in JSON. A list shows what the type's cards show; a detail what
its page shows. Every link an item carries is an absolute address: its page (`url`) and
its resource here (`api_url`)."""

from functools import cache

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from csx.content import registry
from csx.content.markdown import render_markdown
from csx.models import Source
from csx.paths.models import Path
from principles.models import Principle, Resource, Statistic
from stories.models import Company, Story


def api_url(request, item):
    """The address of `item`'s resource in this API."""
    kind = registry.of(item)
    path = reverse(f"api:{kind.name}_detail", kwargs={"slug": item.slug})
    return request.build_absolute_uri(path)


class Link(serializers.Serializer):
    """Another item named where it is cited: a story's company, a statistic's principles."""

    slug = serializers.SlugField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, item):
        return self.context["request"].build_absolute_uri(item.get_absolute_url())


class SourceLink(serializers.ModelSerializer):
    """A source as items cite it: who says so, and where to read it."""

    title = serializers.CharField(source="name")
    byline = serializers.CharField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = ["slug", "title", "byline", "kind", "url", "archive_url", "year", "api_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, source):
        path = reverse("api:source_detail", kwargs={"slug": source.slug})
        return self.context["request"].build_absolute_uri(path)


class Evidence(serializers.Serializer):
    heading = serializers.CharField()
    value = serializers.CharField()
    label = serializers.CharField()


class Card(serializers.Serializer):
    """What every type's card holds (each type's card adds its own fields)."""

    type = serializers.CharField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.URLField()
    api_url = serializers.URLField()
    tags = serializers.ListField(child=serializers.SlugField())


class ContentCard(serializers.ModelSerializer):
    """What every type shares."""

    type = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()

    base_fields = ["type", "slug", "title", "summary", "url", "api_url", "tags", "published_at",
                   "updated"]  # fmt: skip

    def get_type(self, item) -> str:
        return registry.of(item).name

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, item):
        return self.context["request"].build_absolute_uri(item.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, item):
        return api_url(self.context["request"], item)

    def get_tags(self, item) -> list[str]:
        return [tag.slug for tag in item.tags.all()]


class ContentDetail(ContentCard):
    body = serializers.CharField(help_text="Markdown, as editors wrote it.")
    body_html = serializers.SerializerMethodField(help_text="The body as the page shows it.")
    reviewed_on = serializers.DateField(allow_null=True)

    detail_fields = ["body", "body_html", "reviewed_on"]

    def get_body_html(self, item) -> str:
        return str(render_markdown(item.body))


class WithEvidence(serializers.Serializer):
    """How readers can know it is true (a story's provenance, a statistic's verification)."""

    evidence = serializers.SerializerMethodField()

    @extend_schema_field(Evidence)
    def get_evidence(self, item):
        return Evidence(item.evidence).data


class StoryCard(WithEvidence, ContentCard):
    company = Link(allow_null=True)

    class Meta:
        model = Story
        fields = [*ContentCard.base_fields, "kind", "outcome", "channel", "company", "evidence",
                  "featured"]  # fmt: skip


class StoryDetail(ContentDetail, StoryCard):
    principles = Link(many=True)
    sources = SourceLink(many=True)
    discussion_questions = serializers.ListField(child=serializers.CharField(), source="questions")

    class Meta:
        model = Story
        fields = [*StoryCard.Meta.fields, *ContentDetail.detail_fields, "takeaway",
                  "discussion_questions", "principles", "sources"]  # fmt: skip


class CompanyCard(ContentCard):
    class Meta:
        model = Company
        fields = [*ContentCard.base_fields, "industry"]


class CompanyDetail(ContentDetail, CompanyCard):
    stories = serializers.SerializerMethodField()
    sources = SourceLink(many=True)

    class Meta:
        model = Company
        fields = [*CompanyCard.Meta.fields, *ContentDetail.detail_fields, "stories", "sources"]

    @extend_schema_field(Link(many=True))
    def get_stories(self, company):
        stories = Story.objects.published().filter(company=company).order_by("title")
        return Link(stories, many=True, context=self.context).data


class Practice(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    description = serializers.CharField(help_text="Markdown.")


class PrincipleCard(ContentCard):
    class Meta:
        model = Principle
        fields = [*ContentCard.base_fields, "definition", "order"]


class PrincipleDetail(ContentDetail, PrincipleCard):
    practices = Practice(many=True)
    stories = Link(
        many=True,
        source="first_stories",
        help_text="The first stories that show it, in the story list's order; all of them "
        "(story_count) at /api/v1/stories/?principle=<slug>.",
    )
    story_count = serializers.IntegerField(help_text="How many published stories show it.")
    statistics = Link(many=True)
    resources = Link(many=True)
    sources = SourceLink(many=True)

    class Meta:
        model = Principle
        fields = [*PrincipleCard.Meta.fields, *ContentDetail.detail_fields, "practices",
                  "stories", "story_count", "statistics", "resources", "sources"]  # fmt: skip


class StatisticCard(WithEvidence, ContentCard):
    cited_in = SourceLink()

    class Meta:
        model = Statistic
        fields = [*ContentCard.base_fields, "figure", "claim", "attributed_to", "year",
                  "cited_in", "evidence"]  # fmt: skip


class StatisticDetail(ContentDetail, StatisticCard):
    primary_source = SourceLink(allow_null=True)
    other_origin_source = SourceLink(allow_null=True)
    principles = Link(many=True)

    class Meta:
        model = Statistic
        fields = [*StatisticCard.Meta.fields, *ContentDetail.detail_fields, "quoted_wording",
                  "population", "sample_size", "method", "primary_source", "other_origin",
                  "other_origin_source", "dispute_note", "principles"]  # fmt: skip


class ResourceCard(ContentCard):
    # A resource's own `url` is where to find it; its entry in the library is `page`.
    url = serializers.URLField(allow_blank=True, help_text="Where to find it.")
    page = serializers.SerializerMethodField()

    class Meta:
        model = Resource
        fields = [*ContentCard.base_fields, "page", "kind", "creator"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, item):
        return self.get_url(item)


class PathCard(ContentCard):
    step_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Path
        fields = [*ContentCard.base_fields, "step_count"]


class Step(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField(help_text="Its number in the path: its page's address.")
    item = serializers.SerializerMethodField()
    trainer_note = serializers.CharField(help_text="Markdown.")
    discussion_questions = serializers.CharField()
    minutes = serializers.IntegerField(allow_null=True)

    @extend_schema_field(Link)
    def get_item(self, step):
        target = step.target
        data = Link(target, context=self.context).data
        return {**data, "type": registry.of(target).name}


class PathDetail(ContentDetail, PathCard):
    steps = serializers.SerializerMethodField()

    class Meta:
        model = Path
        fields = [*PathCard.Meta.fields, *ContentDetail.detail_fields, "steps"]

    @extend_schema_field(Step(many=True))
    def get_steps(self, path):
        return Step(path.steps(), many=True, context=self.context).data


# The types whose JSON says more than every type's. Any other type (a new one, say) gets
# plain serializers made from the registry: card() and detail() below.
CARDS = {
    "story": StoryCard, "company": CompanyCard, "principle": PrincipleCard,
    "statistic": StatisticCard, "resource": ResourceCard, "path": PathCard,
}  # fmt: skip
DETAILS = {
    "story": StoryDetail, "company": CompanyDetail, "principle": PrincipleDetail,
    "statistic": StatisticDetail, "path": PathDetail,
}  # fmt: skip


def made(name, bases, model, fields):
    meta = type("Meta", (), {"model": model, "fields": fields})
    return type(name, bases, {"Meta": meta, "__module__": __name__})


@cache  # one class per type: the schema names each after its class
def card(kind):
    """The serializer of `kind`'s cards: its own, or what every type's card holds."""
    if kind.name in CARDS:
        return CARDS[kind.name]
    model = kind.model
    return made(f"{model.__name__}Card", (ContentCard,), model, ContentCard.base_fields)


@cache
def detail(kind):
    """The serializer of one `kind` item: its own, or its card with what every page shows."""
    if kind.name in DETAILS:
        return DETAILS[kind.name]
    base, model = card(kind), kind.model
    fields = [*base.Meta.fields, *ContentDetail.detail_fields]
    return made(f"{model.__name__}Detail", (ContentDetail, base), model, fields)


class SourceDetail(SourceLink):
    note = serializers.CharField()
    cited_by = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = [*SourceLink.Meta.fields, "author", "publisher", "published_on", "accessed_on",
                  "note", "cited_by"]  # fmt: skip

    @extend_schema_field(Link(many=True))
    def get_cited_by(self, source):
        return [
            {**Link(item, context=self.context).data, "type": registry.of(item).name}
            for _, items in source.citations()
            for item in items
        ]


class Tag(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    item_count = serializers.IntegerField()
    api_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, tag):
        path = reverse("api:tag_detail", kwargs={"slug": tag.slug})
        return self.context["request"].build_absolute_uri(path)


class SearchResult(serializers.Serializer):
    type = serializers.CharField(source="kind")
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    summary = serializers.CharField()
    snippet = serializers.SerializerMethodField(help_text="The matching words, in plain text.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, result):
        return self.context["request"].build_absolute_uri(result.url)

    def get_snippet(self, result) -> str:
        return "".join(text for text, _ in result.snippet)


class Gone(serializers.Serializer):
    """What a withdrawn item was (410 Gone)."""

    detail = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    note = serializers.CharField()


class Error(serializers.Serializer):
    detail = serializers.CharField()
