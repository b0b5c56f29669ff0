"""Ready-to-paste citations of a page: plain text and Markdown, with the date accessed."""

from dataclasses import dataclass

from django.utils.formats import date_format

SITE = "CSX Library"


@dataclass
class Citation:
    url: str
    plain: str
    markdown: str


def markdown_text(text):
    """Text safe inside a Markdown link label."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def evidence(item):
    """What a citation must carry beyond the page: a statistic's figure, whose it is said to be
    and where it is quoted; and, for every type that has one, how far we know it is true (in
    its own words: the citation is no place for the page's labels)."""
    parts = [f"{item.attribution}."] if hasattr(item, "attribution") else []
    if item.evidence is not None:
        parts.append(f"{item.evidence.label}.")
    return " ".join(parts)


def sources_of(item):
    """The sources an item rests on, which its citation names first (a statistic names its
    own, in its attribution)."""
    return list(item.sources.all()) if hasattr(item, "sources") else []


def source_plain(source):
    return f"“{source.name}” ({source.byline})"


def source_markdown(source):
    name = markdown_text(f"“{source.name}”")
    return f"[{name}]({source.url})" if source.url else name


def cite(item, url, accessed):
    """The citation of an item's page: the sources it rests on first, then what the page
    adds (a statistic's figure and origin, how far we know it is true), then the page itself
    with the date it was read."""
    date = date_format(accessed)
    sources = sources_of(item)
    facts = evidence(item)
    if not sources and not facts:
        plain = f"“{item.title}.” {SITE}. {url} (accessed {date})."
        markdown = f"[{markdown_text(item.title)}]({url}), {SITE} (accessed {date})."
        return Citation(url=url, plain=plain, markdown=markdown)
    page = f"Summarised in “{item.title}”, {SITE}, {url} (accessed {date})."
    page_markdown = f"Summarised in [{markdown_text(item.title)}]({url}), {SITE} (accessed {date})."
    named = "; ".join(source_plain(source) for source in sources)
    named_markdown = "; ".join(
        f"{source_markdown(source)} ({markdown_text(source.byline)})" for source in sources
    )
    plain = " ".join(part for part in [named and f"{named}.", facts, page] if part)
    markdown = " ".join(
        part
        for part in [named_markdown and f"{named_markdown}.", markdown_text(facts), page_markdown]
        if part
    )
    return Citation(url=url, plain=plain, markdown=markdown)
