"""The ceiling `make bench` compares every page with: the project's own settings and
middleware, and one view that returns a prebuilt 20 KB page (no database, no template).

This module is both the Django settings (DJANGO_SETTINGS_MODULE=bench.ceiling) and the URL
configuration they name. The page cache is off for it (DJANGO_PAGE_CACHE=0): a prebuilt
page has nothing to cache, so every request goes through the whole middleware stack.
"""

from django.http import HttpResponse
from django.urls import path

from csx.settings import *  # noqa: F403

ROOT_URLCONF = __name__

HEAD = b"<!doctype html><html lang=en><meta charset=utf-8><title>Ceiling</title><body>\n"
LINE = b"<p>A prebuilt page of twenty kilobytes, served by a view that does nothing else.</p>\n"
TAIL = b"</body></html>\n"
PAGE = HEAD + LINE * ((20 * 1024 - len(HEAD) - len(TAIL)) // len(LINE)) + TAIL


def ceiling(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", ceiling)]
