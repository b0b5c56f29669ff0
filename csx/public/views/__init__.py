"""Cross-type pages. `pages`: home, tags, search, machines' files, health; `short_links`
and `embeds` for trainers; `sources`, the pages of the sources every fact comes from
(share links of drafts are the editors': csx/editorial/previews.py). The detail view every type
shares is csx.public.generic."""

from csx.public.views.embeds import oembed
from csx.public.views.pages import (
    healthz,
    home,
    robots_txt,
    search,
    search_suggestions,
    tag_detail,
    tag_list,
)
from csx.public.views.short_links import short_link, short_link_qr

__all__ = [
    "healthz",
    "home",
    "oembed",
    "robots_txt",
    "search",
    "search_suggestions",
    "short_link",
    "short_link_qr",
    "tag_detail",
    "tag_list",
]
