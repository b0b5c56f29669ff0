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
    and where it is quoted; and, for every type that has one, how far we know it is true."""
    parts = [f"{item.attribution}."] if hasattr(item, "attribution") else []
    if item.evidence is not None:
        parts.append(f"{item.evidence}.")
    return " ".join(parts)


def cite(item, url, accessed):
    date = date_format(accessed)
    plain = f"“{item.title}.” {SITE}. {url} (accessed {date})."
    markdown = f"[{markdown_text(item.title)}]({url}), {SITE} (accessed {date})."
    facts = evidence(item)
    if facts:
        plain = f"{facts} {plain}"
        markdown = f"{markdown_text(facts)} {markdown}"
    return Citation(url=url, plain=plain, markdown=markdown)
