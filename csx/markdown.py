"""The one place where Markdown becomes HTML.

CommonMark first, then an allow-list sanitiser (nh3), so nothing an editor types can run
script in a reader's browser, whatever the renderer lets through.
"""

from functools import lru_cache

import nh3
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin


def section_id(heading):
    # Prefixed so a heading can never take an id the page itself uses ("sources", "takeaway").
    return f"section-{slugify(heading) or 'part'}"


_renderer = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("table")
    .use(anchors_plugin, min_level=2, max_level=4, slug_func=section_id, permalink=True,
         permalinkSymbol="#")
)  # fmt: skip

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol",
    "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul", "cite", "del",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
}
ALLOWED_CLASSES = {"a": {"header-anchor"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text):
    """Safe HTML for a Markdown text written by an editor."""
    return _render(text or "")


# Rendered once per text, not once per request: a text renders the same until it changes.
@lru_cache(maxsize=2048)
def _render(text):
    html = _renderer.render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    # Safe to mark: the sanitiser above has just removed everything not on the allow-list.
    return mark_safe(clean)  # noqa: S308


def plain_text(text):
    """The words of a Markdown text, without its markup (for the search index)."""
    return nh3.clean(str(render_markdown(text)), tags=set()).replace("&amp;", "&")
