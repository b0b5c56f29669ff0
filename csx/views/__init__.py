"""Cross-type pages. `pages`: home, tags, search, machines' files, health; `short_links`
and `embeds` for trainers; `sources`, the pages of the sources every fact comes from;
`previews`: share links of drafts. The detail view every type shares is csx.generic."""

from csx.views.embeds import oembed
from csx.views.pages import healthz, home, robots_txt, search, tag_detail, tag_list
from csx.views.previews import shared_preview
from csx.views.short_links import short_link, short_link_qr

__all__ = [
    "healthz",
    "home",
    "oembed",
    "robots_txt",
    "search",
    "shared_preview",
    "short_link",
    "short_link_qr",
    "tag_detail",
    "tag_list",
]
