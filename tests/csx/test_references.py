"""Links between items by stable reference (`[text](story:<slug>)`): they follow renames,
a target readers cannot see becomes plain text, and editors get a list of the broken ones."""

import pytest
from django.urls import reverse

from csx.content import references
from csx.content.markdown import references as markdown_references
from csx.content.markdown import render_markdown
from tests.factories import (
    make_path,
    make_practice,
    make_principle,
    make_source,
    make_story,
)
from tests.pages import soup, text

pytestmark = pytest.mark.django_db


def links(html):
    return [(text(a), a.get("href")) for a in soup(str(html)).select("a")]


def test_a_reference_links_to_the_item():
    make_story(slug="the-giraffe")
    html = render_markdown("See [the giraffe story](story:the-giraffe).")
    assert links(html) == [("the giraffe story", "/stories/the-giraffe/")]


def test_a_reference_follows_a_rename():
    story = make_story(slug="the-giraffe")
    story.slug = "joshie-the-giraffe"
    story.save()
    html = render_markdown("See [the giraffe story](story:the-giraffe).")
    assert links(html) == [("the giraffe story", "/stories/joshie-the-giraffe/")]


def test_a_reference_to_a_withdrawn_item_is_plain_text():
    story = make_story(slug="the-giraffe")
    story.status = "draft"
    story.save()
    html = render_markdown("See [the giraffe story](story:the-giraffe).")
    assert links(html) == []
    assert text(soup(str(html))) == "See the giraffe story."


def test_a_reference_to_a_deleted_item_is_plain_text():
    make_story(slug="the-giraffe").delete()
    assert links(render_markdown("[the giraffe](story:the-giraffe)")) == []


def test_a_reference_to_an_unknown_item_is_plain_text():
    assert links(render_markdown("[nothing](principle:no-such-principle)")) == []


def test_a_source_reference_links_to_the_source_page():
    make_story(sources=[make_source(slug="a-survey")])
    html = render_markdown("As [the survey](source:a-survey) says.")
    assert links(html) == [("the survey", "/sources/a-survey/")]


def test_a_reference_to_a_source_only_a_draft_cites_is_plain_text():
    make_story(sources=[make_source(slug="a-survey")], status="draft")
    html = render_markdown("As [the survey](source:a-survey) says.")
    assert links(html) == []


def test_the_sanitiser_still_has_the_last_word():
    make_story(slug="the-giraffe")
    html = str(render_markdown('[<script>alert(1)</script>](story:the-giraffe "x onmouseover=y")'))
    assert "<script>" not in html
    assert links(html) == [("<script>alert(1)</script>", "/stories/the-giraffe/")]
    assert soup(html).a.attrs.keys() == {"href", "title", "rel"}


def test_broken_references_are_listed_with_what_holds_them():
    make_story(slug="live")
    make_story(slug="hidden", status="draft")
    gone = make_story(slug="gone")
    gone.delete()
    holder = make_story(
        title="Holder",
        body="[a](story:live) [b](story:hidden) [c](story:gone) [d](story:never-was)",
    )
    found = {(ref.holder, str(ref), ref.problem) for ref in references.broken()}
    assert found == {
        (holder, "story:hidden", "not published"),
        (holder, "story:gone", "withdrawn"),
        (holder, "story:never-was", "no such item"),
    }


def test_broken_references_in_practices_and_path_notes_count_too():
    principle = make_principle()
    make_practice(principle, description="Read [this](story:missing-one).")
    path = make_path()
    path.body = "Start with [that](principle:missing-two)."
    path.save()
    holders = {(ref.holder, str(ref)) for ref in references.broken()}
    assert holders == {(principle, "story:missing-one"), (path, "principle:missing-two")}


def test_used_in_finds_items_that_refer_to_a_target_by_an_old_slug():
    target = make_story(slug="old-name")
    holder = make_principle(body="See [it](story:old-name).")
    make_principle(body="Nothing here.")
    target.slug = "new-name"
    target.save()
    assert references.used_in(target) == [holder]


def test_the_admin_filters_items_with_broken_references(editor_client):
    make_story(title="Fine", body="No links.")
    make_story(title="Broken", body="[gone](story:nothing-here)")
    url = reverse("admin:stories_story_changelist")
    page = soup(editor_client.get(url, {"references": "broken"}))
    assert [text(a) for a in page.select("#result_list tbody th a")] == ["Broken"]


def test_references_are_read_in_order_and_other_links_ignored():
    markdown = "[a](story:one) and [b](source:two) and [c](https://x.example/) [d](nope:three)"
    assert markdown_references(markdown) == [("story", "one"), ("source", "two")]


def test_a_texts_references_are_resolved_together(django_assert_num_queries):
    for slug in ["one", "two", "three"]:
        make_story(slug=slug)
    make_story(sources=[make_source(slug="a-survey")])
    markdown = "[1](story:one) [2](story:two) [3](story:three) [s](source:a-survey)"
    with django_assert_num_queries(1):  # one for every kind of item referred to
        assert len(links(render_markdown(markdown))) == 4


def test_references_in_a_storys_note_on_its_evidence_count_too():
    story = make_story(provenance_note="Told in [a post](source:no-such-post).")
    assert [(ref.holder, str(ref)) for ref in references.broken()] == [
        (story, "source:no-such-post")
    ]
