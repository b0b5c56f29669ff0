"""What makes curating pleasant: autocompletes that offer title matches first, one spelling
per tag with the tags in use offered, and an "Edit this page" link for editors only."""

import pytest
from django.urls import reverse

from tests.admin_forms import edit
from tests.factories import make_principle, make_source, make_story

pytestmark = pytest.mark.django_db


def autocomplete(client, model_name, field_name, term, app_label="stories"):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    return [result["text"] for result in response.json()["results"]]


def test_typing_owner_offers_ownership_first(editor_client):
    make_principle(title="Apology", body="The owner of the problem says sorry.")
    make_principle(title="Active listening", summary="Let the owner of the call talk.")
    make_principle(title="Ownership and empowerment")
    offered = autocomplete(editor_client, "story", "principles", "Owner")
    assert offered[0] == "Ownership and empowerment"
    assert set(offered) == {"Ownership and empowerment", "Apology", "Active listening"}


def test_an_exact_title_comes_before_a_longer_one(editor_client):
    make_source(title="Customer service statistics for 2024")
    make_source(title="Statistics")
    offered = autocomplete(editor_client, "story", "sources", "statistics")
    assert offered == ["Statistics", "Customer service statistics for 2024"]


def test_tags_typed_in_any_case_and_spacing_become_one_tag(editor_client):
    story = make_story(status="draft", tags=["wedding rings"])
    edit(editor_client, story, tags="Wedding   Rings, GOLD ")
    assert sorted(story.tags.names()) == ["gold", "wedding rings"]


def test_a_new_tag_is_kept_in_lower_case(editor_client):
    story = make_story(status="draft")
    edit(editor_client, story, tags="Lost Luggage")
    assert list(story.tags.names()) == ["lost luggage"]


def test_tags_in_use_are_suggested_starting_ones_first(editor_client):
    make_story(tags=["wedding rings", "rings of power", "weddings"])
    make_story(tags=["weddings"])
    response = editor_client.get(reverse("admin:tag_suggestions"), {"q": "Wed"})
    assert response.json()["tags"] == ["weddings", "wedding rings"]


def test_the_tag_field_offers_suggestions(editor_client):
    story = make_story(status="draft")
    page = editor_client.get(reverse("admin:stories_story_change", args=[story.pk])).text
    assert 'list="id_tags-suggestions"' in page
    assert f'data-suggest-url="{reverse("admin:tag_suggestions")}"' in page


def test_the_tag_admin_refuses_a_second_spelling(editor_client):
    make_story(tags=["wedding rings"])
    response = editor_client.post(
        reverse("admin:taggit_tag_add"),
        {"name": "Wedding Rings", "slug": "wedding-rings-2",
         "taggit-taggeditem-content_type-object_id-TOTAL_FORMS": "0",
         "taggit-taggeditem-content_type-object_id-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert "already exists" in str(response.context["adminform"].form.errors["name"])


def test_signed_in_editors_get_an_edit_link_on_public_pages(editor_client):
    story = make_story()
    page = editor_client.get(story.get_absolute_url()).text
    change = reverse("admin:stories_story_change", args=[story.pk])
    assert f'<a class="edit-link" href="{change}">Edit this page</a>' in page


def test_readers_get_no_edit_link(reader):
    story = make_story()
    assert "Edit this page" not in reader.get(story.get_absolute_url()).text


def test_list_pages_leave_the_session_alone_for_readers(reader):
    """The edit link is only drawn on pages about one item, so the lists readers get from
    the page cache stay the same for everyone (no Vary: Cookie from the link)."""
    make_story()
    response = reader.get(reverse("stories:story_list"))
    assert "Cookie" not in response.get("Vary", "")


def test_a_tag_with_a_space_stays_one_tag_without_a_comma(editor_client):
    story = make_story(status="draft")
    edit(editor_client, story, tags="lost luggage")
    assert list(story.tags.names()) == ["lost luggage"]


def test_the_tag_field_shows_tags_plainly(editor_client):
    story = make_story(status="draft", tags=["small gestures", "airlines"])
    form = (
        editor_client.get(reverse("admin:stories_story_change", args=[story.pk]))
        .context["adminform"]
        .form
    )
    assert form["tags"].as_widget().count('value="airlines, small gestures"') == 1
