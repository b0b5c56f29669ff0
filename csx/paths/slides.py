"""A story told in present mode: its setup, the outcome the trainer reveals, and the rest.

Editors choose the moment of the reveal with a line `<!-- pause -->` in the story's body
(csx/content/markdown.py keeps it off every other page). Where none is marked, the pause falls
halfway through the story's opening section: after the first half of its paragraphs, or of
its sentences when it is one paragraph.
"""

import re
from dataclasses import dataclass

from csx.content.markdown import PAUSE, render_markdown

BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
HEADING = re.compile(r"#{1,6}\s+")
LIST_OR_QUOTE = re.compile(r"(>|[-*+]\s|\d+[.)]\s)")
# A sentence ends at . ! or ? (and any closing quote) before a capital; "Dr. Dao" does not.
SENTENCE_END = re.compile(
    r"(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bSt\.)(?<=[.!?])([\"”’)]?)\s+(?=[\"“A-Z])"
)


@dataclass(frozen=True)
class StoryParts:
    setup: str  # HTML: what the room hears first
    outcome: str  # HTML: revealed on a key press ("" when there is nothing to hold back)
    more: str  # HTML: the rest of the story, for the trainer's notes
    marked: bool  # whether the editors chose the pause (or the default placed it)


def blocks(markdown):
    return [block.strip() for block in BLOCK_BREAK.split(markdown.strip()) if block.strip()]


def is_heading(block):
    return HEADING.match(block) is not None


def split_sentences(paragraph):
    """(first half of the sentences, the rest); the rest is "" for a single sentence."""
    pieces = SENTENCE_END.split(paragraph)
    # split() keeps the captured closing quote: glue each back onto its sentence.
    sentences = [pieces[i] + (pieces[i + 1] if i + 1 < len(pieces) else "")
                 for i in range(0, len(pieces), 2)]  # fmt: skip
    half = len(sentences) // 2
    if half == 0:
        return paragraph, ""
    return " ".join(sentences[:half]), " ".join(sentences[half:])


def default_split(body):
    """(setup, outcome, more) Markdown when the editors marked no pause."""
    parts = blocks(body)
    first = next((i for i, block in enumerate(parts) if is_heading(block)), None)
    # The opening section: what follows the first heading (a note before it stays in the
    # setup), or the whole body when it has no heading (a customer review and its gloss).
    preamble, start = ([], 0) if first is None else (parts[:first], first + 1)
    end = next((i for i in range(start, len(parts)) if is_heading(parts[i])), len(parts))
    opening, more = parts[start:end], parts[end:]
    if len(opening) > 1:
        half = len(opening) // 2
        setup, outcome = opening[:half], opening[half:]
    elif opening and not LIST_OR_QUOTE.match(opening[0]):
        before, after = split_sentences(opening[0])
        setup, outcome = [before], [after] if after else []
    else:
        setup, outcome = opening, []
    return preamble + setup, outcome, more


def marked_split(body):
    """(setup, outcome, more) Markdown around the editors' pause: the outcome runs to the
    next heading."""
    before, after = PAUSE.split(body, maxsplit=1)
    setup = [block for block in blocks(before) if not is_heading(block)]
    rest = blocks(after)
    end = next((i for i, block in enumerate(rest) if is_heading(block)), len(rest))
    return setup, rest[:end], rest[end:]


def as_paragraph(block):
    """A heading as a bold line: a slide has its own headings, and two stories' "Why it
    worked" would otherwise give one page two elements with the same id."""
    return f"**{HEADING.sub('', block, count=1)}**" if is_heading(block) else block


def story_parts(story):
    """The story's setup, outcome and the rest, each as safe HTML."""
    body = story.body or ""
    marked = PAUSE.search(body) is not None
    setup, outcome, more = marked_split(body) if marked else default_split(body)
    setup = [block for block in setup if not is_heading(block)]
    parts = (setup, outcome, [as_paragraph(block) for block in more])
    return StoryParts(*(render_markdown("\n\n".join(part)) for part in parts), marked=marked)
