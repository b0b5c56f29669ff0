"""Lists come a page at a time, each page naming the next by an opaque cursor: an item
published or withdrawn meanwhile neither repeats nor skips one (as page numbers would)."""

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    # Newest first: an integration polling for what is new reads the first page only.
    ordering = ("-published_at", "-pk")
    page_size = 20
    page_size_query_param = "size"
    max_page_size = 100


class ByPk(Cursor):
    ordering = ("pk",)
