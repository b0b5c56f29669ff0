"""/media/<name>: the library's renditions, served by the app from whichever store holds them.

A view rather than whitenoise (which serves only files present when the process starts) or
the store's own address (pages make no request to another host, and a content policy of
`img-src 'self'` keeps it so). Names are derived from content, so a file answered once is
the same forever: browsers and proxies keep it for a year. While the store is unreachable
the answer is a plain placeholder, kept by nobody, so the page around it reads as usual and
the picture comes back with the store, without a restart.
"""

import io
import logging
import re

from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import require_safe

from csx.media import store

logger = logging.getLogger(__name__)

# Renditions only (csx/media/renditions.py): never the original upload, with its metadata.
RENDITION = re.compile(r"images/[0-9a-f]{20}/(card-\d{1,3}-\d{1,3}-)?w\d{1,5}\.webp")
YEAR = 365 * 24 * 3600

PLACEHOLDER = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 320" role="img" \
aria-label="Picture unavailable"><rect width="480" height="320" fill="#eceae4"/>\
<text x="240" y="168" font-family="sans-serif" font-size="22" text-anchor="middle" \
fill="#5b5a55">Picture unavailable just now</text></svg>"""


@require_safe
def media_file(request, name):
    if not RENDITION.fullmatch(name):
        raise Http404("No such picture.")
    try:
        data = store.read(name)
    except FileNotFoundError:
        raise Http404("No such picture.") from None
    except store.StoreUnreachable:
        logger.warning("The image store is unreachable: %s answered a placeholder.", name)
        response = HttpResponse(PLACEHOLDER, content_type="image/svg+xml")
        response["Cache-Control"] = "no-store"
        return response
    # A file response (streamed) is never copied into the page cache (csx/serving/cache.py):
    # browsers and proxies keep pictures, the cache keeps pages.
    response = FileResponse(io.BytesIO(data), content_type="image/webp")
    response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response
