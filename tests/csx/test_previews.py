"""Previews: the page as readers will see it, beside the text while typing, for an editor
("preview as a reader") and through a signed share link that expires."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from csx.editorial import preview
from csx.models import ShareLink
from tests import markup
from tests.admin_forms import change_url, edit
from tests.factories import make_resource, make_story

pytestmark = pytest.mark.django_db


def preview_url(item):
    return reverse("admin:preview", args=[item._meta.app_label, item._meta.model_name, item.pk])


def test_preview_as_a_reader_shows_the_pending_change(editor_client):
    story = make_story(title="Live title")
    edit(editor_client, story, title="Pending title")
    page = editor_client.get(preview_url(story))
    assert page.status_code == 200
    assert page.context["story"].title == "Pending title"
    assert "Preview." in page.text


def test_preview_leaves_the_live_version_alone(editor_client, reader):
    story = make_story(title="Live title")
    edit(editor_client, story, title="Pending title")
    editor_client.get(preview_url(story))
    story.refresh_from_db()
    assert story.title == "Live title"
    assert "Pending title" not in reader.get(story.get_absolute_url()).text


def test_preview_needs_an_editor(reader):
    story = make_story(status="draft")
    assert reader.get(preview_url(story)).status_code == 302


def test_a_resource_is_previewed_on_a_page_of_its_own(editor_client):
    resource = make_resource(title="The book", status="draft")
    assert editor_client.get(preview_url(resource)).context["object"] == resource


def share_page(item):
    return reverse(
        "admin:share_preview", args=[item._meta.app_label, item._meta.model_name, item.pk]
    )


def made_links(client, item):
    """The working links the item's share page lists: (ShareLink, its address)."""
    return client.get(share_page(item)).context["links"]


def test_a_share_link_shows_a_draft_without_an_account(editor_client, reader):
    story = make_story(title="Draft title", status="draft")
    assert editor_client.post(share_page(story)).status_code == 302
    [(link, url)] = made_links(editor_client, story)
    page = reader.get(url)
    assert page.status_code == 200
    assert page.context["story"].title == "Draft title"
    assert reader.get(story.get_absolute_url()).status_code == 404


def test_a_share_link_shows_the_version_it_was_made_for(editor_client, reader):
    story = make_story(title="First draft", status="draft")
    editor_client.post(share_page(story))
    edit(editor_client, story, title="Second draft")
    editor_client.post(share_page(story))
    newer, older = made_links(editor_client, story)
    assert reader.get(older[1]).context["story"].title == "First draft"
    assert reader.get(newer[1]).context["story"].title == "Second draft"


def test_a_withdrawn_share_link_answers_410_saying_so(editor_client, reader):
    story = make_story(status="draft")
    editor_client.post(share_page(story))
    [(link, url)] = made_links(editor_client, story)
    editor_client.post(share_page(story), {"revoke": link.pk})
    response = reader.get(url)
    assert response.status_code == 410
    assert markup.text(markup.one(response, "main h1")) == "This preview link was withdrawn"
    assert made_links(editor_client, story) == []


def test_every_share_link_is_listed_and_withdrawn_from_the_admin(editor_client, reader):
    draft = make_story(title="Shared draft", status="draft")
    url = reverse("shared_preview", args=[preview.share_token(draft)])
    changelist = reverse("admin:csx_sharelink_changelist")
    listed = editor_client.get(changelist, {"state": "working"}).context["cl"].result_list
    assert [link.title for link in listed] == ["Shared draft"]
    editor_client.post(
        changelist, {"action": "revoke_selected", "_selected_action": [listed[0].pk]}
    )
    assert reader.get(url).status_code == 410


def test_a_share_link_expires(reader):
    story = make_story(status="draft")
    url = reverse("shared_preview", args=[preview.share_token(story)])
    with time_machine.travel(preview.SHARE_FOR + timedelta(minutes=1)):
        response = reader.get(url)
    assert response.status_code == 410
    assert "This preview link has expired" in response.text


def test_a_share_link_of_a_deleted_item_is_not_found(reader):
    story = make_story(status="draft")
    url = reverse("shared_preview", args=[preview.share_token(story)])
    story.delete()
    assert reader.get(url).status_code == 404


def test_a_tampered_share_link_is_not_found(reader):
    token = preview.share_token(make_story(status="draft"))
    assert reader.get(reverse("shared_preview", args=[token[:-2] + "xx"])).status_code == 404


def test_previews_are_never_cached_or_indexed(reader):
    url = reverse("shared_preview", args=[preview.share_token(make_story(status="draft"))])
    response = reader.get(url)
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_body_is_shown_rendered_beside_the_text(editor_client):
    story = make_story(body="Some **bold** words.", status="draft")
    page = editor_client.get(change_url(story)).text
    assert '<div class="prose csx-preview-body"><p>Some <strong>bold</strong> words.</p>' in page


def test_the_preview_beside_the_text_uses_the_sites_sanitiser(editor_client):
    response = editor_client.post(
        reverse("admin:markdown_preview"), {"text": "Hi <script>alert(1)</script> *there*"}
    )
    assert response.status_code == 200
    assert "<script>" not in response.text
    assert "<em>there</em>" in response.text


def test_the_markdown_preview_needs_an_editor(reader):
    response = reader.post(reverse("admin:markdown_preview"), {"text": "*hi*"})
    assert response.status_code == 302


def test_opening_a_share_link_notes_when_it_was_last_opened(editor_client, reader):
    story = make_story(status="draft")
    editor_client.post(share_page(story))
    [(link, url)] = made_links(editor_client, story)
    with time_machine.travel("2026-12-08 10:00Z", tick=False):
        reader.get(url)
    link.refresh_from_db()
    assert link.last_used_at.isoformat() == "2026-12-08T10:00:00+00:00"


def test_an_items_share_page_links_to_every_link_of_that_item_withdrawn_too(editor_client):
    story, other = make_story(status="draft"), make_story(status="draft")
    withdrawn, working = preview.make_link(story), preview.make_link(story)
    preview.make_link(other)
    preview.revoke(withdrawn, None)
    page = editor_client.get(share_page(story))
    [every] = markup.parse(page).select("a:-soup-contains('Every link of this item')")
    listed = editor_client.get(every["href"]).context["cl"].result_list
    assert [link.pk for link in listed] == [working.pk, withdrawn.pk]


# Links given out before share links were records: [type, id, time made], no record.


def old_token(item, made):
    content_type = ContentType.objects.get_for_model(item)
    return signing.dumps(
        [content_type.pk, item.pk, int(made.timestamp())], salt=preview.LEGACY_SALT
    )


def test_a_link_given_out_before_links_were_records_opens_what_it_was_made_for(
    editor_client, reader
):
    with time_machine.travel(timezone.now() - timedelta(days=1)):
        story = make_story(status="draft")
        edit(editor_client, story, title="Then")
        made = timezone.now()
    edit(editor_client, story, title="Later")
    page = reader.get(reverse("shared_preview", args=[old_token(story, made)]))
    assert (page.status_code, page.context["story"].title) == (200, "Then")


def test_a_link_given_out_before_links_were_records_is_listed_and_withdrawn(reader):
    story = make_story(status="draft")
    url = reverse("shared_preview", args=[old_token(story, timezone.now())])
    reader.get(url)
    [link] = ShareLink.of(story)
    preview.revoke(link, None)
    assert reader.get(url).status_code == 410


def test_a_link_given_out_before_links_were_records_expires_after_its_week(reader):
    story = make_story(status="draft")
    made = timezone.now() - preview.SHARE_FOR - timedelta(minutes=1)
    response = reader.get(reverse("shared_preview", args=[old_token(story, made)]))
    assert response.status_code == 410
    assert "This preview link has expired" in response.text
    assert ShareLink.of(story).count() == 0
