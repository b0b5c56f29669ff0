"""For trainers: section anchors, copy-and-cite panel, handouts."""

import datetime
import re

import pytest
from django.urls import reverse

from csx.content.citations import cite
from tests import markup
from tests.factories import (
    make_practice,
    make_principle,
    make_source,
    make_statistic,
    make_story,
)

pytestmark = pytest.mark.django_db


def test_body_headings_get_stable_ids_and_a_link_control(client):
    story = make_story(body="## What happened\n\nText.\n\n## Why it worked\n\nMore.")
    page = client.get(story.get_absolute_url()).text
    assert '<h2 id="section-what-happened">' in page
    assert 'href="#section-what-happened"' in page
    assert '<h2 id="section-why-it-worked">' in page


def test_takeaway_questions_and_sources_have_anchors(client):
    story = make_story(discussion_questions="One?\nTwo?", sources=[make_source()])
    page = client.get(story.get_absolute_url()).text
    for anchor in ["takeaway", "discussion", "question-1", "question-2", "sources"]:
        assert f'id="{anchor}"' in page, anchor
    assert "Link to this section: Takeaway" in page


def test_sections_have_a_link_control_and_questions_add_no_tab_stop(client):
    # One link per section heading (shown on hover and focus); a question is reachable by
    # its anchor, without a link of its own after every line.
    story = make_story(discussion_questions="One?\nTwo?", sources=[make_source()])
    page = client.get(story.get_absolute_url())
    article = markup.one(page, "main .detail-main")
    section_links = [link["href"] for link in article.select(".section-link")]
    assert section_links == ["#takeaway", "#discussion", "#sources"]


def test_each_practice_has_an_anchor_and_link(client):
    principle = make_principle()
    make_practice(principle, title="Listen first", slug="listen-first")
    page = client.get(principle.get_absolute_url()).text
    assert 'id="listen-first"' in page
    assert 'href="#listen-first"' in page


def test_citation_of_a_page_has_title_url_and_date():
    principle = make_principle(title="Empathy")
    citation = cite(principle, "https://csx.example/principles/x/", datetime.date(2026, 3, 5))
    assert citation.plain == (
        "“Empathy.” CSX Library. https://csx.example/principles/x/ (accessed 5 March 2026)."
    )
    assert citation.markdown == (
        "[Empathy](https://csx.example/principles/x/), CSX Library (accessed 5 March 2026)."
    )


def test_citation_of_a_statistic_carries_attribution_and_verification():
    source = make_source(title="A blog post", author="Someone")
    statistic = make_statistic(
        title="86% pay more", figure="86%", claim="would pay more",
        attributed_to="American Express study", cited_in=source,
    )  # fmt: skip
    citation = cite(statistic, "https://csx.example/s/", datetime.date(2026, 3, 5))
    assert citation.plain.startswith(
        "86% would pay more (said to come from an American Express study; not traced), "
        "as cited in “A blog post” (Someone). "
        "Cited by a secondary source only. Summarised in “86% pay more”, CSX Library, "
    )
    assert "Cited by a secondary source only." in citation.markdown


def test_citation_of_a_story_names_its_sources_first_and_no_label():
    source = make_source(
        title="A post", author="Someone", publisher="A blog", year=2019,
        url="https://blog.example/post",
    )  # fmt: skip
    story = make_story(title="The giraffe", provenance="press", sources=[source])
    citation = cite(story, "https://csx.example/g/", datetime.date(2026, 3, 5))
    assert citation.plain == (
        "“A post” (Someone, A blog, 2019). Reported in the press. Summarised in “The giraffe”, "
        "CSX Library, https://csx.example/g/ (accessed 5 March 2026)."
    )
    assert citation.markdown.startswith(
        "[“A post”](https://blog.example/post) (Someone, A blog, 2019). Reported in the press."
    )


def test_citation_markdown_escapes_brackets():
    principle = make_principle(title="[Untitled] principle")
    citation = cite(principle, "https://x.example/", datetime.date(2026, 1, 1))
    assert citation.markdown.startswith("[\\[Untitled\\] principle](https://x.example/)")


@pytest.mark.parametrize("factory", [make_story, make_principle, make_statistic])
def test_cite_panel_is_on_the_page_without_javascript(client, factory):
    item = factory(title="Citable")
    page = client.get(item.get_absolute_url()).text
    assert '<details class="cite" id="cite">' in page
    # Citable.” CSX Library. (a page resting on no source) or Citable”, CSX Library, (one that does)
    assert re.search(
        rf"Citable.?”.? CSX Library.? http://testserver{item.get_absolute_url()} ", page
    )
    assert "[Citable](http://testserver" in page
    # The copy buttons stay hidden until copy.js finds a clipboard to write to.
    assert 'class="copy" data-copy="http://testserver' in page
    assert "hidden>Copy link</button>" in page
    assert f"http://testserver{item.get_short_url()}" in page


@pytest.mark.parametrize("factory", [make_story, make_principle])
def test_handout_is_one_printable_document_with_short_link_and_qr(client, factory):
    item = factory(title="Handout me")
    response = client.get(item.get_handout_url())
    page = response.text
    assert response.status_code == 200
    assert "<h1>Handout me</h1>" in page
    assert f'src="{reverse("short_link_qr", args=[item.short_code])}"' in page
    assert f"http://testserver{item.get_short_url()}" in page
    assert "css/handout.css" in page


def test_story_handout_keeps_its_sources(client):
    story = make_story(sources=[make_source(title="Cited article")])
    assert "Cited article" in client.get(story.get_handout_url()).text


def test_handout_of_a_renamed_story_redirects_to_the_new_handout(client):
    story = make_story(slug="before")
    story.slug = "after"
    story.save()
    response = client.get("/stories/before/handout/")
    assert response.status_code == 301
    assert response["Location"] == "/stories/after/handout/"


def test_handout_of_a_draft_is_404(client):
    assert client.get(make_story(status="draft").get_handout_url()).status_code == 404


def test_story_page_links_to_its_handout(client):
    story = make_story()
    assert f'href="{story.get_handout_url()}"' in client.get(story.get_absolute_url()).text


def test_story_page_offers_embed_code_as_text(client):
    story = make_story()
    page = client.get(story.get_absolute_url()).text
    assert "&lt;iframe src=&quot;http://testserver/embed/stories/" in page
    assert "<iframe" not in page
