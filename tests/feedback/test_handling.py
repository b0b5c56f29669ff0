"""Reader input handled (csx/feedback/handling.py, replies.py): shared stories, feedback and
verification tasks have a state, an assignee and a note; a shared story is answered by email
and becomes a draft from its own page; handled input leaves the dashboard."""

import pytest
from django.contrib.admin import helpers
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from csx.feedback import dashboard, replies
from csx.feedback.models import Feedback, Reply, Submission, VerificationTask
from csx.models import Notification
from stories.models import Story
from tests import markup
from tests.admin_forms import change_url, edit
from tests.conftest import staff
from tests.factories import make_statistic, make_story
from tests.feedback.helpers import make_submission

pytestmark = pytest.mark.django_db


def make_feedback(comment="It skips the apology."):
    story = make_story()
    return Feedback.objects.create(
        content_type=ContentType.objects.get_for_model(story),
        object_id=story.pk,
        helpful=False,
        comment=comment,
    )


def make_task():
    return VerificationTask.open_for(make_statistic())


MAKERS = {"submission": make_submission, "feedback": make_feedback, "task": make_task}


def changelist(model):
    return reverse(f"admin:feedback_{model._meta.model_name}_changelist")


def tools(page):
    """The words of each button above the form."""
    return [markup.text(item) for item in markup.parse(page).select(".object-tools li")]


def act(client, action, *rows):
    return client.post(
        changelist(type(rows[0])),
        {"action": action, helpers.ACTION_CHECKBOX_NAME: [row.pk for row in rows]},
    )


# --- state, assignee, note -----------------------------------------------------------------


@pytest.mark.parametrize("kind", MAKERS)
def test_each_kind_of_reader_input_is_marked_answered_or_dismissed_in_bulk(editor_client, kind):
    first, second, third = (MAKERS[kind]() for _ in range(3))
    act(editor_client, "mark_answered", first)
    act(editor_client, "mark_dismissed", second)
    states = dict(type(first).objects.values_list("pk", "state"))
    assert states == {first.pk: "answered", second.pk: "dismissed", third.pk: "open"}


@pytest.mark.parametrize("kind", MAKERS)
def test_each_list_of_reader_input_filters_by_state_and_assignee(editor_client, editor, kind):
    mine, theirs, done = (MAKERS[kind]() for _ in range(3))
    type(mine).objects.filter(pk=mine.pk).update(assignee=editor)
    type(done).objects.filter(pk=done.pk).update(state="dismissed")
    shown = editor_client.get(changelist(type(mine)), {"state__exact": "open"})
    assert {row.pk for row in shown.context["cl"].result_list} == {mine.pk, theirs.pk}
    shown = editor_client.get(changelist(type(mine)), {"assignee__id__exact": editor.pk})
    assert [row.pk for row in shown.context["cl"].result_list] == [mine.pk]


def test_assigning_reader_input_tells_the_assignee_in_their_inbox(editor_client):
    colleague = staff("colleague", "Editors")
    feedback = make_feedback()
    edit(editor_client, feedback, assignee=colleague.pk, note="Can you look at this?")
    [told] = Notification.objects.filter(recipient=colleague)
    assert (told.kind, told.url, told.message, told.actor_name) == (
        "assigned", change_url(feedback), "Can you look at this?", "editor",
    )  # fmt: skip


def test_taking_reader_input_on_oneself_tells_nobody(editor_client, editor):
    submission = make_submission()
    act(editor_client, "assign_to_me", submission)
    submission.refresh_from_db()
    assert (submission.assignee, Notification.objects.count()) == (editor, 0)


def test_a_task_is_not_reopened_while_its_statistic_has_another_open_one(editor_client):
    statistic = make_statistic()
    closed = VerificationTask.open_for(statistic)
    act(editor_client, "mark_answered", closed)
    VerificationTask.open_for(statistic)
    response = edit(editor_client, closed, state="open")
    assert markup.text(markup.one(response, ".field-state .errorlist")) == (
        "The statistic has another open task: work on that one instead."
    )


def test_reopening_a_task_in_bulk_leaves_it_closed_and_says_why(editor_client):
    statistic = make_statistic()
    closed = VerificationTask.open_for(statistic)
    act(editor_client, "mark_answered", closed)
    VerificationTask.open_for(statistic)
    response = act(editor_client, "mark_open", closed)
    closed.refresh_from_db()
    assert (closed.state, closed.closed is not None) == ("answered", True)
    assert [str(m) for m in response.wsgi_request._messages][-2:] == [
        "Marked 0 as open.",
        "1 left as they were: their statistic has another open task.",
    ]


def test_handled_input_leaves_the_dashboard_panels(editor_client):
    submission, feedback, task = make_submission(), make_feedback(), make_task()
    for row in (submission, feedback, task):
        act(editor_client, "mark_dismissed", row)
    assert dashboard.waiting_submissions().count == 0
    assert dashboard.open_verification_tasks() == []
    assert dashboard.feedback_by_item() == []


def test_the_per_item_summary_still_counts_handled_feedback():
    feedback = make_feedback()
    Feedback.objects.filter(pk=feedback.pk).update(state="answered")
    [row] = dashboard.feedback_by_item(everything=True)
    assert (row.no, [note.pk for note in row.comments]) == (1, [feedback.pk])


# --- a reply by email ----------------------------------------------------------------------


def reply_url(submission):
    return reverse("admin:feedback_submission_reply", args=[submission.pk])


def reply(client, submission, body="Thank you: we would like to publish it."):
    return client.post(reply_url(submission), {"subject": "Your story", "body": body})


def test_a_reply_is_logged_on_the_submission_which_counts_as_answered(editor_client, editor):
    submission = make_submission()
    response = reply(editor_client, submission)
    assert (response.status_code, response["Location"]) == (302, change_url(submission))
    submission.refresh_from_db()
    [logged] = submission.replies.all()
    assert (logged.subject, logged.written_by, logged.sent_at) == ("Your story", editor, None)
    assert submission.state == "answered"


def test_a_reply_is_queued_for_the_background_worker(editor_client):
    reply(editor_client, make_submission())
    [queued] = DBTaskResult.objects.filter(task_path="csx.feedback.replies.send_reply")
    assert queued.args_kwargs["args"] == [Reply.objects.get().pk]


def test_the_task_emails_the_reply_to_the_readers_address_once(editor_client):
    reply(editor_client, make_submission(email="sam@example.org"))
    pk = Reply.objects.get().pk
    assert [replies.send_reply.call(pk), replies.send_reply.call(pk)] == [True, False]
    [message] = mail.outbox
    assert (message.to, message.subject) == (["sam@example.org"], "Your story")
    assert message.body.startswith("Thank you: we would like to publish it.")
    assert Reply.objects.get().sent_at is not None


def test_a_reply_to_an_address_erased_before_it_went_is_never_sent(editor_client):
    submission = make_submission()
    reply(editor_client, submission)
    submission.erase()
    assert replies.send_reply.call(Reply.objects.get().pk) is False
    assert mail.outbox == []


def test_the_reply_form_says_what_is_missing_and_keeps_what_was_typed(editor_client):
    response = editor_client.post(
        reply_url(make_submission()), {"subject": "Kept subject", "body": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"body": ["This field is required."]}
    assert markup.one(response, "input[name=subject]")["value"] == "Kept subject"
    assert Reply.objects.count() == 0


def test_a_submission_without_an_address_cannot_be_replied_to(editor_client):
    submission = make_submission(email="")
    assert editor_client.get(reply_url(submission)).status_code == 404
    page = editor_client.get(change_url(submission))
    assert tools(page) == ["Make a draft story", "History"]


def test_the_submission_page_offers_a_reply_and_a_draft(editor_client):
    page = editor_client.get(change_url(make_submission()))
    assert tools(page) == [
        "Reply by email", "Make a draft story", "History",
    ]  # fmt: skip


def test_the_replies_sent_are_listed_on_the_submission(editor_client):
    submission = make_submission()
    reply(editor_client, submission)
    page = editor_client.get(change_url(submission))
    assert markup.text(markup.one(page, "#replies-group .field-subject")) == "Your story"


# --- a draft story from the submission's own page ------------------------------------------


def draft_url(submission):
    return reverse("admin:feedback_submission_draft", args=[submission.pk])


def test_a_shared_story_becomes_a_draft_from_its_own_page(editor_client):
    submission = make_submission()
    response = editor_client.post(draft_url(submission))
    story = Story.objects.get()
    assert (response.status_code, response["Location"]) == (302, change_url(story))
    assert story.status == "draft"
    page = editor_client.get(change_url(submission))
    assert tools(page) == [
        "Reply by email", "Open the draft story", "History",
    ]  # fmt: skip


def test_a_story_shared_without_consent_never_becomes_a_draft(editor_client):
    submission = make_submission(consent=False)
    response = editor_client.post(draft_url(submission))
    assert (response.status_code, response["Location"]) == (302, change_url(submission))
    assert (Story.objects.count(), Submission.objects.get().state) == (0, "open")


def test_the_draft_button_only_posts(editor_client):
    assert editor_client.get(draft_url(make_submission())).status_code == 405
    assert Story.objects.count() == 0


def test_the_reply_and_draft_pages_of_a_missing_submission_are_not_found(editor_client):
    assert (
        editor_client.get(reverse("admin:feedback_submission_reply", args=[999])).status_code == 404
    )
    assert editor_client.post(draft_url(Submission(pk=999))).status_code == 404
