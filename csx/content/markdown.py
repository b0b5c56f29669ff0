"""The one place where Markdown becomes HTML.

CommonMark first, with links to other items by stable reference (`[the giraffe](story:<slug>)`,
`[the article](source:<slug>)`) pointed at wherever the item lives now, and pictures from the
image library by theirs (`![alt text](image:<slug>)`, csx/media) drawn from its renditions;
then an allow-list sanitiser (nh3), last, so nothing an editor types can run script in a
reader's browser, whatever the renderer lets through.
"""

import re
from functools import lru_cache

import nh3
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin

from csx.content import permalinks
from csx.media.models import Image


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


# `image:reception-desk`: a picture in the library, by its slug (which never changes).
IMAGE_REFERENCE = re.compile(r"image:(?P<slug>[-\w]+)", re.ASCII)
# A body picture is at most the prose column wide (static/css: .prose is 46rem at most).
BODY_SIZES = "(min-width: 50rem) 46rem, 100vw"


def place_pictures(state):
    """A core rule: a picture from the library becomes its renditions (all of a text's
    pictures in one query), alone in its paragraph a figure with its caption and credit. Any
    other picture, an address elsewhere or an unknown slug, becomes its alt text: pages make
    no request to another host, and a missing picture is never a broken one."""
    tokens = state.tokens
    images = [
        token
        for block in tokens
        if block.type == "inline" and block.children
        for token in block.children
        if token.type == "image"
    ]
    if not images:
        return
    slugs = {match["slug"] for token in images if (match := image_reference(token))}
    found = Image.objects.by_reference(slugs)
    for index, block in enumerate(tokens):
        if block.type != "inline" or not any(t.type == "image" for t in block.children or []):
            continue
        block.children = [picture_token(token, found) for token in block.children]
        alone = len(block.children) == 1 and block.children[0].meta.get("image")
        if alone and tokens[index - 1].type == "paragraph_open":
            tokens[index - 1].tag = tokens[index + 1].tag = "figure"
            block.children.append(html_token(caption_html(block.children[0].meta["image"])))


def image_reference(token):
    return IMAGE_REFERENCE.fullmatch(token.attrGet("src") or "")


def picture_token(token, found):
    if token.type != "image":
        return token
    match = image_reference(token)
    image = found.get(match["slug"]) if match else None
    picture = image.picture() if image else None
    if picture is None:
        text = Token("text", "", 0)
        text.content = token.content
        return text
    html = html_token(
        format_html(
            '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
            'loading="lazy" decoding="async">',
            picture["src"],
            picture["srcset"],
            BODY_SIZES,
            picture["width"],
            picture["height"],
            token.content.strip() or image.alt,
        )  # fmt: skip
    )
    html.meta["image"] = image
    return html


def html_token(content):
    # The renderer writes an html_inline token as it is: only this module makes them (the
    # parser never does, with html off), and the sanitiser still reads what they hold.
    token = Token("html_inline", "", 0)
    token.content = str(content)
    return token


def caption_html(image):
    if not (image.caption or image.credit):
        return ""
    credit = format_html(" <small>{}</small>", image.credit) if image.credit else ""
    return format_html("<figcaption>{}{}</figcaption>", image.caption, credit)


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
_renderer.core.ruler.push("library_pictures", place_pictures)

# Editors mark where present mode pauses a story before its outcome (csx/paths/slides.py).
# The marker is for slides only: every page drops it.
PAUSE = re.compile(r"^[ \t]*<!--\s*pause\s*-->[ \t]*$", re.MULTILINE | re.IGNORECASE)

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol",
    "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul", "cite", "del",
    "figure", "figcaption", "img", "small",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "img": {"src", "srcset", "sizes", "width", "height", "alt", "loading", "decoding"},
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
        attribute_filter=keep_attribute,
    )


def keep_attribute(tag, attribute, value):
    """A picture's addresses are this site's own renditions (/media/…) or it has none: a page
    makes no request to another host, whatever markup reached the sanitiser."""
    if tag == "img" and attribute in ("src", "srcset"):
        addresses = [part.split()[0] for part in value.split(",") if part.strip()]
        if not addresses or not all(is_media_path(address) for address in addresses):
            return None
    return value


def is_media_path(address):
    return address.startswith(settings.MEDIA_URL) and permalinks.is_same_site_path(address)


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
    return "image:" in lowered or any(
        f"{prefix}:" in lowered for prefix in permalinks.reference_models()
    )


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


def link_addresses(text):
    """The address of every link in a Markdown text, in order, as typed."""
    return inline_attribute(text, "link_open", "href")


def picture_addresses(text):
    """The address of every picture in a Markdown text, in order, as typed."""
    return inline_attribute(text, "image", "src")


def inline_attribute(text, token_type, name):
    return [
        token.attrGet(name)
        for block in _reader.parse(text or "")
        for token in block.children or []
        if token.type == token_type
    ]


def references(text):
    """(prefix, slug) of every stable reference in a Markdown text, in order."""
    return [reference for href in link_addresses(text) if (reference := reference_in(href))]


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
