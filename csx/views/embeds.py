"""Embeds for courses: a compact card of one story, statistic or principle that other sites
may frame (/embed/...), and the oEmbed endpoint that hands an LMS the iframe for a page's
plain URL. Every other page of the site refuses to be framed."""

from urllib.parse import unquote, urlsplit

from csp.decorators import csp_replace
from django.http import JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from csx.models import SlugHistory
from csx.views.pages import ContentDetailView
from principles.models import Principle, Statistic
from stories.models import Story

OEMBED_CACHE_AGE = 86400
MAX_URL_LENGTH = 2000


@method_decorator([xframe_options_exempt, csp_replace({"frame-ancestors": "*"})], name="dispatch")
class EmbedView(ContentDetailView):
    """One item as a card any site may frame; renamed slugs 301 to the current embed URL."""

    embed_url_name = None
    # The iframe size the oEmbed endpoint offers unless the consumer asks for less.
    width = 480
    height = 320

    def redirect_url(self, item):
        return reverse(self.embed_url_name, kwargs={"slug": item.slug})

    def get_context_data(self, **kwargs):
        page_url = self.request.build_absolute_uri(self.object.get_absolute_url())
        return super().get_context_data(page_url=page_url, **kwargs)


class StoryEmbed(EmbedView):
    model = Story
    embed_url_name = "embed:story"
    template_name = "csx/embeds/story.html"
    height = 360

    def get_queryset(self):
        return super().get_queryset().select_related("company")


class StatisticEmbed(EmbedView):
    model = Statistic
    embed_url_name = "embed:statistic"
    template_name = "csx/embeds/statistic.html"
    height = 300

    def get_queryset(self):
        # verification_statement names the source the figure is cited in.
        return super().get_queryset().select_related("cited_in")


class PrincipleEmbed(EmbedView):
    model = Principle
    embed_url_name = "embed:principle"
    template_name = "csx/embeds/principle.html"
    height = 280


# The pages an oEmbed consumer may ask about (URL name of the page → its embed).
EMBEDS = {
    "stories:story_detail": StoryEmbed,
    "principles:statistic_detail": StatisticEmbed,
    "principles:principle_detail": PrincipleEmbed,
}


EMBED_OF_MODEL = {view.model: view for view in EMBEDS.values()}


def embed_snippet(request, item, maxwidth=None, maxheight=None):
    """(iframe HTML, width, height) that shows `item`'s card on another site, or None."""
    view = EMBED_OF_MODEL.get(type(item))
    if view is None:
        return None
    width = min(view.width, maxwidth or view.width)
    height = min(view.height, maxheight or view.height)
    src = request.build_absolute_uri(view().redirect_url(item))
    html = format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" '
        'style="border:0"></iframe>',
        src,
        width,
        height,
        f"{item.title} · CSX Library",
    )
    return html, width, height


class OEmbedError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def dimension(request, name):
    """The consumer's maxwidth or maxheight in pixels, or None if it gave none."""
    value = request.GET.get(name, "")
    if not value:
        return None
    try:
        limit = int(value)
    except ValueError:
        limit = 0
    if limit < 1:
        raise OEmbedError(400, f"{name} must be a whole number of pixels, 1 or more.")
    return limit


def find_embed(request, url):
    """(embed view class, published item) for the URL of one of our pages, or OEmbedError."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or (
        parts.netloc and parts.netloc.lower() != request.get_host().lower()
    ):
        raise OEmbedError(404, "Only pages of this site can be embedded here.")
    try:
        match = resolve(unquote(parts.path))
    except Resolver404:
        match = None
    view = EMBEDS.get(match.view_name) if match else None
    if view is None:
        raise OEmbedError(404, "Only a story, statistic or principle page can be embedded.")
    published = view.model.objects.published()
    slug = match.kwargs["slug"]
    item = published.filter(slug=slug).first() or SlugHistory.current(published, slug)
    if item is None:
        raise OEmbedError(404, f"No published {view.model._meta.verbose_name} is at that URL.")
    return view, item


@require_GET
def oembed(request):
    """oEmbed 1.0 (https://oembed.com/): a "rich" iframe of the card for a page's URL."""
    url = request.GET.get("url", "").strip()
    try:
        if not url:
            raise OEmbedError(400, "Give the page to embed as ?url=, e.g. ?url=/stories/a-story/.")
        if len(url) > MAX_URL_LENGTH:
            raise OEmbedError(400, f"The url is longer than {MAX_URL_LENGTH} characters.")
        if request.GET.get("format", "json") != "json":
            raise OEmbedError(501, "Only format=json is available.")
        maxwidth = dimension(request, "maxwidth")
        maxheight = dimension(request, "maxheight")
        view, item = find_embed(request, url)
    except OEmbedError as error:
        return JsonResponse({"error": str(error)}, status=error.status)
    html, width, height = embed_snippet(request, item, maxwidth, maxheight)
    answer = {
        "version": "1.0",
        "type": "rich",
        "provider_name": "CSX Library",
        "provider_url": request.build_absolute_uri(reverse("home")),
        "title": item.title,
        "html": html,
        "width": width,
        "height": height,
        "cache_age": OEMBED_CACHE_AGE,
    }
    if isinstance(item, Statistic):
        answer["author_name"] = item.attributed_to
    return JsonResponse(answer)
