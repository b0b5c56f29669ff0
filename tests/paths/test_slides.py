"""A story cut for present mode: the setup, the outcome held back for a key press, the rest
for the trainer's notes; where the editors marked the pause, or a sensible default."""

from types import SimpleNamespace

from csx.content.markdown import render_markdown
from csx.paths.slides import story_parts


def parts(body):
    return story_parts(SimpleNamespace(body=body))


def test_the_editors_pause_marker_cuts_the_story_there():
    cut = parts(
        "## What happened\n\nA guest lost a ring. Staff heard.\n\n<!-- pause -->\n\n"
        "They searched the drains.\n\n## Why it worked\n\nThey cared."
    )
    assert cut.marked
    assert cut.setup == "<p>A guest lost a ring. Staff heard.</p>\n"
    assert cut.outcome == "<p>They searched the drains.</p>\n"
    assert cut.more == "<p><strong>Why it worked</strong></p>\n<p>They cared.</p>\n"


def test_without_a_marker_the_pause_falls_after_half_the_opening_paragraphs():
    cut = parts("## What happened\n\nOne.\n\nTwo.\n\nThree.\n\n## Why\n\nBecause.")
    assert not cut.marked
    assert (cut.setup, cut.outcome) == ("<p>One.</p>\n", "<p>Two.</p>\n<p>Three.</p>\n")
    assert cut.more == "<p><strong>Why</strong></p>\n<p>Because.</p>\n"


def test_a_one_paragraph_opening_pauses_after_half_its_sentences():
    cut = parts("## What happened\n\nA book came damaged. She called. They apologised. It came.")
    assert cut.setup == "<p>A book came damaged. She called.</p>\n"
    assert cut.outcome == "<p>They apologised. It came.</p>\n"


def test_a_title_before_a_name_does_not_end_a_sentence():
    cut = parts("## What happened\n\nDr. David Dao was on the flight. He was removed.")
    assert cut.setup == "<p>Dr. David Dao was on the flight.</p>\n"


def test_a_one_sentence_opening_has_nothing_to_hold_back():
    cut = parts("## What happened\n\nIt all happened at once.")
    assert (cut.setup, cut.outcome) == ("<p>It all happened at once.</p>\n", "")


def test_a_note_before_the_first_heading_stays_in_the_setup():
    cut = parts("*An illustrative scenario.*\n\n## The scenario\n\nA call comes in. It is late.")
    assert cut.setup == "<p><em>An illustrative scenario.</em></p>\n<p>A call comes in.</p>\n"
    assert cut.outcome == "<p>It is late.</p>\n"


def test_a_review_without_headings_shows_the_quotation_then_reveals_the_comment():
    cut = parts("> “Great help.”\n>\n> — a customer\n\nThe review praises speed.")
    assert cut.setup.startswith("<blockquote>")
    assert cut.outcome == "<p>The review praises speed.</p>\n"


def test_the_pause_marker_shows_on_no_page():
    html = render_markdown("Before.\n\n<!-- pause -->\n\nAfter.")
    assert html == "<p>Before.</p>\n<p>After.</p>\n"
