"""The statements themselves (csx/xapi/statements.py, record.py): who, did what, to what, in
which assignment; nothing at all while xAPI is off. No LRS needed: test_lrs.py sends them."""

import io
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from csx.learning import progress
from csx.xapi import record, sending
from csx.xapi.models import Statement
from tests.learning.checks import question
from tests.learning.helpers import cohort_with, learner, three_step_path

pytestmark = pytest.mark.django_db

SITE = "https://csx.example.org"
ADL = "http://adlnet.gov/expapi/verbs/"


@pytest.fixture
def xapi(settings):
    settings.XAPI_ENDPOINT = "http://127.0.0.1:9/xAPI/"  # nothing listens: nothing is sent here
    settings.SITE_URL = SITE


@pytest.fixture
def walking(client):
    """A learner signed in, with a three-step path assigned: (learner, path, cohort)."""
    lee, path = learner(), three_step_path()
    cohort = cohort_with([lee], [path])
    client.force_login(lee)
    return lee, path, cohort


def step_url(path, number):
    return reverse("learning:course_step", args=[path.slug, number])


def bodies():
    return [statement.body for statement in Statement.objects.order_by("created", "pk")]


def test_nothing_is_recorded_while_xapi_is_off(client, walking):
    _, path, _ = walking
    step = path.steps()[0]
    assert client.get(step_url(path, step.number)).status_code == 200
    client.post(reverse("learning:step_done", args=[path.slug, step.number]))
    assert record.launched(walking[0], path) is None
    assert (Statement.objects.count(), DBTaskResult.objects.count()) == (0, 0)


def test_opening_a_step_records_that_the_learner_experienced_it(client, xapi, walking):
    lee, path, _ = walking
    step = path.steps()[1]
    assert client.get(step_url(path, step.number)).status_code == 200
    [body] = bodies()
    assert body["verb"] == {"id": ADL + "experienced", "display": {"en-US": "experienced"}}
    assert body["object"] == {
        "objectType": "Activity",
        "id": SITE + step_url(path, step.number).replace("/learning", "", 1),
        "definition": {
            "name": {"en-US": f"{path.title}: {step.target.title}"},
            "type": "http://adlnet.gov/expapi/activities/module",
        },
    }
    assert body["context"]["contextActivities"]["parent"][0]["id"] == SITE + path.get_short_url()


def test_the_learner_is_an_account_on_the_site_not_an_address(client, xapi, walking):
    lee, path, _ = walking
    record.launched(lee, path)
    [body] = bodies()
    assert body["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": SITE, "name": str(lee.pk)},
    }


def test_the_learner_is_their_address_when_mbox_is_chosen(client, xapi, walking, settings):
    settings.XAPI_ACTOR = "mbox"
    lee, path, _ = walking
    record.launched(lee, path)
    assert bodies()[0]["actor"] == {"objectType": "Agent", "mbox": "mailto:lee@example.com"}


def test_each_statement_has_its_own_id_and_an_assignment_one_registration(xapi, walking):
    lee, path, cohort = walking
    record.launched(lee, path)
    record.acknowledged(lee, path)
    other = cohort_with([lee], [three_step_path("other", "Another path")], name="Another")
    record.launched(lee, other.paths.get())
    first, second, third = bodies()
    assert len({uuid.UUID(body["id"]) for body in (first, second, third)}) == 3
    assert first["context"]["registration"] == second["context"]["registration"]
    assert third["context"]["registration"] != first["context"]["registration"]


def test_writing_a_statement_queues_its_sending_and_sends_nothing(xapi, walking):
    lee, path, _ = walking
    row = record.launched(lee, path)
    assert list(Statement.objects.pending()) == [row]
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "csx.xapi.sending.send"


def test_the_last_step_done_completes_the_path_once(
    client, xapi, walking, django_capture_on_commit_callbacks
):
    lee, path, _ = walking
    steps = list(path.steps())
    with django_capture_on_commit_callbacks(execute=True):
        for step in steps[:2]:
            progress.mark(lee, step, True)
    assert bodies() == []
    with django_capture_on_commit_callbacks(execute=True):
        progress.mark(lee, steps[2], True)
        progress.mark(lee, steps[2], True)  # again: already done, nothing new
    [body] = bodies()
    assert (body["verb"]["id"], body["object"]["id"]) == (
        ADL + "completed",
        SITE + path.get_short_url(),
    )
    assert body["result"] == {"completion": True}


def test_an_answer_says_what_was_answered_and_whether_it_was_right(xapi, walking):
    lee, path, _ = walking
    step = path.steps()[0]
    record.answered(lee, step.target, response="Apologise first", success=True, score=1, step=step)
    [body] = bodies()
    assert body["result"] == {
        "response": "Apologise first",
        "success": True,
        "score": {"scaled": 1.0},
    }
    assert (
        body["object"]["definition"]["type"]
        == "http://adlnet.gov/expapi/activities/cmi.interaction"
    )
    assert body["context"]["contextActivities"]["parent"][0]["id"].endswith(
        f"/steps/{step.number}/"
    )


def test_a_batch_one_worker_claimed_is_not_claimed_by_another(xapi, walking):
    lee, path, _ = walking
    rows = [record.launched(lee, path), record.acknowledged(lee, path)]
    assert [row.pk for row in sending.claim()] == [row.pk for row in rows]
    assert sending.claim() == []


def test_a_claim_that_outlived_its_lease_is_taken_again(xapi, walking):
    lee, path, _ = walking
    row = record.launched(lee, path)
    sending.claim()
    later = timezone.now() + sending.LEASE + timedelta(seconds=1)
    assert [found.pk for found in sending.claim(now=later)] == [row.pk]


def test_erasing_a_learner_erases_their_statements_not_yet_sent(xapi, walking, capsys):
    lee, path, _ = walking
    record.launched(lee, path)
    record.launched(learner("kim@example.com"), path)
    call_command("erase_learner", lee.username)
    assert "  1 xAPI statements not yet sent" in capsys.readouterr().out.splitlines()
    assert list(Statement.objects.values_list("learner__username", flat=True)) == [
        "kim@example.com"
    ]


def test_statements_the_lrs_refused_go_after_the_learning_period_and_waiting_ones_stay(
    xapi, walking, settings
):
    lee, path, _ = walking
    refused, waiting = record.launched(lee, path), record.launched(lee, path)
    long_ago = timezone.now() - timedelta(days=settings.LEARNING_RETENTION_DAYS + 1)
    Statement.objects.filter(pk=refused.pk).update(refused_at=long_ago)
    Statement.objects.filter(pk=waiting.pk).update(created=long_ago)
    call_command("purge_personal_data", stdout=io.StringIO())
    assert list(Statement.objects.all()) == [waiting]


def test_a_check_answered_on_its_step_is_a_statement_and_may_complete_the_path(
    client, xapi, walking, django_capture_on_commit_callbacks
):
    """The last step, marked done before its check was answered, is done (and its path
    completed) by the answer: the statements say so, in that order."""
    lee, path, _ = walking
    steps = list(path.steps())
    asked = question(steps[2].story)
    with django_capture_on_commit_callbacks(execute=True):
        for step in steps:
            progress.mark(lee, step, True)
    assert bodies() == []  # the last step waits for its check
    with django_capture_on_commit_callbacks(execute=True):
        answer = reverse("learning:step_check", args=[path.slug, steps[2].number])
        assert client.post(answer, {f"q{asked.pk}": "0"}).status_code == 302
    answered, completed = bodies()
    assert (answered["verb"]["id"], answered["result"]) == (
        ADL + "answered",
        {"response": "Apologise first", "success": True},
    )
    assert answered["object"]["id"].endswith(f"/steps/{steps[2].number}/#question-{asked.pk}")
    assert (completed["verb"]["id"], completed["object"]["id"]) == (
        ADL + "completed",
        SITE + path.get_short_url(),
    )
