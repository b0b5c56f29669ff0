"""The library's public content types, declared once.

Every feature that spans types loops over TYPES instead of keeping its own list: search
(documents, signals, result tabs), tag counts and tag pages, sitemaps, navigation, embeds
and oEmbed, short links, the seed loader and path targets. What a type does for itself
lives on its model and QuerySet (`get_absolute_url()`, `search_document()`,
`get_embed_url()`, `for_cards()`, `for_detail()`, ...); what the site does with it is here.

Adding a type: its model (and migration), its admin (on ContentAdmin), and one entry below.
What it does not say it gets: search reads Content.search_document() (title, summary, tags,
body), the API makes plain serializers (csx/api/serializers.py), the generic pages show it,
and the route tests (tests/routes.py) make an item of it when the seed has none.
"""

from dataclasses import dataclass
from graphlib import TopologicalSorter

from django.apps import apps


@dataclass(frozen=True)
class Embed:
    """The card other sites may frame (/embed/<segment>/<slug>/) and its iframe size. The
    height holds the card at any width from 320 to 800 px: static/css/embed.css caps each
    text at a number of lines, and the browser tests measure each kind's card at its longest
    (tests/browser/test_browser_embeds.py, paths in test_browser_framing.py)."""

    height: int
    width: int = 480


@dataclass(frozen=True)
class Kind:
    label: str  # the model, "app_label.ModelName"
    name: str  # one item, in URLs names and search: "story"
    plural: str  # navigation, tag page sections, search tabs: "Stories"
    # The URL name of the page listing them. None: csx/public/generic.py serves a plain list at
    # /<segment>/ and a plain page per item at /<segment>/<slug>/ (until the type has its own).
    list_url: str | None = None
    short_letter: str | None = None  # /s/<letter><id in base 36>/
    seed_file: str | None = None  # fixtures/<seed_file>.json
    card: str | None = None  # the include that draws one as a card (tag pages)
    embed: Embed | None = None
    own_page: bool = True  # False: items are anchors on the list page (no sitemap entry)
    searchable: bool = True
    tag_section: bool = True  # shown on tag pages and counted in tag counts
    path_target: bool = False  # a path step can point at one
    feedback: bool = False  # its page asks readers "was this helpful?" (csx/feedback)

    @property
    def model(self):
        return apps.get_model(self.label)

    @property
    def list_url_name(self):
        return self.list_url or f"library:{self.name}_list"

    @property
    def detail_url_name(self):
        return self.model.detail_url_name or f"library:{self.name}_detail"

    @property
    def segment(self):
        """The URL segment of its pages: "stories"."""
        return self.plural.lower()

    def owns(self, url_name):
        """Whether the page named `url_name` belongs to this type's section of the site."""
        return url_name is not None and url_name.startswith(f"{self.name}_")


# In the order readers meet them: navigation, search tabs and tag pages follow it.
TYPES = [
    Kind(
        "stories.Story", "story", "Stories", list_url="stories:story_list",
        short_letter="s", seed_file="stories", card="includes/story_card.html",
        embed=Embed(height=470), path_target=True, feedback=True,
    ),
    Kind(
        "principles.Principle", "principle", "Principles",
        list_url="principles:principle_list",
        short_letter="p", seed_file="principles", card="includes/principle_card.html",
        embed=Embed(height=392), path_target=True, feedback=True,
    ),
    Kind(
        "principles.Statistic", "statistic", "Statistics",
        list_url="principles:statistic_list",
        short_letter="f", seed_file="statistics", card="includes/statistic_card.html",
        embed=Embed(height=438), path_target=True, feedback=True,
    ),
    Kind(
        "stories.Company", "company", "Companies", list_url="stories:company_list",
        short_letter="c", seed_file="companies", card="includes/company_card.html",
    ),
    Kind(
        "principles.Resource", "resource", "Resources",
        list_url="principles:resource_list",
        seed_file="resources", card="includes/resource_item.html", own_page=False,
        path_target=True,
    ),
    Kind(
        "paths.Path", "path", "Paths", list_url="paths:path_list",
        short_letter="t", seed_file="paths", tag_section=False, feedback=True,
        embed=Embed(height=664),
    ),
]  # fmt: skip

BY_NAME = {kind.name: kind for kind in TYPES}
BY_SHORT_LETTER = {kind.short_letter: kind for kind in TYPES if kind.short_letter}
PATH_TARGETS = [kind.name for kind in TYPES if kind.path_target]
# A path's steps: each points at one item of a PATH_TARGETS type, by a field of that name.
STEP = "paths.PathItem"


def step_model():
    """The model of a path's steps, for code that asks where an item is used without
    importing the paths app."""
    return apps.get_model(STEP)


def of(model_or_item):
    """The Kind of a model or an item, or None for a type the library does not publish."""
    label = model_or_item._meta.label
    return next((kind for kind in TYPES if kind.label == label), None)


def models(**flags):
    """The models of the types whose flags all match, e.g. models(searchable=True)."""
    return [
        kind.model
        for kind in TYPES
        if all(getattr(kind, flag) == value for flag, value in flags.items())
    ]


def embeddable():
    return [kind for kind in TYPES if kind.embed]


def by_detail_url(url_name):
    """The Kind whose detail page is the URL pattern `url_name` ("stories:story_detail")."""
    return next((kind for kind in TYPES if kind.detail_url_name == url_name), None)


def with_generic_pages():
    return [kind for kind in TYPES if kind.list_url is None]


def seed_order():
    """The seeded types, each after the types its rows refer to (a story needs its company).

    A type refers to another through its own relations and those of the rows it owns, its
    `seed_children` (a path's steps point at stories, principles, statistics and resources).
    A row owned by several types (a knowledge-check question, by its story, principle,
    statistic or path) orders nothing through its links to those owners: it is made with the
    one that owns it.
    """
    seeded = {kind.model: kind for kind in TYPES if kind.seed_file}
    owned = {
        model: [model._meta.get_field(name).related_model for name in model.seed_children]
        for model in seeded
    }
    owners = {}
    for model, rows in owned.items():
        for row in rows:
            owners.setdefault(row, set()).add(model)
    graph = {}
    for model in seeded:
        fields = [
            (m, f) for m in [model, *owned[model]] for f in m._meta.get_fields() if f.is_relation
        ]
        graph[model] = {
            field.related_model
            for m, field in fields
            if not field.auto_created
            and field.related_model in seeded
            and (m is model or field.related_model not in owners[m] - {model})
        } - {model}
    return [seeded[model] for model in TopologicalSorter(graph).static_order()]
