"""Cross-type pages. `pages`: home, tags, search, machines' files, health, and the detail
view every content type shares."""

from csx.views.embeds import oembed
from csx.views.links import short_link, short_link_qr
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
    "oembed",
    "robots_txt",
    "search",
    "short_link",
    "short_link_qr",
    "tag_detail",
    "tag_list",
]
