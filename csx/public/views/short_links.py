"""Short links for print and slides, and their QR codes."""

import io

import segno
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from csx.content import permalinks
from csx.public.generic import answer_lost


def resolve_or_404(code):
    resolution = permalinks.resolve_short(code)
    if resolution is None:
        raise Http404("No item has this short link.")
    return resolution


@require_safe
def short_link(request, code):
    """Follows the item through renames. A 301: should the item move again, its old address
    answers 301 in turn (SlugHistory), so a browser's remembered redirect still arrives."""
    resolution = resolve_or_404(code)
    if resolution.item is not None:
        return HttpResponsePermanentRedirect(resolution.item.get_absolute_url())
    return answer_lost(request, resolution, url_for=None)


@require_safe
@cache_control(max_age=86400)
def short_link_qr(request, code):
    """An SVG QR code of the short link's full address, for printed handouts."""
    resolve_or_404(code)
    url = request.build_absolute_uri(reverse("short_link", args=[code]))
    svg = io.BytesIO()
    segno.make(url, error="m").save(svg, kind="svg", scale=4, border=2, xmldecl=False)
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")
