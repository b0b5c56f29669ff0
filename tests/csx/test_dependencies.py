"""Drafts an item links to (a company or principle made in a "+" popup while writing it):
listed where a publisher reviews the item, and published with it when it is approved."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from csx.editorial import workflow
from csx.models import Review, State, Status
from tests.admin_forms import edit
from tests.factories import make_company, make_path, make_principle, make_story

pytestmark = pytest.mark.django_db


def submitted(item, user):
    return workflow.submit(item, user)


def approve(client, review, **fields):
    address = reverse("admin:review", args=[review.pk])
    return client.post(address, {"_decision": "approve", **fields})


def fresh(item):
    item.refresh_from_db()
    return item


def test_approving_a_story_publishes_the_draft_company_made_for_it(editor, publisher_client):
    company = make_company(title="Harbour Ferries", status=Status.DRAFT)
    story = make_story(company=company, status=Status.DRAFT)
    approve(publisher_client, submitted(story, editor))
    assert fresh(company).status == Status.PUBLISHED


def test_the_review_page_lists_the_drafts_the_item_links_to(editor, publisher_client):
    company = make_company(title="Harbour Ferries", status=Status.DRAFT)
    story = make_story(company=company, status=Status.DRAFT)
    page = publisher_client.get(reverse("admin:review", args=[submitted(story, editor).pk]))
    assert [entry.use.item for entry in page.context["needed"]] == [company]


def test_the_review_queue_shows_the_drafts_each_request_needs(editor, publisher_client):
    principle = make_principle(title="Own the wait", status=Status.DRAFT)
    story = make_story(principles=[principle], status=Status.DRAFT)
    submitted(story, editor)
    page = publisher_client.get(reverse("admin:review_queue"))
    assert "Own the wait" in page.content.decode()


def test_a_change_to_a_live_story_publishes_the_draft_principle_it_adds(
    editor_client, publisher_client
):
    principle = make_principle(status=Status.DRAFT)
    story = make_story()
    edit(editor_client, story, "submit", principles=[principle.pk])
    approve(publisher_client, Review.objects.get())
    assert fresh(principle).status == Status.PUBLISHED


def test_a_path_publishes_the_draft_story_of_its_step(editor, publisher_client):
    story = make_story(status=Status.DRAFT)
    path = make_path([story], status=Status.DRAFT)
    approve(publisher_client, submitted(path, editor))
    assert fresh(story).status == Status.PUBLISHED


def test_a_withdrawn_company_is_not_brought_back_by_a_story_linking_it(editor, publisher_client):
    company = make_company(status=Status.WITHDRAWN)
    story = make_story(company=company, status=Status.DRAFT)
    approve(publisher_client, submitted(story, editor))
    assert fresh(company).status == Status.WITHDRAWN


def test_a_linked_draft_that_may_not_go_live_stays_a_draft(editor, publisher_client):
    story = make_story(body="", status=Status.DRAFT)  # a story needs its text to go live
    path = make_path([story], status=Status.DRAFT)
    approve(publisher_client, submitted(path, editor))
    assert (fresh(path).status, fresh(story).status) == (Status.PUBLISHED, Status.DRAFT)


def test_the_review_page_says_why_a_linked_draft_cannot_go_live(editor, publisher_client):
    story = make_story(body="", status=Status.DRAFT)
    path = make_path([story], status=Status.DRAFT)
    page = publisher_client.get(reverse("admin:review", args=[submitted(path, editor).pk]))
    assert "needs its text" in page.content.decode()


def test_a_story_approved_for_later_takes_its_draft_company_live_at_the_same_time(
    editor, publisher_client
):
    company = make_company(status=Status.DRAFT)
    story = make_story(company=company, status=Status.DRAFT)
    later = timezone.localtime() + timedelta(days=2)
    approve(
        publisher_client, submitted(story, editor),
        go_live_at_0=later.strftime("%Y-%m-%d"), go_live_at_1=later.strftime("%H:%M:%S"),
    )  # fmt: skip
    assert (fresh(company).state, fresh(company).published_at) == (
        State.SCHEDULED,
        fresh(story).published_at,
    )
