"""Cross-type pages: home, tags, search, machines' files, health."""

from functools import partial
from typing import NamedTuple

from django.core.paginator import InvalidPage
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from csx import search as library_search
from csx.content import evidence, permalinks, registry
from csx.content.tags import (
    TAG_CARDS,
    published_tag_counts,
    tag_and_kinds,
    tag_sections,
    tagged,
    was_public,
)
from csx.public.generic import answer_lost, gone, paginate
from csx.public.views.errors import DATABASE_AWAY, RETRY_AFTER_SECONDS
from csx.search import log as search_log
from csx.search import suggestions
from csx.search.documents import KIND_NAMES
from csx.serving import cache as page_cache
from csx.serving import reuse
from principles.models import Principle, Statistic
from stories.models import Story


def drawn_only(queryset):
    """The rows of `queryset()`, which is built only if a template reads them: building
    querysets costs more than serving a kept fragment that needs none of them."""
    return SimpleLazyObject(lambda: list(queryset()))


@require_safe
def home(request):
    def stories():
        return Story.objects.published().for_cards()

    return render(
        request,
        "csx/home.html",
        {
            "featured": drawn_only(lambda: stories().filter(featured=True)[:4]),
            "principles": drawn_only(Principle.objects.published),
            "statistics": drawn_only(lambda: Statistic.objects.published().for_cards()[:3]),
            "recent": drawn_only(
                lambda: stories().filter(featured=False).order_by("-published_at", "title")[:6]
            ),
        },
    )


class TagInUse(NamedTuple):
    """A tag of the tag list: a tuple, not a model instance, so that the list kept of 2,000
    makes few objects each time it is read (model instances made a collection of the
    process's garbage run inside the page: 45 ms pages took 230)."""

    name: str
    slug: str
    url: str
    item_count: int  # the published items carrying it


def tags_in_use():
    """[TagInUse] of the tags on published content."""
    # One reverse() for every tag's address (2,000 of them took 30 ms): a slug is made of
    # the characters the pattern's <slug> takes, so it goes into the address as it is.
    address = reverse("tag_detail", kwargs={"slug": "-"})
    return [
        TagInUse(tag.name, tag.slug, address.replace("/-/", f"/{tag.slug}/"), count)
        for tag, count in published_tag_counts().items()
    ]


@require_safe
def tag_list(request):
    # Counted only if the list is drawn, not when its fragment is kept; the counts are kept
    # until a change touches what they were counted from (a tag, an item's state), not
    # redone after every change of the library.
    tags = SimpleLazyObject(lambda: reuse.while_unchanged(request, "tags-in-use", tags_in_use))
    return render(request, "csx/tag_list.html", {"tags": tags})


def tag_url(tag):
    return reverse("tag_detail", kwargs={"slug": tag.slug})


@require_safe
def tag_detail(request, slug):
    # Once per version and tag; the sections are drawn only when the page's fragment is not
    # kept, and building their queries costs more than running them.
    found = partial(tag_and_kinds, slug)
    tag, kinds = reuse.memo(request, f"tag:{slug}", found, chosen_by_client=True)
    if tag is None:
        resolution = permalinks.resolve_tag(slug)
        if resolution is None:
            raise Http404("There is no such tag.")
        return answer_lost(request, resolution, tag_url)
    sections = SimpleLazyObject(lambda: tag_sections(tag, kinds))  # a list
    if not kinds:
        if not was_public(tag):
            raise Http404("No published item carries this tag.")
        withdrawn = {"title": tag.name, "kind": "tag", "summary": "", "withdrawn_at": None}
        return gone(request, withdrawn)
    # The story list's tag filter offers the tags of published stories only.
    context = {"tag": tag, "stories_tagged": "story" in kinds}
    kind = request.GET.get("kind")
    if kind is None:
        context["sections"] = sections
    elif kind in kinds:
        items = tagged(registry.BY_NAME[kind], tag)
        context |= {"kind": registry.BY_NAME[kind], "query": f"kind={kind}"}
        # Counted once until a change touches the tag's items (8,891 stories: 41 ms).
        count = reuse.while_unchanged(request, f"tagged:{kind}:{tag.pk}", items.count)
        context["page"] = paginate(request, items, TAG_CARDS, count=count)
    else:
        raise Http404(f"No published item of the kind “{kind}” carries this tag.")
    return render(request, "csx/tag_detail.html", context)


@require_safe
@cache_control(public=True, max_age=300)
def search_suggestions(request):
    """Suggestions for the header's search box (static/js/suggest.js), as JSON. The same
    letters ask the same question of every reader: browsers and proxies keep the answer for
    a few minutes, and the page cache keeps it until the library changes."""
    text = request.GET.get("q", "")
    if len(text) > library_search.MAX_QUERY_LENGTH:
        return JsonResponse({"error": "That search is too long."}, status=400)
    kind = request.GET.get("kind") or None
    if kind is not None and kind not in KIND_NAMES:
        return JsonResponse({"error": f"kind is one of {', '.join(KIND_NAMES)}."}, status=400)
    found = suggestions.suggest(text, kind=kind)
    return JsonResponse({"query": text, "suggestions": [s.as_json() for s in found]})


@require_safe
def search(request):
    text = request.GET.get("q", "")
    # Links from before the filter took its name, `kind`, say `type`; they keep working.
    kind = request.GET.get("kind", request.GET.get("type")) or None
    asked = (text, kind, request.GET.get("page") or 1)
    asked += (request.GET.get("as_typed") == "1", request.GET.get("weaker") == "1")
    try:
        # Ranked and drawn once per content version and query, not once per reader.
        found = reuse.memo(
            request, f"search:{asked!r}", partial(search_results, *asked), search=True
        )
    except library_search.QueryError as error:
        context = {"query": text[:200], "search_query": text[:200], "error": error}
        return render(request, "csx/search.html", context, status=400)
    except InvalidPage as error:
        raise Http404(f"There is no such page of results: {error}") from error
    text = found["query"]
    response = render(request, "csx/search.html", {**found, "search_query": text})
    if found["first_page"]:  # a later page is the same search, read further
        count = partial(search_log.record, text, found["total"])
        count()
        # Every search counts, the ones answered from the page cache too.
        page_cache.also_when_cached(response, count)
    return response


def search_results(text, kind, page, as_typed, with_weaker):
    """What csx/search.html shows of a search: its results drawn, and what the view needs."""
    found = library_search.search(text, kind, page, as_typed=as_typed, with_weaker=with_weaker)
    evidence.attach_to_results(found.results)
    context = {"query": found.query.text, "found": found}
    return {
        "query": found.query.text,
        "kind": found.kind,
        "total": found.total,
        "first_page": found.page.number == 1,
        "results": render_to_string("csx/search_results.html", context),
    }


@require_safe
@cache_control(max_age=3600)
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /preview/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


@require_safe
@never_cache
def healthz(request):
    """Liveness: the process answers and the database takes a query (503 with the reason
    when it does not)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_AWAY as error:
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        response = JsonResponse(
            {"status": "unavailable", "database": "unavailable", "reason": reason}, status=503
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})
