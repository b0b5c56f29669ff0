"""Embeds for courses: a compact card of one item that other sites may frame (/embed/...),
and the oEmbed endpoint that hands an LMS the iframe for a page's plain URL. Every other page
of the site refuses to be framed. Which types have a card, and its size: csx/content/registry.py.

A card is light unless asked for `theme=dark` or `auto` (the viewer's setting): course pages
mostly are light. It reports its height to the page around it, and the optional host script
(/embed/host.js) fits the frame to it.
"""

from urllib.parse import unquote, urlencode, urlsplit

from csp.decorators import csp_replace
from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.text import capfirst
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from csx.content import permalinks, registry
from csx.public.generic import ContentDetailView

OEMBED_CACHE_AGE = 86400
MAX_URL_LENGTH = 2000
THEMES = ("light", "dark", "auto")
DEFAULT_THEME = "light"


class UnknownTheme(ValueError):
    pass


def theme_of(request):
    theme = request.GET.get("theme", DEFAULT_THEME)
    if theme not in THEMES:
        raise UnknownTheme(f"theme must be one of {', '.join(THEMES)}.")
    return theme


def embed_url(item, theme=DEFAULT_THEME):
    """`item`'s card, in `theme` (the default needs no parameter)."""
    url = item.get_embed_url()
    return url if theme == DEFAULT_THEME else f"{url}?{urlencode({'theme': theme})}"


@method_decorator([xframe_options_exempt, csp_replace({"frame-ancestors": "*"})], name="dispatch")
class EmbedView(ContentDetailView):
    """One item as a card any site may frame; renamed slugs 301 to the current embed URL."""

    kind = None  # a registry.Kind, given by the URL pattern

    def get(self, request, *args, **kwargs):
        try:
            self.theme = theme_of(request)
        except UnknownTheme as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user).for_embed()

    def get_template_names(self):
        return [f"csx/embeds/{self.kind.name}.html"]

    @property
    def model(self):
        return self.kind.model

    def redirect_url(self, item):
        return embed_url(item, self.theme)

    def get_context_data(self, **kwargs):
        page_url = self.request.build_absolute_uri(self.object.get_absolute_url())
        context = super().get_context_data(page_url=page_url, theme=self.theme, **kwargs)
        return {**context, **self.object.embed_context()}


@method_decorator(cache_control(max_age=86400, public=True), name="dispatch")
class HostScript(TemplateView):
    """The optional script a page that embeds cards adds once, so each frame fits its card.
    At a fixed address, unlike the hashed static files, so pasted snippets keep working."""

    template_name = "csx/embeds/host.js"
    content_type = "text/javascript; charset=utf-8"

    def get_context_data(self, **kwargs):
        origin = f"{self.request.scheme}://{self.request.get_host()}"
        script_url = self.request.build_absolute_uri(reverse("embed:host_script"))
        return super().get_context_data(origin=origin, script_url=script_url, **kwargs)


def embed_snippet(request, item, maxwidth=None, maxheight=None, theme=DEFAULT_THEME):
    """(HTML, width, height) that shows `item`'s card on another site, or None: the iframe,
    sized to hold the card at any width from 320 to 800 pixels, and the host script."""
    embed = registry.of(item).embed
    if embed is None:
        return None
    width = min(embed.width, maxwidth or embed.width)
    height = min(embed.height, maxheight or embed.height)
    html = format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" '
        'style="border:0;max-width:100%"></iframe>\n<script src="{}" async></script>',
        request.build_absolute_uri(embed_url(item, theme)),
        width,
        height,
        f"{item.title} · CSX Library",
        request.build_absolute_uri(reverse("embed:host_script")),
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
    """The published item whose page or short link is at `url` (one of ours), if its type
    has a card; else OEmbedError."""
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
    kind = kind_shown(match)
    if kind is None or kind.embed is None:
        names = ", ".join(kind.name for kind in registry.embeddable())
        raise OEmbedError(
            404, f"Only a page (or short link) of one of these can be embedded: {names}."
        )
    item = item_shown(match)
    if item is None:
        raise OEmbedError(404, f"No published {kind.name} is at that URL.")
    return item


def kind_shown(match):
    """The type of item the address `match` (a resolved URL) shows, or None when it shows
    no one item: a content page, or a short link (whose code says the type)."""
    if match is None:
        return None
    if match.view_name == "short_link":
        parsed = permalinks.parse_short_code(match.kwargs["code"])
        return registry.of(parsed[0]) if parsed else None
    return registry.by_detail_url(match.view_name)


def item_shown(match):
    """The published item the content page or short link `match` leads to now, through
    renames; None when there is none (never was, withdrawn, a draft)."""
    if match.view_name == "short_link":
        resolution = permalinks.resolve_short(match.kwargs["code"])
    else:
        model = kind_shown(match).model
        resolution = permalinks.resolve(model.objects.published(), match.kwargs["slug"])
    return resolution.item if resolution is not None else None


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
        theme = theme_of(request)
        item = find_embed(request, url)
    except UnknownTheme as error:
        return JsonResponse({"error": str(error)}, status=400)
    except OEmbedError as error:
        return JsonResponse({"error": str(error)}, status=error.status)
    html, width, height = embed_snippet(request, item, maxwidth, maxheight, theme)
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
    if hasattr(item, "origin"):
        # author_name states a fact: only a figure checked against its study gets one.
        if item.verification == item.Verification.CHECKED:
            answer["author_name"] = item.attributed_to
        answer["attribution"] = capfirst(item.origin)  # worded by its state, as on the page
    if item.evidence is not None:
        # Not an oEmbed field (the spec lets providers add their own): how far to trust it.
        answer["evidence"] = str(item.evidence)
    return JsonResponse(answer)
