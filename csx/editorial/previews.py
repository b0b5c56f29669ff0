"""A share link: an item as readers will see it, for a reviewer without an account."""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from csx.editorial import preview


@require_safe
def shared_preview(request, token):
    try:
        item, link = preview.shared(token)
    except preview.LinkClosed as closed:
        response = render(request, "preview_expired.html", {"link": closed.link}, status=410)
        add_never_cache_headers(response)
        return response
    return preview.render_as_reader(request, item, link)
