"""Embeds for courses: a compact card of one item that other sites may frame (/embed/...),
and the oEmbed endpoint that hands an LMS the iframe for a page's plain URL. Every other page
of the site refuses to be framed. Which types have a card, and its size: csx/registry.py."""

from urllib.parse import unquote, urlsplit

from csp.decorators import csp_replace
from django.http import JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from csx import permalinks, registry
from csx.generic import ContentDetailView

OEMBED_CACHE_AGE = 86400
MAX_URL_LENGTH = 2000


@method_decorator([xframe_options_exempt, csp_replace({"frame-ancestors": "*"})], name="dispatch")
class EmbedView(ContentDetailView):
    """One item as a card any site may frame; renamed slugs 301 to the current embed URL."""

    kind = None  # a registry.Kind, given by the URL pattern

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user).for_embed()

    def get_template_names(self):
        return [f"csx/embeds/{self.kind.name}.html"]

    @property
    def model(self):
        return self.kind.model

    def redirect_url(self, item):
        return item.get_embed_url()

    def get_context_data(self, **kwargs):
        page_url = self.request.build_absolute_uri(self.object.get_absolute_url())
        return super().get_context_data(page_url=page_url, **kwargs)


def embed_snippet(request, item, maxwidth=None, maxheight=None):
    """(iframe HTML, width, height) that shows `item`'s card on another site, or None."""
    embed = registry.of(item).embed
    if embed is None:
        return None
    width = min(embed.width, maxwidth or embed.width)
    height = min(embed.height, maxheight or embed.height)
    html = format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" '
        'style="border:0"></iframe>',
        request.build_absolute_uri(item.get_embed_url()),
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
    """The published item whose page is at `url` (one of ours), or OEmbedError."""
    try:
        parts = urlsplit(url)
    except ValueError as error:  # "http://[::1": a bracket that never closes
        raise OEmbedError(400, f"That is not a URL: {error}.") from error
    if parts.scheme not in ("", "http", "https") or (
        parts.netloc and parts.netloc.lower() != request.get_host().lower()
    ):
        raise OEmbedError(404, "Only pages of this site can be embedded here.")
    try:
        match = resolve(unquote(parts.path))
    except Resolver404:
        match = None
    kind = registry.by_detail_url(match.view_name) if match else None
    if kind is None or kind.embed is None:
        names = ", ".join(kind.name for kind in registry.embeddable())
        raise OEmbedError(404, f"Only a page of one of these can be embedded: {names}.")
    resolution = permalinks.resolve(kind.model.objects.published(), match.kwargs["slug"])
    if resolution is None or resolution.item is None:
        raise OEmbedError(404, f"No published {kind.name} is at that URL.")
    return resolution.item


@require_safe
def oembed(request):
    """oEmbed 1.0 (https://oembed.com/): a "rich" iframe of the card for a page's URL."""
    url = request.GET.get("url", "").strip()
    try:
        if not url:
            raise OEmbedError(400, "Give the page to embed as ?url=, e.g. ?url=/stories/a-story/.")
        if len(url) > MAX_URL_LENGTH:
            raise OEmbedError(400, f"The url is longer than {MAX_URL_LENGTH} characters.")
        if (request.GET.get("format") or "json") != "json":
            # oEmbed suggests 501 here; the library answers no input with a 5xx.
            raise OEmbedError(400, "Only format=json is available.")
        maxwidth = dimension(request, "maxwidth")
        maxheight = dimension(request, "maxheight")
        item = find_embed(request, url)
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
    if hasattr(item, "attributed_to"):
        answer["author_name"] = item.attributed_to
    return JsonResponse(answer)
