"""A page of the library framed by another site: a trainer pasted the page's address into an
LMS where its embed code belonged. The page refuses to be framed (X-Frame-Options, CSP
frame-ancestors), and a browser would show its bare "refused to connect"; instead, a framed
read gets a small page that may be framed: a link that opens the page in its own tab and,
where the page has a card, the embed code to paste instead.

The browser says a request is for a frame in `Sec-Fetch-Dest` (iframe, frame), a header no
page script can set. Clickjacking stays out: the page itself is still never drawn in another
site's frame; what is drawn holds no form and nothing that acts, only a link that opens a
new tab. The admin keeps the browser's refusal outright, and anything already answering for
frames (the /embed/ cards, a launch from an LMS) is left as it answered. A browser that sends
no Sec-Fetch-Dest gets the refusal, as before.

Runs outside the page cache, so a framed read is told apart before a cached page could be
served for it, and the pages it replaces say `Vary: Sec-Fetch-Dest` to any cache on the way.
"""

from csp.decorators import csp_replace
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views.decorators.clickjacking import xframe_options_exempt

from csx.public.views.embeds import embed_snippet, item_shown, kind_shown

FRAMES = ("iframe", "frame")
READS = ("GET", "HEAD")
# Never answered in a frame, not even with a link: the editors' admin.
REFUSED_NAMESPACES = {"admin"}


class FramedPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in READS or not refuses_frames(response):
            return response
        patch_vary_headers(response, ["Sec-Fetch-Dest"])
        if request.headers.get("Sec-Fetch-Dest") not in FRAMES or response.status_code != 200:
            return response
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return response
        if match.namespace in REFUSED_NAMESPACES:
            return response
        return framed_page(request, match)


def refuses_frames(response):
    """Whether `response` is a page a browser would refuse to show in another site's frame."""
    html = response.get("Content-Type", "").startswith("text/html")
    return html and response.get("X-Frame-Options", "").upper() in ("DENY", "SAMEORIGIN")


@xframe_options_exempt
@csp_replace({"frame-ancestors": "*"})
def framed_page(request, match):
    """The small page a frame gets in place of the page at `request.path`."""
    item = item_shown(match) if kind_shown(match) is not None else None
    snippet = embed_snippet(request, item) if item is not None else None
    shown = item.get_absolute_url() if item is not None else request.get_full_path()
    context = {
        "object": item,
        "page_url": f"{request.scheme}://{request.get_host()}{shown}",
        "theme": "light",
        "embed": snippet[0] if snippet else None,
    }
    response = render(request, "csx/framed.html", context)
    patch_vary_headers(response, ["Sec-Fetch-Dest"])
    add_never_cache_headers(response)
    return response
