"""Whole answers kept per content version: for machines' files (the feed, the sitemaps),
whose every byte comes from the library and the address they are asked at.

`kept_whole(view)` draws the view once per content version and address (`memo`, so a page
cache storing the answer still learns what it showed, and a change redraws it), and serves
the same status, headers and body to every later request until the library changes.
"""

from functools import wraps

from django.http import HttpResponse

from csx.serving import cache


def kept_whole(view):
    """`view`, drawn once per content version, host and full path (a query string is kept
    while its path has room, room_for). Wrap it inside require_safe: only GET and HEAD."""

    @wraps(view)
    def kept(request, *args, **kwargs):
        def draw():
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):  # a TemplateResponse (the sitemaps)
                response.render()
            return response.status_code, tuple(response.items()), response.content

        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        status, headers, content = cache.memo(
            request, f"whole:{address}", draw, chosen_by_client=bool(request.GET)
        )
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response.headers[name] = value
        return response

    return kept
