"""Statements sent to a real Learning Record Store (Ralph, tests/lrs/): they arrive, each
valid by Ralph's own xAPI models, once whatever the retries; with the LRS away, learners'
pages answer as usual and what they did arrives once it is back, with no restart.

Ralph is started once for the module (about 8 s: `ralph runserver`, its reloader and the
app) and stopped and started again once, by the outage test (about 6 s)."""

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from csx.learning import progress
from csx.xapi import record, sending
from csx.xapi.models import Statement
from tests import lrs
from tests.learning.helpers import cohort_with, learner, three_step_path

# What this checks happens outside the database (marker outside_the_database): one CI pass only.
pytestmark = [pytest.mark.django_db, pytest.mark.outside_the_database]


@pytest.fixture(scope="module")
def ralph():
    server = lrs.Ralph()
    server.start()
    yield server
    server.remove()


@pytest.fixture
def xapi(settings, ralph):
    """xAPI on, pointed at the LRS; this process's breaker for it closed (the last test may
    have left it open: in life, its few seconds pass before the next try)."""
    settings.XAPI_ENDPOINT = ralph.endpoint
    settings.XAPI_USERNAME, settings.XAPI_PASSWORD = lrs.USERNAME, lrs.PASSWORD
    sending.breaker().close()
    return ralph


@pytest.fixture
def walking(client):
    lee, path = learner(), three_step_path()
    cohort_with([lee], [path])
    client.force_login(lee)
    return lee, path


def held_by(ralph, rows):
    """The statements the LRS holds among `rows`' (by id), as it gives them back."""
    ids = {str(row.pk) for row in rows}
    return [statement for statement in ralph.statements() if statement["id"] in ids]


def walk(client, lee, path):
    """A learner's session: launched into the path, each step opened and marked done, an
    answer, an acknowledgement; the outbox's rows."""
    record.launched(lee, path)
    for step in path.steps():
        page = client.get(reverse("learning:course_step", args=[path.slug, step.number]))
        assert page.status_code == 200
        # What a committed change announces (a path finished) is announced here too.
        with TestCase.captureOnCommitCallbacks(execute=True):
            progress.mark(lee, step, True)
    step = path.steps()[0]
    record.answered(lee, step.target, response="Say sorry first", success=True, step=step)
    record.acknowledged(lee, step.target)
    return list(Statement.objects.all())


def test_statements_arrive_at_the_lrs_valid_by_its_models(client, xapi, walking):
    rows = walk(client, *walking)
    assert sending.send.call() == len(rows) == 7
    arrived = held_by(xapi, rows)
    assert sorted(s["id"] for s in arrived) == sorted(str(row.pk) for row in rows)
    assert sorted(s["verb"]["display"]["en-US"] for s in arrived) == sorted(
        ["launched", *["experienced"] * 3, "completed", "answered", "acknowledged"]
    )
    assert lrs.invalid(arrived) == []
    assert not Statement.objects.exists()  # deleted once the LRS took them


def test_a_retry_after_a_lost_answer_stores_each_statement_once(xapi, walking):
    lee, path = walking
    rows = [record.launched(lee, path), record.acknowledged(lee, path)]
    # The LRS takes the batch, and the answer is lost: the outbox still holds it.
    sending.post([row.body for row in rows])
    assert sending.send.call() == 2
    assert sorted(s["id"] for s in held_by(xapi, rows)) == sorted(str(row.pk) for row in rows)


def test_a_statement_the_lrs_refuses_is_kept_aside_and_the_others_arrive(xapi, walking):
    lee, path = walking
    first = record.launched(lee, path)
    broken = record.acknowledged(lee, path)
    without_object = {key: value for key, value in broken.body.items() if key != "object"}
    Statement.objects.filter(pk=broken.pk).update(body=without_object)
    last = record.launched(lee, path)
    assert sending.send.call() == 2
    assert len(held_by(xapi, [first, last])) == 2 and held_by(xapi, [broken]) == []
    broken.refresh_from_db()
    assert (broken.refused_at is not None, broken.last_error[:4]) == (True, "422:")
    assert sending.send.call() == 0  # not sent again


def test_send_xapi_sends_what_waits_and_says_what_is_left(xapi, walking, capsys):
    record.launched(*walking)
    call_command("send_xapi")
    assert capsys.readouterr().out == "1 sent, 0 waiting, 0 refused by the LRS.\n"


def test_with_the_lrs_away_pages_answer_and_statements_arrive_once_it_is_back(
    client, xapi, walking
):
    lee, path = walking
    step = path.steps()[0]
    xapi.stop()
    try:
        page = client.get(reverse("learning:course_step", args=[path.slug, step.number]))
        assert page.status_code == 200
        [row] = Statement.objects.all()
        sending.send.call()  # the worker's try: the LRS refuses the connection
        [retry] = DBTaskResult.objects.filter(status="READY").order_by("-enqueued_at")[:1]
        assert retry.args_kwargs["args"] == [1]  # queued again, a minute on
        row.refresh_from_db()
        assert (row.attempts, row.claim) == (1, None)
    finally:
        xapi.start()
    sending.breaker().close()  # its few seconds have passed by the retry's minute
    assert sending.send.call(1) == 1
    assert [s["id"] for s in held_by(xapi, [row])] == [str(row.pk)]
