"""Review before publish: editors save and submit, publishers approve or send back, and an
edit to a published item waits, invisible to readers, until a publisher approves it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from csx.editorial import workflow
from csx.models import PendingChange, Review, State, Status
from principles.models import Principle
from stories.models import Story
from tests.admin_forms import add, change_url, edit
from tests.factories import make_path, make_practice, make_principle, make_source, make_story

pytestmark = pytest.mark.django_db


def submit_new_story(client, title="A new story"):
    response = add(
        client, Story, "submit", title=title, slug="a-new-story", summary="Someone helped.",
        body="Someone helped.", outcome="exemplary", provenance="review", takeaway="Help.",
    )  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Story.objects.get(slug="a-new-story")


def decide(client, review, decision, **fields):
    return client.post(reverse("admin:review", args=[review.pk]), {"_decision": decision, **fields})


# Editors may not publish.


def test_an_editor_cannot_publish_from_the_form(editor_client):
    story = make_story(status=Status.DRAFT)
    assert edit(editor_client, story, "publish").status_code == 403
    story.refresh_from_db()
    assert story.status == Status.DRAFT


def test_an_editor_cannot_approve_a_request(editor_client):
    submit_new_story(editor_client)
    assert decide(editor_client, Review.objects.get(), "approve").status_code == 403
    assert Story.objects.get().status == Status.IN_REVIEW


def test_an_editor_has_no_publish_action_in_the_list(editor_client, publisher_client):
    url = reverse("admin:stories_story_changelist")
    editor_actions = dict(editor_client.get(url).context["action_form"].fields["action"].choices)
    publisher_actions = dict(
        publisher_client.get(url).context["action_form"].fields["action"].choices
    )
    assert "publish_selected" not in editor_actions
    assert "publish_selected" in publisher_actions


def test_an_editor_cannot_schedule(editor_client):
    story = make_story(status=Status.DRAFT)
    later = timezone.now() + timedelta(days=3)
    edit(editor_client, story, published_at_0=f"{later:%Y-%m-%d}", published_at_1="10:00:00")
    story.refresh_from_db()
    assert story.published_at is None


def test_an_editor_cannot_delete_a_published_item(editor_client):
    story = make_story()
    assert (
        editor_client.get(reverse("admin:stories_story_delete", args=[story.pk])).status_code == 403
    )


# A new item: draft, in review, published.


def test_saving_a_new_item_keeps_it_a_draft(editor_client):
    response = add(
        editor_client, Story, title="A draft", slug="a-draft", summary="S.", outcome="exemplary",
        provenance="retold", takeaway="T.",
    )  # fmt: skip
    assert response.status_code == 302
    assert Story.objects.get().state == State.DRAFT
    assert not Review.objects.exists()


def test_submitting_puts_it_in_the_queue(editor_client, publisher_client):
    story = submit_new_story(editor_client)
    assert story.status == Status.IN_REVIEW
    queue = publisher_client.get(reverse("admin:review_queue")).context["reviews"]
    assert [entry["review"].item for entry in queue] == [story]


def test_the_queue_lists_the_oldest_request_first(editor, publisher_client):
    from csx.editorial import workflow

    newer, older = make_story(status=Status.DRAFT), make_story(status=Status.DRAFT)
    workflow.submit(older, editor)
    workflow.submit(newer, editor)
    Review.objects.filter(object_id=older.pk).update(
        submitted_at=timezone.now() - timedelta(days=2)
    )
    queue = publisher_client.get(reverse("admin:review_queue")).context["reviews"]
    assert [entry["review"].item for entry in queue] == [older, newer]


def test_approving_publishes_it_and_closes_the_request(editor_client, publisher_client):
    story = submit_new_story(editor_client)
    response = decide(publisher_client, Review.objects.get(), "approve")
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.state == State.LIVE
    assert Review.objects.get().state == Review.State.APPROVED


def test_approving_with_a_later_time_schedules_it(editor_client, publisher_client):
    story = submit_new_story(editor_client)
    later = timezone.localtime() + timedelta(days=2)
    decide(
        publisher_client, Review.objects.get(), "approve",
        go_live_at_0=f"{later:%Y-%m-%d}", go_live_at_1=f"{later:%H:%M:%S}",
    )  # fmt: skip
    story.refresh_from_db()
    assert story.state == State.SCHEDULED


def test_sending_back_needs_a_comment(editor_client, publisher_client):
    story = submit_new_story(editor_client)
    response = decide(publisher_client, Review.objects.get(), "send_back", comment="  ")
    assert response.status_code == 200
    assert "Say what should change" in str(response.context["form"].errors["comment"])
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW


def test_sending_back_returns_it_to_draft_with_the_comment_for_the_editor(
    editor_client, publisher_client
):
    story = submit_new_story(editor_client)
    decide(publisher_client, Review.objects.get(), "send_back", comment="Name the airline.")
    story.refresh_from_db()
    assert story.status == Status.DRAFT
    page = editor_client.get(change_url(story))
    assert page.context["last_review"].comment == "Name the airline."
    assert "Name the airline." in page.text


# A change to a published item is held until approved.


def test_an_editors_change_to_a_live_item_is_held(editor_client):
    story = make_story(title="Old title")
    response = edit(editor_client, story, title="New title")
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Old title"
    assert PendingChange.of(story).exists()


def test_the_form_shows_the_pending_change(editor_client):
    story = make_story(title="Old title")
    edit(editor_client, story, title="New title")
    form = editor_client.get(change_url(story)).context["adminform"].form
    assert form["title"].value() == "New title"


def test_a_second_held_save_builds_on_the_first(editor_client):
    story = make_story(title="Old title", summary="Old summary.")
    edit(editor_client, story, title="New title")
    edit(editor_client, story, summary="New summary.")
    form = editor_client.get(change_url(story)).context["adminform"].form
    assert (form["title"].value(), form["summary"].value()) == ("New title", "New summary.")
    assert PendingChange.objects.count() == 1


def test_submitting_a_change_queues_it_as_a_change(editor_client, publisher_client):
    story = make_story(title="Old title")
    edit(editor_client, story, "submit", title="New title")
    review = Review.objects.get()
    assert review.is_change and review.title == "New title"
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED


def test_the_queue_shows_the_change_against_the_live_version(
    editor_client, publisher_client, editor
):
    story = make_story(title="Old title", owner=editor)
    edit(editor_client, story, "submit", title="New title")
    changes = publisher_client.get(reverse("admin:review_queue")).context["reviews"][0]["changes"]
    assert [(c.label, c.pieces) for c in changes] == [
        ("Title", [("Old", "delete"), ("New", "insert"), (" title", "equal")])
    ]


def test_approving_a_change_applies_it(editor_client, publisher_client):
    principle = make_principle(title="Ownership")
    story = make_story(title="Old title", tags=["rings"])
    edit(editor_client, story, "submit", title="New title", tags="gold, rings",
         principles=[principle.pk])  # fmt: skip
    decide(publisher_client, Review.objects.get(), "approve")
    story.refresh_from_db()
    assert story.title == "New title"
    assert sorted(story.tags.names()) == ["gold", "rings"]
    assert list(story.principles.all()) == [principle]
    assert not PendingChange.objects.exists()


def test_a_change_to_practices_waits_for_approval(editor_client, publisher_client):
    principle = make_principle()
    make_practice(principle, title="Say sorry")
    edit(editor_client, principle, "submit", **{"practices-0-title": "Say sorry first"})
    assert list(principle.practices.values_list("title", flat=True)) == ["Say sorry"]
    decide(publisher_client, Review.objects.get(), "approve")
    assert list(principle.practices.values_list("title", flat=True)) == ["Say sorry first"]


def test_a_practice_added_in_a_change_appears_on_approval(editor_client, publisher_client):
    principle = make_principle()
    make_practice(principle, title="Say sorry")
    edit(
        editor_client, principle, "submit",
        **{"practices-TOTAL_FORMS": "2", "practices-1-title": "Then fix it",
           "practices-1-slug": "then-fix-it", "practices-1-description": "Fix it.",
           "practices-1-order": "2"},
    )  # fmt: skip
    assert principle.practices.count() == 1
    decide(publisher_client, Review.objects.get(), "approve")
    assert list(principle.practices.values_list("title", flat=True)) == ["Say sorry", "Then fix it"]


def test_a_publisher_publishes_a_change_directly(publisher_client):
    story = make_story(title="Old title")
    response = edit(publisher_client, story, "publish", title="New title")
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "New title"
    assert not PendingChange.objects.exists()


def test_a_publisher_publishing_a_pending_change_closes_its_request(
    editor_client, publisher_client
):
    story = make_story(title="Old title")
    edit(editor_client, story, "submit", title="New title")
    edit(publisher_client, story, "publish")
    story.refresh_from_db()
    assert story.title == "New title"
    assert Review.objects.get().state == Review.State.APPROVED


def test_withdrawing_keeps_the_pending_change_as_the_draft(editor_client, publisher_client, reader):
    story = make_story(title="Old title")
    edit(editor_client, story, title="New title")
    publisher_client.post(reverse("admin:stories_story_withdraw", args=[story.pk]))
    story.refresh_from_db()
    assert (story.status, story.title) == (Status.WITHDRAWN, "New title")
    assert reader.get(story.get_absolute_url()).status_code == 410


def test_deleting_an_item_cancels_its_request(editor_client, publisher):
    story = submit_new_story(editor_client)
    story.delete()
    assert Review.objects.get().state == Review.State.CANCELLED


def test_a_path_step_change_waits_for_approval(editor_client, publisher_client):
    first, second = make_story(title="First"), make_story(title="Second")
    path = make_path([first, second])
    order = {"items-0-order": "2", "items-1-order": "1"}
    edit(editor_client, path, "submit", **order)
    assert [step.target for step in path.steps()] == [first, second]
    decide(publisher_client, Review.objects.get(), "approve")
    assert [step.target for step in path.steps()] == [second, first]


def test_an_unchanged_published_item_cannot_be_submitted(editor):
    from csx.editorial import workflow

    with pytest.raises(workflow.WorkflowError):
        workflow.submit(make_story(), editor)


def test_approving_a_principle_keeps_its_live_dates(editor_client, publisher_client):
    principle = make_principle(title="Old")
    went_live = principle.published_at
    edit(editor_client, principle, "submit", title="New")
    decide(publisher_client, Review.objects.get(), "approve")
    assert Principle.objects.get().published_at == went_live


def test_a_practice_added_in_a_change_survives_a_second_edit(editor_client, publisher_client):
    principle = make_principle()
    make_practice(principle, title="Say sorry")
    edit(
        editor_client, principle,
        **{"practices-TOTAL_FORMS": "2", "practices-1-title": "Then fix it",
           "practices-1-slug": "then-fix-it", "practices-1-description": "Fix it.",
           "practices-1-order": "2"},
    )  # fmt: skip
    response = edit(editor_client, principle, "submit", title="Owning it")
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    decide(publisher_client, Review.objects.get(), "approve")
    principle.refresh_from_db()
    assert principle.title == "Owning it"
    assert list(principle.practices.values_list("title", flat=True)) == ["Say sorry", "Then fix it"]


# Guards at publish: what goes live must stand up.


def test_a_story_without_text_is_not_approved(editor, publisher_client):
    story = make_story(status="draft", body="")
    response = decide(publisher_client, workflow.submit(story, editor), "approve")
    assert response.context["form"].non_field_errors() == [
        "A story needs its text (Body) before it goes live."
    ]
    story.refresh_from_db()
    assert story.state == State.IN_REVIEW


@pytest.mark.parametrize("provenance", ["company", "press", "retold"])
def test_a_story_graded_as_reported_needs_its_source_to_be_published(publisher_client, provenance):
    story = make_story(status="draft", provenance=provenance)
    response = edit(publisher_client, story, "publish")
    assert response.status_code == 200
    label = Story.Provenance(provenance).label
    assert list(response.context["adminform"].form.non_field_errors()) == [
        f"“{label}” needs the source that tells the story: add it under Sources, or choose "
        "the grade the evidence supports."
    ]
    story.refresh_from_db()
    assert story.state == State.DRAFT


def test_a_story_with_its_source_is_published(publisher_client):
    story = make_story(status="draft", provenance="press")
    response = edit(publisher_client, story, "publish", sources=[make_source().pk])
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.state == State.LIVE


@pytest.mark.parametrize("provenance", ["review", "reader"])
def test_a_review_or_a_readers_story_needs_no_source(publisher_client, provenance):
    story = make_story(status="draft", provenance=provenance)
    assert edit(publisher_client, story, "publish").status_code == 302


def test_the_list_action_publishes_what_may_go_live_and_says_what_may_not(publisher_client):
    ready = make_story(status="draft", title="Ready")
    bare = make_story(status="draft", title="Bare", body="")
    response = publisher_client.post(
        reverse("admin:stories_story_changelist"),
        {"action": "publish_selected", "_selected_action": [ready.pk, bare.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "“Bare” was not published: A story needs its text (Body) before it goes live.",
        "Published 1 item(s).",
    ]
    assert Story.objects.published().get() == ready
