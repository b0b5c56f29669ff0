"""Cross-type pages. `pages`: home, tags, search, machines' files, health; `detail`: the
detail view every content type shares; `short_links` and `embeds` for trainers."""

from csx.views.detail import ContentDetailView
from csx.views.embeds import oembed
from csx.views.pages import healthz, home, robots_txt, search, tag_detail, tag_list
from csx.views.short_links import short_link, short_link_qr

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
