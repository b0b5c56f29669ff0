"""The one place where Markdown becomes HTML.

CommonMark first, with links to other items by stable reference (`[the giraffe](story:<slug>)`,
`[the article](source:<slug>)`) pointed at wherever the item lives now; then an allow-list
sanitiser (nh3), last, so nothing an editor types can run script in a reader's browser,
whatever the renderer lets through.
"""

import re
from functools import lru_cache

import nh3
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

from csx.content import permalinks


def section_id(heading):
    # Prefixed so a heading can never take an id the page itself uses ("sources", "takeaway").
    return f"section-{slugify(heading) or 'part'}"


# `story:ritz-carlton-joshie-the-giraffe`: a registry type's name (or `source`), then a slug.
REFERENCE = re.compile(r"(?P<prefix>[a-z]+):(?P<slug>[-\w]+)", re.ASCII)


def reference_in(href):
    """(prefix, slug) if the link address `href` is a stable reference, else None."""
    match = REFERENCE.fullmatch(href or "")
    if match and match["prefix"] in permalinks.reference_models():
        return match["prefix"], match["slug"]
    return None


def link_references(state):
    """A core rule: a reference links to its item's address now, through the permanent-links
    resolver (all of a text's references at once), so a rename never breaks it; a reference
    to an item readers cannot see (withdrawn, unpublished, unknown) becomes its plain text,
    never a dead link."""
    blocks = [block for block in state.tokens if block.type == "inline" and block.children]
    links = [
        (token, reference)
        for block in blocks
        for token in block.children
        if token.type == "link_open" and (reference := reference_in(token.attrGet("href")))
    ]
    if not links:
        return
    addresses = permalinks.reference_addresses({reference for _, reference in links})
    for token, reference in links:
        address = addresses[reference]
        if address is None:
            token.meta["dropped"] = True
        else:
            token.attrSet("href", address)
    for block in blocks:
        kept, dropping = [], False
        for token in block.children:
            if token.type == "link_open" and token.meta.get("dropped"):
                dropping = True  # links do not nest: the next link_close is this one's
                continue
            if token.type == "link_close" and dropping:
                dropping = False
                continue
            kept.append(token)
        block.children = kept


def commonmark():
    return (
        MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        .enable("table")
        .use(anchors_plugin, min_level=2, max_level=4, slug_func=section_id, permalink=True,
             permalinkSymbol="#")
    )  # fmt: skip


_reader = commonmark()  # finds references without resolving them
_renderer = commonmark()
_renderer.core.ruler.push("stable_references", link_references)

# Editors mark where present mode pauses a story before its outcome (csx/paths/slides.py).
# The marker is for slides only: every page drops it.
PAUSE = re.compile(r"^[ \t]*<!--\s*pause\s*-->[ \t]*$", re.MULTILINE | re.IGNORECASE)

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


def sanitise(html):
    """`html` with everything not on the allow-list removed: the one rule for what markup
    reaches a reader (a plain string, not yet marked safe)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def sanitised(html):
    # Safe to mark: the sanitiser has just removed everything not on the allow-list.
    return mark_safe(sanitise(html))  # noqa: S308


def render_markdown(text):
    """Safe HTML for a Markdown text written by an editor (a presenter's pause line dropped)."""
    text = PAUSE.sub("", text or "")
    if may_refer(text):
        # Where a reference leads changes with other items (a rename, a withdrawal, a
        # publication), so it is resolved afresh; pages keep the result per content version
        # (csx/serving/cache.py), which every such change moves on.
        return _render(text)
    return _render_alone(text)


def may_refer(text):
    """Whether `text` may hold a stable reference (a cheap look, never missing one)."""
    lowered = text.lower()
    return any(f"{prefix}:" in lowered for prefix in permalinks.reference_models())


def _render(text):
    return sanitised(_renderer.render(text))


# Rendered once per text, not once per request: a text that refers to no other item renders
# the same until it changes.
_render_alone = lru_cache(maxsize=2048)(_render)


def render_inline(text):
    """Safe HTML for a one-paragraph Markdown text shown inside a sentence of the page (links
    and emphasis, no paragraph of its own)."""
    return sanitised(_renderer.renderInline(text or ""))


# The "#" a heading's permalink shows is markup for the page, not a word of the text.
HEADING_PERMALINK = re.compile(r' ?<a class="header-anchor"[^>]*>#</a>')


def plain_text(text):
    """The words of a Markdown text, without its markup (for the search index and its
    snippets)."""
    html = HEADING_PERMALINK.sub("", str(render_markdown(text)))
    return nh3.clean(html, tags=set()).replace("&amp;", "&")


def references(text):
    """(prefix, slug) of every stable reference in a Markdown text, in order."""
    return [
        reference
        for block in _reader.parse(text or "")
        for token in block.children or []
        if token.type == "link_open" and (reference := reference_in(token.attrGet("href")))
    ]


def headings(text):
    """(id, words) of each second-level heading of a Markdown text, with the ids its rendered
    HTML gives them (the same parser and plugin), for a page's contents list."""
    tokens = _reader.parse(PAUSE.sub("", text or ""))
    return [
        (token.attrGet("id"), heading_words(tokens[index + 1].children or []))
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2"
    ]


def heading_words(children):
    """The words of a heading, without the permalink ("#") the anchors plugin appends."""
    words = []
    for child in children:
        if child.type == "link_open" and child.attrGet("class") == "header-anchor":
            break
        words.append(child.content)
    return "".join(words).strip()
