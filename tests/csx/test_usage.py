"""Where an item is used, and deleting it in words a person understands."""

import pytest
from django.urls import reverse

from csx.editorial import usage
from tests.admin_forms import edit
from tests.factories import make_company, make_path, make_principle, make_source, make_story

pytestmark = pytest.mark.django_db


def uses(item):
    return [(use.kind, str(use.item), use.how) for use in usage.used_in(item)]


def test_a_story_lists_the_path_steps_that_show_it():
    story = make_story()
    make_path([make_story(), story], title="First week")
    assert uses(story) == [("Path", "First week", "step 2")]


def test_a_source_lists_the_stories_citing_it():
    source = make_source()
    make_story(title="The lost ring", sources=[source])
    assert uses(source) == [("Story", "The lost ring", "its sources")]


def test_a_source_lists_the_statistics_citing_it():
    from tests.factories import make_statistic

    statistic = make_statistic(title="Most customers")
    assert uses(statistic.cited_in) == [("Statistic", "Most customers", "its cited in")]


def test_a_principle_lists_the_stories_linked_to_it():
    principle = make_principle()
    make_story(title="The lost ring", principles=[principle])
    assert uses(principle) == [("Story", "The lost ring", "its principles")]


def test_an_item_lists_the_pages_whose_text_links_to_it():
    target = make_story(slug="the-lost-ring")
    make_principle(title="Ownership", body="See [the ring](/stories/the-lost-ring/).")
    assert uses(target) == [("Principle", "Ownership", "a link in its text")]


def test_a_reference_in_text_counts_through_a_rename():
    target = make_story(slug="the-lost-ring")
    make_principle(title="Ownership", body="See [the ring](story:the-lost-ring).")
    target.slug = "the-ring-found"
    target.save()
    assert uses(target) == [("Principle", "Ownership", "a reference in its text")]


def test_a_source_lists_the_pages_referring_to_it():
    source = make_source(slug="a-survey")
    make_principle(title="Ownership", body="As [the survey](source:a-survey) found.")
    assert uses(source) == [("Principle", "Ownership", "a reference in its text")]


def test_a_short_link_in_text_counts_too():
    target = make_story()
    make_story(title="Linking", body=f"See [it]({target.get_short_url()}).")
    assert uses(target) == [("Story", "Linking", "a link in its text")]


def test_the_change_page_lists_the_uses(editor_client):
    story = make_story()
    make_path([story], title="First week")
    page = editor_client.get(reverse("admin:stories_story_change", args=[story.pk]))
    assert [str(use.item) for use in page.context["used_in"]] == ["First week"]


def test_an_unused_item_says_so(editor_client):
    page = editor_client.get(reverse("admin:stories_story_change", args=[make_story().pk]))
    assert "Nothing links to it yet" in page.text


def test_the_delete_page_names_what_goes_in_words(publisher_client):
    principle = make_principle(title="Ownership")
    story = make_story(title="The lost ring", principles=[principle], tags=["rings"])
    make_path([story], title="First week")
    page = publisher_client.get(reverse("admin:stories_story_delete", args=[story.pk]))
    listed = str(page.context["deleted_objects"])
    assert "object (" not in listed
    assert "The link between “The lost ring” and “Ownership”" in listed
    assert "Step 1 of the path" in listed
    assert "Its tag “rings”" in listed


def test_the_delete_page_offers_withdrawing_instead(publisher_client):
    story = make_story()
    make_path([story])
    page = publisher_client.get(reverse("admin:stories_story_delete", args=[story.pk]))
    withdraw = reverse("admin:stories_story_withdraw", args=[story.pk])
    assert f'href="{withdraw}"' in page.text
    assert page.context["can_withdraw"]


def test_a_protected_company_is_explained(publisher_client):
    company = make_company(title="Zappos")
    make_story(title="The ten-hour call", company=company)
    page = publisher_client.get(reverse("admin:stories_company_delete", args=[company.pk]))
    assert "cannot be deleted while these still need it" in page.text
    assert "The ten-hour call" in str(page.context["protected"])


def test_an_editor_may_not_change_a_source_cited_on_a_live_page(editor_client):
    source = make_source()
    make_story(sources=[source])
    url = reverse("admin:csx_source_change", args=[source.pk])
    assert editor_client.post(url, {"title": "Renamed", "slug": source.slug}).status_code == 403


def test_an_editor_may_change_a_source_no_live_page_cites(editor_client):
    source = make_source()
    make_story(sources=[source], status="draft")
    response = edit(editor_client, source, title="Renamed")
    assert response.status_code == 302
