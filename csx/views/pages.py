"""Cross-type pages: home, tags, machines' files, health, and the shared detail view."""

from django.core.paginator import InvalidPage
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import DetailView
from taggit.models import Tag

from csx import search as library_search
from csx.links import find_lost
from csx.tags import published_tag_counts
from principles.models import Principle, Resource, Statistic
from stories.models import Company, Story


def gone(request, withdrawal):
    return render(request, "gone.html", {"withdrawal": withdrawal}, status=410)


def answer_lost(request, lost):
    """The response for a page that moved (301) or was withdrawn (410)."""
    if lost.url:
        return HttpResponsePermanentRedirect(lost.url)
    return gone(request, lost.withdrawal)


class ContentDetailView(DetailView):
    """One item by slug; drafts for editors only. A renamed slug answers 301 to the new one,
    a withdrawn item 410 Gone (or 301 to its replacement)."""

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def redirect_url(self, item):
        """Where this view of `item` lives now (views below a page override this)."""
        return item.get_absolute_url()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            lost = find_lost(self.model, kwargs["slug"], self.redirect_url)
            if lost is None:
                raise
            return answer_lost(request, lost)


@require_GET
def home(request):
    return render(
        request,
        "csx/home.html",
        {
            "featured": Story.objects.published().for_cards().filter(featured=True)[:4],
            "principles": Principle.objects.published(),
            "statistics": Statistic.objects.published().select_related("cited_in")[:3],
            "recent": Story.objects.published()
            .for_cards()
            .filter(featured=False)
            .order_by("-published_at", "title")[:6],
        },
    )


TAGGED_TYPES = [
    # (context name, heading, queryset of published items of one type)
    ("stories", "Stories", lambda: Story.objects.published().for_cards()),
    ("principles", "Principles", lambda: Principle.objects.published()),
    ("statistics", "Statistics", lambda: Statistic.objects.published()),
    ("resources", "Resources", lambda: Resource.objects.published()),
    ("companies", "Companies", lambda: Company.objects.published()),
]


def tags_in_use():
    """Tags on published content, each with `item_count`, the published items carrying it."""
    tags = []
    for tag, count in published_tag_counts().items():
        tag.item_count = count
        tags.append(tag)
    return tags


@require_GET
def tag_list(request):
    return render(request, "csx/tag_list.html", {"tags": tags_in_use()})


@require_GET
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    sections = [
        (name, heading, list(published().for_tag(tag).prefetch_related("tags")))
        for name, heading, published in TAGGED_TYPES
    ]
    sections = [section for section in sections if section[2]]
    if not sections:
        # The tag exists, so its page was public once: say so rather than "not found".
        withdrawn = {"title": tag.name, "kind": "tag", "summary": "", "withdrawn_at": None}
        return gone(request, withdrawn)
    return render(request, "csx/tag_detail.html", {"tag": tag, "sections": sections})


@require_GET
def search(request):
    text = request.GET.get("q", "")
    # Links from before the filter took its name, `kind`, say `type`; they keep working.
    kind = request.GET.get("kind", request.GET.get("type")) or None
    try:
        found = library_search.search(text, kind=kind, page=request.GET.get("page") or 1)
    except library_search.QueryError as error:
        context = {"query": text[:200], "search_query": text[:200], "error": error}
        return render(request, "csx/search.html", context, status=400)
    except InvalidPage as error:
        raise Http404(f"There is no such page of results: {error}") from error
    text = found.query.text
    return render(request, "csx/search.html", {"query": text, "search_query": text, "found": found})


@require_GET
@cache_control(max_age=3600)
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


@require_GET
def healthz(request):
    """Liveness: the process answers and the database takes a query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
