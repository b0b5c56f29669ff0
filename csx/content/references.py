"""Stable references between items, for editors: which are broken, where an item is used,
which items to link to (the change form's picker), and what is wrong with the links of a text
being saved (unknown schemes too).

A Markdown link such as `[the giraffe](story:ritz-carlton-joshie-the-giraffe)` is resolved
when a page is drawn (csx/content/markdown.py): it follows renames, and readers see a reference to
an item they cannot see as plain text. These lists say where that happens, so editors can mend it
(the admin's "References" filter; the dashboard and the "used in" panel).
"""

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Q, When

from csx.content import permalinks, registry
from csx.content.markdown import (
    IMAGE_REFERENCE,
    URL_SCHEMES,
    link_addresses,
    picture_addresses,
    reference_in,
    references,
)
from csx.models import Image


@dataclass(frozen=True)
class Reference:
    holder: object  # the item whose Markdown holds the reference
    prefix: str  # "story"
    slug: str
    problem: str = ""  # why readers see plain text: "withdrawn", "not published", "no such item"

    def __str__(self):
        return f"{self.prefix}:{self.slug}"


def held_by(item):
    """Every (prefix, slug) referenced in `item`'s Markdown, its owned rows' included."""
    return [reference for text in item.markdown_texts() for reference in references(text)]


def holders(models=None):
    """Every content item (of `models`, or of every type) that may hold a reference."""
    for model in models or registry.models():
        yield from model.objects.holding_links()


def problem_with(prefix, slug):
    """Why readers see `prefix:slug` as plain text, or "" when it links to its item."""
    if permalinks.resolve_reference(prefix, slug) is not None:
        return ""
    model = permalinks.reference_models()[prefix]
    resolution = permalinks.resolve(model.objects.all(), slug)
    if resolution is None:
        return "no such item"
    if resolution.item is None:
        return "withdrawn"
    return "not published"


def broken(models=None):
    """The references readers see as plain text, with the item that holds each."""
    found = []
    for item in holders(models):
        for prefix, slug in held_by(item):
            problem = problem_with(prefix, slug)
            if problem:
                found.append(Reference(item, prefix, slug, problem))
    return found


def used_in(target):
    """The items whose Markdown refers to `target`, by its slug now or one it had before."""
    prefix = "source" if registry.of(target) is None else registry.of(target).name
    old = permalinks.SlugHistory.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    )
    slugs = {target.slug, *old.values_list("slug", flat=True)}
    return [
        item
        for item in holders()
        if any(p == prefix and slug in slugs for p, slug in held_by(item))
    ]


# What a link address starts with when it names a scheme ("https:", "story:", "stroy:").
SCHEME = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*):", re.IGNORECASE)


def schemes_in_use():
    """Every scheme a link may use, as an editor reads them: "https:, …, story:, …"."""
    return [f"{scheme}:" for scheme in (*sorted(URL_SCHEMES), *permalinks.reference_models())]


def problems_in(texts):
    """Sentences for an editor about the links in Markdown `texts` that readers will not
    get as written: a reference that does not resolve (and why), or a scheme the site does
    not know (the sanitiser drops such a link's address). Each address is named once."""
    problems = {}
    for text in texts:
        for href in link_addresses(text):
            if href not in problems and (problem := link_problem(href)):
                problems[href] = f"“{href}”: {problem}"
        for src in picture_addresses(text):
            if src not in problems and (problem := picture_problem(src)):
                problems[src] = f"“{src}”: {problem}"
    return list(problems.values())


def picture_problem(src):
    """Why the picture at `src` will not show, or "" when it will: pages show only pictures
    from the library (csx/content/markdown.py), each else as its alt text."""
    match = IMAGE_REFERENCE.fullmatch(src or "")
    if match is None:
        return (
            "pages show only pictures from the image library, so readers will see its "
            "description instead; upload it there and write “image:its-name”"
        )
    if not Image.objects.filter(slug=match["slug"]).exists():
        return "no picture in the image library has that name; readers will see its description"
    return ""


def link_problem(href):
    """Why the link address `href` will not work for readers, or "" when it will."""
    reference = reference_in(href)
    if reference is not None:
        problem = problem_with(*reference)
        if not problem:
            return ""
        if problem == "no such item":
            return "no item has that address; readers will see the text without a link"
        return f"the item is {problem}, so readers will see the text without a link"
    match = SCHEME.match(href)
    if match is None or match["scheme"] in URL_SCHEMES:
        return ""  # an address on this site ("/stories/…", "#part") or on the web
    prefix = match["scheme"]
    if prefix.lower() in permalinks.reference_models():
        return (
            f"a reference is the type in lower case and the item's address, as "
            f"“{prefix.lower()}:the-slug”"
        )
    return (
        f"“{prefix}:” is not a kind of link this site knows, so readers will see the text "
        f"without a link. Links may start with {', '.join(schemes_in_use())}"
    )


@dataclass(frozen=True)
class Found:
    """An item an editor may link to, as the reference picker offers it."""

    title: str
    reference: str  # "story:the-slug"
    kind: str  # "Story"
    live: bool  # readers see it (a link to one they do not see shows as plain text)

    def markdown(self):
        """The link to paste: `[title](story:slug)`, brackets in the title escaped."""
        title = self.title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        return f"[{title}]({self.reference})"


def find(term, per_type=8):
    """Items of every type whose title (or address) holds `term`, titles starting with it
    first, then the rest by title; for the reference picker."""
    term = term.replace("\x00", " ").strip()  # PostgreSQL refuses a NUL in a string
    if not term:
        return []
    found = []
    for prefix, model in permalinks.reference_models().items():
        matches = model.objects.filter(Q(title__icontains=term) | Q(slug__icontains=term))
        matches = matches.annotate(
            starts=Case(When(title__istartswith=term, then=0), default=1)
        ).order_by("starts", "title")[:per_type]
        matches = list(matches.values_list("pk", "title", "slug", "starts"))
        live = set(
            model.objects.published()
            .filter(pk__in=[pk for pk, *_ in matches])
            .values_list("pk", flat=True)
        )
        kind = model._meta.verbose_name.capitalize()
        found += [
            (starts, Found(title, f"{prefix}:{slug}", kind, pk in live))
            for pk, title, slug, starts in matches
        ]
    return [item for _, item in sorted(found, key=lambda pair: (pair[0], pair[1].title.lower()))]
