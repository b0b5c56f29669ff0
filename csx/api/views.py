"""The read API: the pages' own QuerySet methods, filters, resolver and search, as JSON.

Every list is published().for_cards() of its type, every item published().for_detail()
through the permanent-links resolver (a renamed slug 301 to its new resource, a withdrawn
item 410 with what it was), exactly as the pages read them. Responses carry Last-Modified
(the content version's) and an ETag, and answer 304 to a client that has them already.
"""

from django.core.paginator import InvalidPage
from django.db.models import prefetch_related_objects
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from taggit.models import Tag

from csx import search as library_search
from csx.api import serializers as api
from csx.api.pagination import ByPk
from csx.content import permalinks, registry
from csx.content.tags import (
    TAG_CARDS,
    published_tag_counts,
    tag_and_kinds,
    tag_sections,
    was_public,
)
from csx.models import Source
from csx.serving import reuse, versions
from stories.filters import StoryFilter

MOVED = OpenApiResponse(description="Moved: the item's new address is in Location.")
NOT_FOUND = OpenApiResponse(api.Error, description="Nothing was ever published here.")
GONE = OpenApiResponse(api.Gone, description="Withdrawn: what it was.")
NOT_MODIFIED = OpenApiResponse(description="Not modified since the ETag or date sent.")
TOO_MANY = OpenApiResponse(api.Error, description="Over the rate limit: see Retry-After.")
BAD = OpenApiResponse(api.Error, description="A parameter that cannot be read.")
COMMON = {304: NOT_MODIFIED, 429: TOO_MANY}


class ReadView:
    """What every read of the API does: GET and HEAD only, fresh headers for revalidation."""

    http_method_names = ["get", "head"]

    def kept(self, request, compute):
        """compute() → (status, data, headers), done once per content version for this
        address (as the pages keep what their queries found: csx.serving.reuse.memo), then answered
        from memory; errors it raises are answered each time."""
        key = f"api:{request.build_absolute_uri()}"
        status_code, data, headers = reuse.memo(request, key, compute, chosen_by_client=True)
        return Response(data, status=status_code, headers=headers)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            response["Last-Modified"] = http_date(versions.request_version(request).changed)
            # Kept by clients and proxies, but asked again each time (ETag, Last-Modified);
            # never kept by the page cache, so every read counts toward the rate limit.
            patch_cache_control(response, no_cache=True)
        return response


def lost(request, resolution, api_url_for):
    """301 to where an address's item is now, or 410 with what it was."""
    if resolution.replacement:
        return moved(request.build_absolute_uri(replacement_api_url(resolution.replacement)))
    if resolution.item is not None:
        return moved(api_url_for(resolution.item))
    withdrawal = resolution.withdrawal
    data = {
        "detail": "This item was withdrawn.",
        "title": withdrawal.title,
        "summary": withdrawal.summary,
        "withdrawn_at": withdrawal.withdrawn_at,
        "note": getattr(withdrawal, "note", ""),
    }
    return Response(api.Gone(data).data, status=status.HTTP_410_GONE)


def moved(location):
    return Response(status=status.HTTP_301_MOVED_PERMANENTLY, headers={"Location": location})


def replacement_api_url(path):
    """The API's address for the page an editor chose as a replacement, or the page itself
    when it is no item's page (a list, say)."""
    try:
        match = resolve(path.split("?")[0].split("#")[0])
    except Resolver404:
        return path
    kind = registry.by_detail_url(match.view_name)
    if kind is None or "slug" not in match.kwargs:
        return path
    return reverse(f"api:{kind.name}_detail", kwargs=match.kwargs)


def answered(response):
    """A response as ReadView.kept() keeps it."""
    location = {"Location": response["Location"]} if response.has_header("Location") else {}
    return response.status_code, response.data, location


class ContentList(ReadView, generics.ListAPIView):
    """Published items of one type, newest first."""

    kind = None  # a registry.Kind, given by the URL pattern

    def list(self, request, *args, **kwargs):
        return self.kept(request, lambda: answered(super(ContentList, self).list(request)))

    def get_queryset(self):
        items = self.kind.model.objects.published().for_cards().prefetch_related("tags")
        if self.kind.name == "path":
            items = items.with_step_count()
        return items

    def get_serializer_class(self):
        return api.card(self.kind)


class Filters(DjangoFilterBackend):
    """The filters of a page, their errors said as every error here is: `detail`."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except ValidationError as error:
            said = [f"{name}: {' '.join(map(str, problems))}"
                    for name, problems in error.detail.items()]  # fmt: skip
            raise ParseError(" ".join(said)) from error


class StoryList(ContentList):
    """Published stories, newest first, narrowed by the story list's filters (an unknown
    value, or a principle, company or tag the list does not offer, is a 400)."""

    kind = registry.BY_NAME["story"]
    filter_backends = [Filters]
    filterset_class = StoryFilter


class ContentDetail(ReadView, generics.RetrieveAPIView):
    """One published item by slug."""

    kind = None

    def get_serializer_class(self):
        return api.detail(self.kind)

    def get_queryset(self):
        return self.kind.model.objects.published().for_detail()

    def retrieve(self, request, slug):
        return self.kept(request, lambda: answered(self.answer(request, slug)))

    def answer(self, request, slug):
        resolution = permalinks.resolve(self.get_queryset(), slug)
        if resolution is None:
            raise NotFound(f"No published {self.kind.model._meta.verbose_name} is at this address.")
        if not resolution.found:
            return lost(request, resolution, lambda item: api.api_url(request, item))
        return Response(self.get_serializer(resolution.item).data)


def content_views(kind):
    """The list and detail views of one registry type, with their schema."""
    card, detail = api.card(kind), api.detail(kind)
    base = StoryList if kind.name == "story" else ContentList

    @extend_schema(
        operation_id=f"{kind.name}_list",
        responses={200: card(many=True), 400: BAD, 404: NOT_FOUND, **COMMON},
        tags=[kind.plural],
    )
    def list_items(self, request, *args, **kwargs):
        return base.get(self, request, *args, **kwargs)

    @extend_schema(
        operation_id=f"{kind.name}_detail",
        responses={200: detail, 301: MOVED, 404: NOT_FOUND, 410: GONE, **COMMON},
        tags=[kind.plural],
    )
    def one_item(self, request, *args, **kwargs):
        return ContentDetail.get(self, request, *args, **kwargs)

    name = kind.name.title()
    list_view = type(f"{name}List", (base,), {"kind": kind, "get": list_items})
    detail_view = type(f"{name}Detail", (ContentDetail,), {"kind": kind, "get": one_item})
    return list_view, detail_view


@extend_schema(tags=["Sources"])
class SourceList(ReadView, generics.ListAPIView):
    """Every source, with what it is and where to read it."""

    serializer_class = api.SourceLink
    pagination_class = ByPk

    def get_queryset(self):
        return Source.objects.published()

    @extend_schema(responses={200: api.SourceLink(many=True), 404: NOT_FOUND, **COMMON})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["Sources"])
class SourceDetail(ReadView, generics.RetrieveAPIView):
    """One source, with the published items that cite it: the evidence behind them."""

    serializer_class = api.SourceDetail

    @extend_schema(responses={200: api.SourceDetail, 301: MOVED, 404: NOT_FOUND, 410: GONE,
                              **COMMON})  # fmt: skip
    def get(self, request, slug):
        resolution = permalinks.resolve(Source.objects.published().for_detail(), slug)
        if resolution is None:
            raise NotFound("No source is at this address.")
        if not resolution.found:
            url = lambda source: request.build_absolute_uri(  # noqa: E731
                reverse("api:source_detail", kwargs={"slug": source.slug})
            )
            return lost(request, resolution, url)
        return Response(self.get_serializer(resolution.item).data)


@extend_schema(tags=["Tags"])
class TagList(ReadView, APIView):
    """Every tag published items carry, across types, with how many carry it."""

    @extend_schema(responses={200: api.Tag(many=True), **COMMON})
    def get(self, request):
        return self.kept(request, lambda: answered(self.answer(request)))

    def answer(self, request):
        tags = []
        for tag, count in published_tag_counts().items():
            tag.item_count = count
            tags.append(tag)
        return Response(api.Tag(tags, many=True, context={"request": request}).data)


class TagSection(serializers.Serializer):
    type = serializers.CharField()
    items = api.Card(many=True, help_text=f"The first {TAG_CARDS}, in the type's own order.")
    more = serializers.URLField(
        allow_null=True, help_text="Every item of the type carrying the tag, a page at a time."
    )


class TagItems(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    sections = TagSection(many=True)


@extend_schema(tags=["Tags"])
class TagDetail(ReadView, APIView):
    """One tag across every type: the first published items of each type carrying it, and
    where to read the rest (a tag may be on thousands of stories)."""

    @extend_schema(responses={200: TagItems, 404: NOT_FOUND, 410: GONE, **COMMON})
    def get(self, request, slug):
        return self.kept(request, lambda: answered(self.answer(request, slug)))

    def answer(self, request, slug):
        tag, kinds = tag_and_kinds(slug)  # the tag page's own reading
        if tag is None:
            raise NotFound("No tag has this name.")
        if not kinds:
            if not was_public(tag):
                raise NotFound("No published item carries this tag.")
            gone = {"detail": "No published item carries this tag any more.", "title": tag.name,
                    "summary": "", "withdrawn_at": None, "note": ""}  # fmt: skip
            return Response(gone, status=status.HTTP_410_GONE)
        context = {"request": request}
        sections = []
        for section in tag_sections(tag, kinds):
            prefetch_related_objects(section.items, "tags")
            more = reverse(f"api:{section.kind.name}_tagged", kwargs={"slug": tag.slug})
            sections.append({
                "type": section.kind.name,
                "items": api.card(section.kind)(section.items, many=True, context=context).data,
                "more": request.build_absolute_uri(more) if section.more else None,
            })  # fmt: skip
        return Response({"slug": tag.slug, "name": tag.name, "sections": sections})


class TaggedList(ContentList):
    """Published items of one type carrying a tag, newest first."""

    def get_queryset(self):
        tag = Tag.objects.filter(slug=self.kwargs["slug"]).first()
        if tag is None:
            raise NotFound("No tag has this name.")
        return super().get_queryset().for_tag(tag)


def tagged_view(kind):
    """The list of `kind`'s items carrying a tag (a tag section's `more`), with its schema."""

    @extend_schema(
        operation_id=f"{kind.name}_tagged",
        responses={200: api.card(kind)(many=True), 404: NOT_FOUND, **COMMON},
        tags=["Tags"],
    )
    def list_items(self, request, *args, **kwargs):
        return TaggedList.get(self, request, *args, **kwargs)

    name = f"Tagged{kind.name.title()}List"
    return type(name, (TaggedList,), {"kind": kind, "get": list_items})


class SearchAnswer(serializers.Serializer):
    query = serializers.CharField()
    corrected = serializers.CharField(allow_null=True, help_text="The query run instead.")
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = api.SearchResult(many=True)


@extend_schema(tags=["Search"])
class Search(ReadView, APIView):
    """Search across every type: the site's own engine and ranking (/search/)."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "maxLength": library_search.MAX_QUERY_LENGTH, "pattern": r"\S"},
                required=True,
                description='What to find, as on the site: words, "a phrase", -without.',
            ),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=list(library_search.KINDS)),
            OpenApiParameter("page", OpenApiTypes.INT),
        ],
        responses={200: SearchAnswer, 400: BAD, 404: NOT_FOUND, **COMMON},
    )
    def get(self, request):
        text = request.query_params.get("q", "")
        kind = request.query_params.get("kind") or None
        if not text.strip():
            raise ParseError("Say what to look for: ?q=…")
        if kind is not None and kind not in library_search.KINDS:
            raise ParseError(f"Choose kind from: {', '.join(library_search.KINDS)}.")
        number = request.query_params.get("page") or 1
        try:
            found = library_search.search(text, kind=kind, page=number)
        except library_search.QueryError as error:
            raise ParseError(str(error)) from error
        except InvalidPage as error:
            raise NotFound(f"There is no such page of results: {error}") from error
        page = found.page

        def page_url(number):
            params = request.query_params.copy()
            params["page"] = number
            return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

        results = api.SearchResult(page.object_list, many=True, context={"request": request})
        return Response({
            "query": found.query.text,
            "corrected": found.corrected,
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "next": page_url(page.next_page_number()) if page.has_next() else None,
            "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
            "results": results.data,
        })  # fmt: skip


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "POST"])
@permission_classes([AllowAny])
def nothing_here(request):
    raise NotFound("There is nothing at this address of the API: see /api/v1/docs/.")
