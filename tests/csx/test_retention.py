"""Personal data is forgotten once older than its retention period (csx/editorial/retention.py):
`manage.py purge_personal_data` erases a shared story's name and email and a feedback
comment, and deletes search log rows and django-axes' sign-in records; what is younger
stays. Each kind's period is its own setting."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import CommandError, call_command
from django.utils import timezone

from csx.feedback.models import Feedback
from csx.models import SearchLog
from tests.clock import TODAY, noon_today
from tests.csx.test_settings import setting
from tests.factories import make_story
from tests.feedback.helpers import make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with noon_today():
        yield


def days_ago(days):
    """Travel back `days` days (and keep the clock still), to make a row then."""
    return time_machine.travel(timezone.now() - timedelta(days=days), tick=False)


def purge(capsys):
    call_command("purge_personal_data")
    return capsys.readouterr().out.splitlines()


def line(output, kind):
    return next(row for row in output if row.startswith(f"{kind}:"))


def test_shared_stories_older_than_the_period_lose_name_and_email(capsys):
    with days_ago(91):
        old = make_submission()
    with days_ago(89):
        recent = make_submission()
    output = purge(capsys)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.email, old.erased) == ("", "", timezone.now())
    assert (recent.name, recent.email, recent.erased) == ("Sam", "sam@example.org", None)
    assert line(output, "shared stories' names and emails").startswith(
        "shared stories' names and emails: 1 erased (older than 90 days"
    )


def feedback_on(story, days, comment="The refund part confused me."):
    with days_ago(days):
        answer = Feedback.objects.create(item=story, helpful=False)
    answer.add_detail(Feedback.Reason.UNCLEAR, comment)
    return answer


def test_feedback_comments_older_than_the_period_are_erased_the_answer_stays(capsys):
    story = make_story(title="Refund")
    feedback_on(story, 366)
    feedback_on(story, 364)
    output = purge(capsys)
    assert list(Feedback.objects.order_by("day").values_list("helpful", "reason", "comment")) == [
        (False, "unclear", ""),
        (False, "unclear", "The refund part confused me."),
    ]
    assert line(output, "feedback comments") == (
        "feedback comments: 1 erased (older than 365 days, before 24 November 2025)"
    )


def test_search_log_rows_older_than_the_period_are_deleted(capsys):
    for days in (91, 90, 89):
        SearchLog.objects.create(query="refund", day=TODAY - timedelta(days=days), results=2)
    output = purge(capsys)
    assert list(SearchLog.objects.values_list("day", flat=True).order_by("day")) == [
        TODAY - timedelta(days=90),
        TODAY - timedelta(days=89),
    ]
    assert line(output, "search log rows").startswith("search log rows: 1 deleted")


def sign_in_record(model, username="editor"):
    fields = {"username": username, "ip_address": "203.0.113.7", "user_agent": "test"}
    if model is AccessAttempt:
        fields["failures_since_start"] = 1
    return model.objects.create(**fields)


SIGN_IN_RECORDS = [
    (AccessAttempt, "sign-in attempts"),
    (AccessLog, "sign-in log rows"),
    (AccessFailureLog, "failed sign-ins"),
]


@pytest.mark.parametrize(("model", "kind"), SIGN_IN_RECORDS)
def test_sign_in_records_older_than_the_period_are_deleted(model, kind, capsys):
    with days_ago(31):
        sign_in_record(model, "old")
    with days_ago(29):
        recent = sign_in_record(model, "recent")
    output = purge(capsys)
    assert list(model.objects.all()) == [recent]
    assert line(output, kind).startswith(f"{kind}: 1 deleted (older than 30 days")


def test_each_kind_reads_its_own_period(settings, capsys):
    story = make_story(title="Refund")
    feedback_on(story, 40)
    SearchLog.objects.create(query="refund", day=TODAY - timedelta(days=40), results=2)
    settings.FEEDBACK_RETENTION_DAYS = 50
    settings.SEARCH_LOG_RETENTION_DAYS = 30
    purge(capsys)
    assert Feedback.objects.get().comment == "The refund part confused me."
    assert not SearchLog.objects.exists()


def test_the_command_is_safe_to_repeat(capsys):
    with days_ago(400):
        make_submission()
        sign_in_record(AccessAttempt)
    feedback_on(make_story(title="Refund"), 400)
    SearchLog.objects.create(query="refund", day=TODAY - timedelta(days=400), results=2)
    first, second = purge(capsys), purge(capsys)
    assert [row.split(" (")[0] for row in first] == [
        "shared stories' names and emails: 1 erased",
        "feedback comments: 1 erased",
        "search log rows: 1 deleted",
        "sign-in attempts: 1 deleted",
        "sign-in log rows: 0 deleted",
        "failed sign-ins: 0 deleted",
        "inactive learners' steps done: 0 deleted",
        "xAPI statements the LRS refused: 0 deleted",
    ]
    assert all(" 0 " in row for row in second)


@pytest.mark.parametrize("rows", [1, 3])
def test_the_query_count_does_not_grow_with_deleted_rows(rows, django_assert_num_queries, capsys):
    # Per kind: its transaction's two statements, then one UPDATE (feedback), or a SELECT and
    # one DELETE of every old row (plus a SELECT of axes' lockout expiries, which cascade).
    # Only shared stories are erased one by one (Submission.erase, as the admin does).
    # Inactive learners' steps done go in one DELETE, its learners chosen in a subquery; so do
    # the xAPI statements the LRS refused.
    story = make_story(title="Refund")
    for n in range(rows):
        feedback_on(story, 400)
        SearchLog.objects.create(query=f"refund {n}", day=TODAY - timedelta(days=400), results=2)
        with days_ago(400):
            sign_in_record(AccessAttempt, f"editor{n}")
            sign_in_record(AccessLog, f"editor{n}")
    with django_assert_num_queries(29):
        purge(capsys)
    assert not AccessAttempt.objects.exists() and not AccessLog.objects.exists()


def test_a_negative_period_is_refused(settings):
    settings.ACCESS_LOG_RETENTION_DAYS = -1
    with pytest.raises(CommandError, match="ACCESS_LOG_RETENTION_DAYS"):
        call_command("purge_personal_data")


def test_the_periods_come_from_the_environment():
    assert setting("FEEDBACK_RETENTION_DAYS") == "365"
    assert setting("SEARCH_LOG_RETENTION_DAYS") == "90"
    assert setting("ACCESS_LOG_RETENTION_DAYS") == "30"
    assert setting("FEEDBACK_RETENTION_DAYS", CSX_FEEDBACK_RETENTION_DAYS="180") == "180"
    assert setting("SEARCH_LOG_RETENTION_DAYS", CSX_SEARCH_LOG_RETENTION_DAYS="45") == "45"
    assert setting("ACCESS_LOG_RETENTION_DAYS", CSX_ACCESS_LOG_RETENTION_DAYS="7") == "7"
    assert setting("LEARNING_RETENTION_DAYS", CSX_LEARNING_RETENTION_DAYS="30") == "30"
