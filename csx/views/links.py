"""Short links for print and slides, and their QR codes."""

import io

import segno
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from csx.links import find_short
from csx.views.pages import answer_lost


@require_GET
def short_link(request, code):
    """Follows the item through renames: a 302, since where it lives may change again."""
    item, lost = find_short(code)
    if item:
        return HttpResponseRedirect(item.get_absolute_url())
    if lost:
        return answer_lost(request, lost)
    raise Http404("No item has this short link.")


@require_GET
@cache_control(max_age=86400)
def short_link_qr(request, code):
    """An SVG QR code of the short link's full address, for printed handouts."""
    item, lost = find_short(code)
    if not (item or lost):
        raise Http404("No item has this short link.")
    url = request.build_absolute_uri(reverse("short_link", args=[code]))
    svg = io.BytesIO()
    segno.make(url, error="m").save(svg, kind="svg", scale=4, border=2, xmldecl=False)
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")
