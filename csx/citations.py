"""Ready-to-paste citations of a page: plain text and Markdown, with the date accessed."""

from dataclasses import dataclass

SITE = "CSX Library"


@dataclass
class Citation:
    url: str
    plain: str
    markdown: str


def markdown_text(text):
    """Text safe inside a Markdown link label."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def evidence(statistic):
    """What a statistic's citation must carry: the figure, its owner and how far it's checked."""
    year = f", {statistic.year}" if statistic.year else ""
    claim = f"{statistic.figure} {statistic.claim}"
    return f"{claim} ({statistic.attributed_to}{year}). {statistic.verification_statement}"


def cite(item, url, accessed):
    date = f"{accessed.day} {accessed:%B %Y}"
    plain = f"“{item.title}.” {SITE}. {url} (accessed {date})."
    markdown = f"[{markdown_text(item.title)}]({url}), {SITE} (accessed {date})."
    if hasattr(item, "verification_statement"):
        plain = f"{evidence(item)} {plain}"
        markdown = f"{markdown_text(evidence(item))} {markdown}"
    return Citation(url=url, plain=plain, markdown=markdown)
