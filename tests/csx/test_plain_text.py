from csx.content.markdown import plain_text


def test_plain_text_drops_the_heading_permalink_mark():
    # Issue 24: snippets showed "Why it matters # Ritchie…" from the heading's "#" link.
    text = plain_text("## Why it matters\n\nRitchie called back.")
    assert "#" not in text
    assert text.split() == ["Why", "it", "matters", "Ritchie", "called", "back."]


def test_plain_text_keeps_a_hash_the_editor_wrote():
    assert "#4" in plain_text("Order #4 arrived late.")
