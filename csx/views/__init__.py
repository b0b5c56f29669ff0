"""Cross-type pages. `pages`: home, tags, search, machines' files, health, and the detail
view every content type shares."""

from csx.views.pages import (
    ContentDetailView,
    healthz,
    home,
    robots_txt,
    search,
    tag_detail,
    tag_list,
)

__all__ = [
    "ContentDetailView",
    "healthz",
    "home",
    "robots_txt",
    "search",
    "tag_detail",
    "tag_list",
]
