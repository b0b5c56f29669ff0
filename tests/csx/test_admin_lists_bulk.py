"""The list's bulk edit: asked on a confirmation page, made through the editorial service
(a draft changed in place, a live item given a pending change; never a direct live edit)."""

from datetime import date

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from csx.editorial import changes, history, workflow
from csx.models import PendingChange, Status
from stories.models import Story
from tests.factories import make_company, make_principle, make_story

pytestmark = pytest.mark.django_db

LIST = reverse("admin:stories_story_changelist")


def tag_names(item):
    return sorted(item.tags.names())


def edit(client, items, **fields):
    data = {"action": "edit_selected", ACTION_CHECKBOX_NAME: [i.pk for i in items], **fields}
    return client.post(LIST, data)


def test_the_edit_asks_first_listing_each_item_and_what_happens_to_it(editor_client):
    draft = make_story(title="A draft", status=Status.DRAFT)
    live = make_story(title="A live one")
    page = edit(editor_client, [draft, live])
    assert page.status_code == 200
    entries = {e["item"].title: e["held"] for e in page.context["entries"]}
    assert entries == {"A draft": False, "A live one": True}
    assert "held as a pending change" in page.content.decode()
    assert Story.objects.get(pk=live.pk).tags.count() == 0  # asking changes nothing


def test_retagging_changes_drafts_and_holds_live_items_for_approval(editor_client, editor):
    draft = make_story(status=Status.DRAFT, tags=["old"])
    live = make_story(tags=["old"])
    response = edit(editor_client, [draft, live], post="yes", add_tags="New, refunds",
                    remove_tags="old")  # fmt: skip
    assert response.status_code == 302
    assert tag_names(draft) == ["new", "refunds"]
    # Readers keep the live row; the retagging waits as its pending change.
    assert tag_names(Story.objects.get(pk=live.pk)) == ["old"]
    change = PendingChange.of(live).get()
    assert change.author == editor
    workflow.publish(Story.objects.get(pk=live.pk), editor)
    assert tag_names(Story.objects.get(pk=live.pk)) == ["new", "refunds"]


def test_owner_company_principles_and_review_date_in_one_go(editor_client, publisher):
    principle = make_principle(title="Empathy")
    company = make_company(title="Zappos")
    draft = make_story(status=Status.DRAFT)
    edit(
        editor_client, [draft], post="yes", owner=publisher.pk, company=company.pk,
        add_principles=[principle.pk], review_by="2027-03-01",
    )  # fmt: skip
    draft.refresh_from_db()
    assert (draft.owner, draft.company, draft.review_by) == (publisher, company, date(2027, 3, 1))
    assert list(draft.principles.all()) == [principle]


def test_a_second_bulk_edit_of_a_live_item_builds_on_its_pending_change(editor):
    live = make_story(tags=["old"])
    changes.edit_each([live], editor, add_tags=["first"])
    changes.edit_each([Story.objects.get(pk=live.pk)], editor, add_tags=["second"])
    workflow.publish(Story.objects.get(pk=live.pk), editor)
    assert tag_names(Story.objects.get(pk=live.pk)) == ["first", "old", "second"]


def test_an_empty_edit_changes_nothing_and_says_so(editor_client):
    draft = make_story(status=Status.DRAFT, tags=["old"])
    page = edit(editor_client, [draft], post="yes")
    assert page.status_code == 200
    assert "Fill in at least one thing to change." in page.content.decode()
    assert tag_names(draft) == ["old"]


def test_the_edit_keeps_a_revision_of_each_draft(editor):
    draft = make_story(status=Status.DRAFT)
    changes.edit_each([draft], editor, review_by=date(2027, 1, 1))
    assert history.versions(draft).first().revision.comment == "Bulk edit from the list."
