"""Renaming, merging and deleting tags: a publisher's, after a page listing the live pages
touched; kept in each item's history and the audit log; undoable; old tag addresses lead to
the kept tag; and a change written before a merge does not bring merged tags back."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from taggit.models import Tag

from csx.editorial import history
from csx.models import AuditEvent, Review, TagChange
from tests.admin_forms import edit
from tests.factories import make_story

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:taggit_tag_changelist")


def merge(client, names, into, confirm=True):
    chosen = Tag.objects.filter(name__in=names).values_list("pk", flat=True)
    data = {"action": "merge_selected", ACTION_CHECKBOX_NAME: list(chosen), "index": 0}
    if confirm:
        data.update(post="yes", name=into)
    return client.post(CHANGELIST, data)


def undo_url(change):
    return reverse("admin:taggit_tag_undo", args=[change.pk])


@pytest.fixture
def harbours():
    first = make_story(title="Lost at the harbor", tags=["harbor"])
    second = make_story(title="The harbour master", tags=["harbour", "ships"])
    return first, second


def test_the_merge_page_lists_the_live_pages_and_changes_nothing(publisher_client, harbours):
    page = merge(publisher_client, ["harbor", "harbour"], "", confirm=False)
    assert [use.item for use in page.context["used_in"]] == sorted(harbours, key=str)
    assert sorted(harbours[0].tags.names()) == ["harbor"]


def test_an_editor_cannot_merge_tags(editor_client, harbours):
    merge(editor_client, ["harbor", "harbour"], "harbour")
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["harbor", "harbour", "ships"]


def test_merging_moves_every_item_to_the_kept_tag(publisher_client, harbours):
    merge(publisher_client, ["harbor", "harbour"], "harbour")
    assert [sorted(story.tags.names()) for story in harbours] == [
        ["harbour"],
        ["harbour", "ships"],
    ]


def test_a_merge_is_in_each_touched_items_history_and_the_audit_log(publisher_client, harbours):
    merge(publisher_client, ["harbor", "harbour"], "harbour")
    comment = "Tags merged: “harbor” merged into “harbour”."
    assert history.versions(harbours[0]).first().revision.comment == comment
    event = AuditEvent.objects.get(action=AuditEvent.Action.TAG_CHANGED)
    assert (event.object_id, event.comment) == (harbours[0].pk, comment)


def test_a_merged_tags_address_answers_with_a_redirect_to_the_kept_tag(
    publisher_client, client, harbours
):
    merge(publisher_client, ["harbor", "harbour"], "harbour")
    response = client.get(reverse("tag_detail", args=["harbor"]))
    assert (response.status_code, response["Location"]) == (301, "/tags/harbour/")


def test_a_merged_tag_merged_again_leads_to_the_last_one(publisher_client, client, harbours):
    merge(publisher_client, ["harbor", "harbour"], "harbour")
    merge(publisher_client, ["harbour", "ships"], "boats")
    response = client.get(reverse("tag_detail", args=["harbor"]))
    assert response["Location"] == "/tags/boats/"


def test_undoing_a_merge_gives_each_item_its_tags_back(publisher_client, harbours):
    merge(publisher_client, ["harbor", "harbour"], "harbour")
    publisher_client.post(undo_url(TagChange.objects.get()))
    assert [sorted(story.tags.names()) for story in harbours] == [
        ["harbor"],
        ["harbour", "ships"],
    ]


def test_an_undone_merge_gives_the_tag_its_page_back(publisher_client, client, harbours):
    merge(publisher_client, ["harbor", "harbour"], "harbour")
    publisher_client.post(undo_url(TagChange.objects.get()))
    assert client.get(reverse("tag_detail", args=["harbor"])).status_code == 200


def test_the_merge_message_offers_the_undo(publisher_client, harbours):
    response = merge(publisher_client, ["harbor", "harbour"], "harbour")
    message = str(list(response.wsgi_request._messages)[0])
    assert undo_url(TagChange.objects.get()) in message


def test_an_editor_cannot_undo_a_tag_change(publisher_client, editor_client, harbours):
    merge(publisher_client, ["harbor", "harbour"], "harbour")
    assert editor_client.post(undo_url(TagChange.objects.get())).status_code == 403


def test_undoing_twice_answers_not_found(publisher_client, harbours):
    merge(publisher_client, ["harbor", "harbour"], "harbour")
    address = undo_url(TagChange.objects.get())
    publisher_client.post(address)
    assert publisher_client.post(address).status_code == 404


def test_approving_a_change_written_before_a_merge_keeps_the_merged_tag(
    editor_client, publisher_client, harbours
):
    story = harbours[0]
    edit(editor_client, story, "submit", title="Lost at the harbor, found")
    merge(publisher_client, ["harbor", "harbour"], "harbour")
    publisher_client.post(
        reverse("admin:review", args=[Review.objects.get().pk]), {"_decision": "approve"}
    )
    story.refresh_from_db()
    assert (story.title, sorted(story.tags.names())) == ("Lost at the harbor, found", ["harbour"])
    assert not Tag.objects.filter(name="harbor").exists()


def test_deleting_a_tag_takes_it_off_its_pages_and_can_be_undone(publisher_client, harbours):
    tag = Tag.objects.get(name="ships")
    publisher_client.post(reverse("admin:taggit_tag_delete", args=[tag.pk]), {"post": "yes"})
    assert list(harbours[1].tags.names()) == ["harbour"]
    publisher_client.post(undo_url(TagChange.objects.get()))
    assert sorted(harbours[1].tags.names()) == ["harbour", "ships"]


def test_a_deleted_tags_address_answers_gone(publisher_client, client, harbours):
    tag = Tag.objects.get(name="ships")
    publisher_client.post(reverse("admin:taggit_tag_delete", args=[tag.pk]), {"post": "yes"})
    assert client.get(reverse("tag_detail", args=["ships"])).status_code == 410


def test_the_delete_page_lists_the_live_pages_losing_the_tag(publisher_client, harbours):
    tag = Tag.objects.get(name="ships")
    page = publisher_client.get(reverse("admin:taggit_tag_delete", args=[tag.pk]))
    assert "The harbour master" in page.content.decode()


def test_a_renamed_tags_old_address_answers_with_a_redirect(publisher_client, client, harbours):
    tag = Tag.objects.get(name="ships")
    address = reverse("admin:taggit_tag_change", args=[tag.pk])
    publisher_client.post(address, {"name": "boats", "slug": "boats"})
    response = client.get(reverse("tag_detail", args=["ships"]))
    assert (response.status_code, response["Location"]) == (301, "/tags/boats/")


def test_undoing_a_rename_gives_the_tag_its_old_name(publisher_client, harbours):
    tag = Tag.objects.get(name="ships")
    address = reverse("admin:taggit_tag_change", args=[tag.pk])
    publisher_client.post(address, {"name": "boats", "slug": "boats"})
    publisher_client.post(undo_url(TagChange.objects.get()))
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("ships", "ships")


def test_a_merged_tag_only_drafts_carried_leaves_no_address(publisher_client, client):
    make_story(tags=["draft idea"], status="draft")
    make_story(tags=["ideas"])
    merge(publisher_client, ["draft idea", "ideas"], "ideas")
    assert client.get(reverse("tag_detail", args=["draft-idea"])).status_code == 404


def test_merging_a_tag_into_itself_is_refused_with_a_reason(publisher_client, harbours):
    page = merge(publisher_client, ["harbour"], "harbour")
    assert page.context["form"].errors["name"] == [
        "Choose at least one tag besides “harbour” to merge into it."
    ]
    assert not TagChange.objects.exists()
