"""Diffs mark the changed words inside a long field with the words around them, cut between
words, and keep the whole field, marked the same way, for a reader who opens it."""

import pytest
from django.urls import reverse

from csx.editorial.history import diff
from tests.admin_forms import edit
from tests.factories import make_story

BEFORE = " ".join(f"word{n}" for n in range(200))
AFTER = BEFORE.replace(" word100 ", " changed ")


def body_change(old, new):
    (change,) = diff.compare([("Body", old)], [("Body", new)])
    return change


def test_a_changed_word_in_a_long_field_keeps_only_its_neighbours():
    change = body_change(BEFORE, AFTER)
    ops = [op for _, op in change.pieces]
    assert ops == ["gap", "equal", "delete", "insert", "equal", "gap"]
    assert ("word100", "delete") in change.pieces and ("changed", "insert") in change.pieces


def test_the_context_kept_around_a_change_is_cut_between_words():
    change = body_change(BEFORE, AFTER)
    before, after = change.pieces[1][0], change.pieces[4][0]
    assert before.split()[0] in BEFORE.split() and after.split()[-1] in BEFORE.split()


def test_the_whole_field_holds_every_word_of_both_versions():
    whole = body_change(BEFORE, AFTER).whole
    assert "".join(text for text, op in whole if op != "insert") == BEFORE
    assert "".join(text for text, op in whole if op != "delete") == AFTER


def test_a_short_field_is_shown_whole_without_a_second_copy():
    change = body_change("Old title", "New title")
    assert not change.shortened and change.pieces == change.whole


@pytest.mark.django_db
def test_the_history_page_offers_the_whole_long_field_on_demand(editor_client, editor):
    story = make_story(status="draft", owner=editor, body=BEFORE)
    edit(editor_client, story, body=AFTER)
    url = reverse("admin:stories_story_history", args=[story.pk])
    html = editor_client.get(url).content.decode()
    details = html[html.index('<details class="csx-whole">') :]
    assert "<del>word100</del><ins>changed</ins>" in html
    assert "word0 word1" in details and "word199" in details
