"""Present mode: a path (or one story) as slides, every slide's content in the HTML so the
page also reads as a plain sequence of sections; our own small script drives it."""

import re

import pytest
from django.test import Client

from tests.factories import (
    add_item,
    make_path,
    make_practice,
    make_principle,
    make_source,
    make_statistic,
    make_story,
)
from tests.markup import one, text

pytestmark = pytest.mark.django_db

STORY_BODY = (
    "## What happened\n\nA guest lost a ring.\n\n<!-- pause -->\n\nStaff searched the drains."
    "\n\n## Why it worked\n\nThey cared."
)


def slides(text):
    """{slide id: its HTML}, in order."""
    slide = r'<section class="slide[^"]*" id="([\w-]+)"[^>]*>(.*?)</section>'
    return dict(re.findall(slide, text, re.S))


def present(client, path):
    response = client.get(path.get_present_url())
    assert response.status_code == 200
    return response.text


def test_a_path_presents_a_cover_each_steps_slides_and_an_end(client):
    story, principle = make_story(body=STORY_BODY), make_principle()
    make_practice(principle)
    path = make_path([story, principle, make_statistic()])
    s, p, f = path.steps()
    assert list(slides(present(client, path))) == [
        "start",
        f"step-{s.pk}", f"step-{s.pk}-discussion",
        f"step-{p.pk}", f"step-{p.pk}-practices",
        f"step-{f.pk}",
        "end",
    ]  # fmt: skip


def test_a_story_slide_holds_its_outcome_back_for_a_key_press(client):
    path = make_path([make_story(title="The ring", body=STORY_BODY)])
    slide = slides(present(client, path))[f"step-{path.items.get().pk}"]
    setup, reveal = slide.split('<div class="slide-reveal">')
    assert "<p>A guest lost a ring.</p>" in setup
    assert "Staff searched the drains." not in setup
    assert "<p>Staff searched the drains.</p>" in reveal


def test_the_discussion_slide_asks_the_questions_then_reveals_the_takeaway(client):
    story = make_story(takeaway="Search first.", discussion_questions="Would we search?")
    path = make_path([story])
    slide = slides(present(client, path))[f"step-{path.items.get().pk}-discussion"]
    questions, takeaway = slide.split('<div class="slide-reveal slide-takeaway">')
    assert "<li>Would we search?</li>" in questions
    assert "<p>Search first.</p>" in takeaway


def test_a_principle_gives_its_definition_then_its_practices(client):
    principle = make_principle(title="Empathy", definition="Feel with them.")
    make_practice(principle, title="Connect emotionally")
    path = make_path([principle])
    pk = path.items.get().pk
    deck = slides(present(client, path))
    assert '<p class="slide-definition">Feel with them.</p>' in deck[f"step-{pk}"]
    assert "Connect emotionally" in deck[f"step-{pk}-practices"]


def test_the_trainers_note_and_the_rest_of_the_story_are_the_speaker_notes(client):
    path = make_path()
    item = add_item(path, make_story(body=STORY_BODY), trainer_note="Ask *why*.", minutes=12)
    slide = slides(present(client, path))[f"step-{item.pk}"]
    notes = re.search(r'<aside class="notes"[^>]*>(.*?)</aside>', slide, re.S).group(1)
    assert "Trainer's note for step 1 · about 12 minutes" in notes
    assert "<p>Ask <em>why</em>.</p>" in notes
    assert "<p>They cared.</p>" in notes


def test_the_last_slide_has_the_paths_short_link_and_its_qr_code(client):
    path = make_path([make_story()])
    end = slides(present(client, path))["end"]
    short_url = f"http://testserver{path.get_short_url()}"
    assert f'<img src="/s/{path.short_code}/qr.svg"' in end
    assert f'alt="QR code for {short_url}"' in end
    assert f'<p class="slide-link">{short_url}</p>' in end


def test_a_draft_path_previewed_by_an_editor_ends_without_a_qr_code(editor_client):
    path = make_path([make_story()], status="draft")
    end = slides(present(editor_client, path))["end"]
    assert "qr.svg" not in end
    assert "A draft has no short link yet" in end


def test_a_statistic_slide_gives_the_figure_and_how_far_it_is_checked(client):
    statistic = make_statistic(figure="86%", claim="would pay more", cited_in=make_source())
    path = make_path([statistic])
    slide = slides(present(client, path))[f"step-{path.items.get().pk}"]
    figure_line = one(slide, ".slide-figure-line")  # the state stands beside the figure
    assert text(one(figure_line, ".slide-figure")) == "86%"
    assert statistic.evidence.label in text(figure_line)
    assert "would pay more" in slide
    assert text(one(slide, ".slide-attribution")) == "Said to come from a study; not traced."


def test_one_story_presents_alone_with_its_own_short_link(client):
    story = make_story(title="The ring", body=STORY_BODY)
    response = client.get(story.get_present_url())
    assert response.status_code == 200
    deck = slides(response.text)
    assert list(deck) == ["story", "story-discussion", "end"]
    assert '<h1 class="slide-title" id="story-title">The ring</h1>' in deck["story"]
    assert f"/s/{story.short_code}/qr.svg" in deck["end"]


def test_a_draft_story_has_no_present_mode_for_readers(client):
    story = make_story(status="draft")
    assert Client().get(story.get_present_url()).status_code == 404


def test_present_mode_loads_only_this_sites_files_and_no_inline_code(client):
    text = present(client, make_path([make_story()]))
    sources = re.findall(r'(?:src|href)="([^"]+)"', text)
    assert sources and all(url.startswith(("/", "http://testserver/")) for url in sources)
    assert re.findall(r"<script[^>]*>", text) == ['<script src="/static/js/present.js">']
    assert not re.search(r"""\sstyle=["']|<style\b""", text)


def test_present_mode_has_one_h1_and_keeps_the_controls_hidden_without_javascript(client):
    text = present(client, make_path([make_story(), make_principle()]))
    assert len(re.findall(r"<h1\b", text)) == 1
    assert '<nav class="deck-controls" aria-label="Slides" hidden>' in text


def test_editors_learn_how_to_mark_the_pause_where_a_story_has_none(editor_client):
    path = make_path([make_story(body="## What happened\n\nOne. Two.")])
    assert "put a line <code>&lt;!-- pause --&gt;</code>" in present(editor_client, path)
    assert "&lt;!-- pause --&gt;" not in present(Client(), path)


def test_the_path_and_story_pages_link_to_present_mode(client):
    story = make_story()
    path = make_path([story])
    assert (
        f'href="{path.get_present_url()}">Present it to a group</a>'
        in client.get(path.get_absolute_url()).text
    )
    assert (
        f'<a href="{story.get_present_url()}">Present mode</a>'
        in client.get(story.get_absolute_url()).text
    )
