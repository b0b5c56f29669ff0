"""The site's sections by name: a search for "statistics", "stats" or "onboarding" is a
reader looking for a section, so the search page offers it above the results (which still
list whatever holds the word). Only the whole query counts: "statistics on loyalty" is a
search, not a section's name."""

from dataclasses import dataclass

from django.urls import reverse

from csx.content import registry
from csx.search.words import STOP_WORDS, words_of

# The words readers use for each section besides its own name (singular or plural).
OTHER_NAMES = {
    "story": ["anecdotes", "examples", "case studies"],
    "principle": ["values", "service principles"],
    "statistic": ["stats", "figures", "numbers", "facts and figures", "data"],
    "company": ["brands", "businesses"],
    "resource": ["reading list", "further reading", "reading"],
    "path": ["onboarding", "training paths", "learning paths", "induction", "lessons"],
    "tag": ["topics"],
    "source": ["references", "citations", "articles"],
}


@dataclass(frozen=True)
class Section:
    label: str
    url: str


def sections():
    """(Section, the names it answers to), in the order of the site's navigation."""
    listed = [
        (kind.name, kind.plural, reverse(kind.list_url_name))
        for kind in registry.TYPES
        if kind.searchable
    ]
    listed += [
        ("tag", "Tags", reverse("tag_list")),
        ("source", "Sources", reverse("sources:source_list")),
    ]
    for name, plural, url in listed:
        names = {name, plural.lower(), *OTHER_NAMES.get(name, ())}
        yield Section(plural, url), {key(n) for n in names}


def key(text):
    """A name as compared: its meaningful words, lower case."""
    return " ".join(word for word in words_of(text) if word not in STOP_WORDS)


def named(text):
    """The sections the whole of `text` names ("stats" → Statistics)."""
    wanted = key(text)
    return [section for section, names in sections() if wanted and wanted in names]
