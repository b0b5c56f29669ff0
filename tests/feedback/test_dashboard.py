"""What editors see of readers' feedback: the functions behind each dashboard panel, and
the admin pages that show them now (the feedback app's page, per item, tasks)."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from csx.feedback import dashboard
from csx.feedback.models import Feedback, VerificationTask
from tests.admin_forms import edit
from tests.clock import TODAY
from tests.factories import make_statistic, make_story
from tests.feedback.helpers import make_submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def answer(item, helpful, comment="", days_ago=0, reason=""):
    return Feedback.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        helpful=helpful,
        comment=comment,
        reason=reason,
        day=TODAY - timedelta(days=days_ago),
    )


def test_feedback_by_item_counts_yes_and_no_most_no_first():
    liked = make_story(title="Liked")
    doubted = make_statistic(title="Doubted")
    answer(liked, True)
    answer(liked, True)
    answer(doubted, False, "Where is this from?")
    answer(doubted, False)
    answer(doubted, True)
    rows = dashboard.feedback_by_item()
    assert [(row.item, row.kind, row.yes, row.no) for row in rows] == [
        (doubted, "statistic", 1, 2), (liked, "story", 2, 0),
    ]  # fmt: skip
    assert [note.comment for note in rows[0].comments] == ["Where is this from?"]
    assert rows[0].admin_url == reverse("admin:principles_statistic_change", args=[doubted.pk])


def test_feedback_by_item_shows_the_latest_comments_first_and_a_few_only():
    story = make_story()
    for n in range(5):
        answer(story, False, f"Comment {n}")
    [row] = dashboard.feedback_by_item(comments=3)
    assert [note.comment for note in row.comments] == ["Comment 4", "Comment 3", "Comment 2"]


def test_feedback_by_item_looks_at_the_last_30_days():
    story = make_story()
    answer(story, False, days_ago=29)
    answer(story, False, days_ago=30)
    [row] = dashboard.feedback_by_item()
    assert row.no == 1


def test_feedback_by_item_takes_the_same_queries_however_many_items(django_assert_num_queries):
    for _ in range(6):
        answer(make_story(), False, "Hm")
        answer(make_statistic(), True, "Yes")
    ContentType.objects.clear_cache()
    with django_assert_num_queries(6):  # rows, 2 content types, stories, statistics, comments
        assert len(dashboard.feedback_by_item(limit=20)) == 12


def test_waiting_submissions_counts_the_new_ones_newest_first():
    make_submission(state="dismissed")
    older = make_submission()
    newer = make_submission()
    waiting = dashboard.waiting_submissions()
    assert waiting.count == 2
    assert waiting.latest == [newer, older]


def test_open_verification_tasks_most_reported_first():
    quiet, loud = make_statistic(title="Quiet"), make_statistic(title="Loud")
    for statistic, reports in [(quiet, 1), (loud, 3)]:
        for _ in range(reports):
            answer(statistic, False).add_detail("statistic_wrong", "Looks wrong")
    closed = VerificationTask.objects.create(statistic=make_statistic(), state="answered")
    tasks = dashboard.open_verification_tasks()
    assert [(task.statistic, task.report_count) for task in tasks] == [(loud, 3), (quiet, 1)]
    assert closed not in tasks


# --- in the admin ---------------------------------------------------------------------


def test_the_feedback_page_of_the_admin_shows_every_panel(editor_client):
    make_submission(what_happened="A bank teller stayed late to help my father. " * 3)
    statistic = make_statistic(title="Eighty-six percent")
    answer(statistic, False).add_detail("statistic_wrong", "The survey is from 2011.")
    response = editor_client.get(reverse("admin:app_list", args=["feedback"]))
    assert response.status_code == 200
    panels = response.text.split('<div class="reader-panels">')[1]
    assert "Shared stories waiting: 1" in panels
    assert "A bank teller stayed late" in panels
    assert "Eighty-six percent" in panels and "The survey is from 2011." in panels


def test_the_per_item_summary_page(editor_client):
    answer(make_story(title="The giraffe"), False, "Too long")
    response = editor_client.get(reverse("admin:feedback_feedback_summary"))
    assert response.status_code == 200
    assert [row.item.title for row in response.context["items"]] == ["The giraffe"]
    assert "Too long" in response.text


def test_what_a_reader_answered_is_read_only_for_editors(editor_client):
    row = answer(make_story(), False, "Hm")
    assert editor_client.get(reverse("admin:feedback_feedback_add")).status_code == 403
    edit(editor_client, row, comment="Edited", helpful="on", state="answered")
    row.refresh_from_db()
    assert (row.comment, row.helpful, row.state) == ("Hm", False, "answered")


def test_marking_a_verification_task_answered_closes_it(editor_client):
    statistic = make_statistic()
    answer(statistic, False).add_detail("statistic_wrong", "Hm")
    task = VerificationTask.objects.get()
    editor_client.post(
        reverse("admin:feedback_verificationtask_changelist"),
        {"action": "mark_answered", "_selected_action": [task.pk]},
    )
    task.refresh_from_db()
    assert (task.state, task.closed is not None) == ("answered", True)
    assert dashboard.open_verification_tasks() == []


def test_a_check_in_the_verification_log_answers_the_readers_task(editor):
    from principles.models import VerificationCheck

    statistic = make_statistic()
    task, other = VerificationTask.open_for(statistic), VerificationTask.open_for(make_statistic())
    check = VerificationCheck.objects.create(
        statistic=statistic,
        state="secondary",
        checked_by=editor,
        what_was_checked="The citing article, as archived.",
        result="It gives the figure as we do.",
    )
    task.refresh_from_db()
    assert (task.state, task.closed, task.answered_by, task.finding) == (
        "answered", check.checked_at, check, "It gives the figure as we do.",
    )  # fmt: skip
    assert list(VerificationTask.objects.open()) == [other]
