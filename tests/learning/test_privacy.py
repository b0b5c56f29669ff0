"""Privacy in training (issue 21, item 8): who sees whose records, a learner erased on request
(`manage.py erase_learner`), the progress of inactive learners forgotten
(`LEARNING_RETENTION_DAYS`, `manage.py purge_personal_data`), anonymous reading untracked,
and a learner's pages never kept in the page cache. The learner's own boundaries (another
learner's path, another trainer's cohort) are in test_my_learning.py and test_cohorts.py."""

import os
import uuid
from datetime import timedelta

import pytest
import redis
import time_machine
from axes.models import AccessLog
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from csx.learning.models import Attempt, Cohort, Invitation, StepDone
from csx.serving import cache as page_cache
from tests import markup
from tests.factories import make_story
from tests.learning.checks import question
from tests.learning.helpers import cohort_with, learner, mark_done, three_step_path, trainer
from tests.roles import role

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("CSX_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")
LEE = "lee@example.com"


@pytest.fixture
def walked():
    """Lee and Kim in a cohort walking a three-step path, each with a step done."""
    path = three_step_path()
    lee, kim = learner(LEE), learner("kim@example.com")
    cohort = cohort_with([lee, kim], [path])
    mark_done(lee, path, 1)
    mark_done(kim, path, 1)
    Invitation.objects.create(cohort=cohort, email=LEE, invited_by=cohort.trainer, learner=lee)
    return path


def erase(capsys, *options):
    call_command("erase_learner", *options)
    return capsys.readouterr().out.splitlines()


# Who sees what


def test_an_editor_is_refused_a_trainers_cohort_pages(editor_client, walked):
    response = editor_client.get(Cohort.objects.get().get_absolute_url())
    assert response.status_code == 403


def test_the_admin_lists_no_learners_records(admin_client):
    apps = {app["app_label"] for app in admin_client.get("/admin/").context["app_list"]}
    assert "learning" not in apps


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("ed", is_staff=True)
    editor.groups.add(role("Editors"))
    client.force_login(editor)
    return client


def test_the_editors_dashboard_counts_training_in_numbers(editor_client, walked):
    table = markup.one(editor_client.get(reverse("admin:index")), ".training-totals tbody")
    rows = [(markup.text(row.th), markup.text(row.td)) for row in table.select("tr")]
    assert rows == [
        ("Cohorts", "1"),
        ("Learners", "2"),
        ("Paths assigned", "1"),
        ("Steps done", "2"),
    ]


def test_the_editors_dashboard_names_no_learner(editor_client, walked):
    page = editor_client.get(reverse("admin:index")).text
    assert [name for name in (LEE, "kim@example.com") if name in page] == []


def test_an_anonymous_reader_of_a_path_gets_no_session_and_no_record(client, walked):
    response = client.get(walked.get_step_url(walked.items.first().number))
    assert (response.status_code, dict(response.cookies)) == (200, {})
    assert Session.objects.count() == 0


@pytest.fixture
def redis_page_cache(settings):
    """The page cache on, in Redis, as a deployment has it."""
    settings.PAGE_CACHE = True
    prefix = f"csx-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "csx.serving.cache_backend.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        },
    }
    yield
    connection = redis.Redis.from_url(REDIS_URL)
    keys = list(connection.scan_iter(f"{prefix}:*"))
    if keys:
        connection.delete(*keys)


def test_a_learners_step_page_is_not_in_the_page_cache_after_a_request(
    client, walked, redis_page_cache
):
    client.force_login(User.objects.get(username=LEE))
    step = walked.items.first()
    response = client.get(reverse("learning:course_step", args=[walked.slug, step.number]))
    assert response.status_code == 200
    assert caches["default"].get(page_cache.page_key(response.wsgi_request)) is None


# erase_learner


def test_erase_learner_removes_their_account_progress_places_and_invitations(capsys, walked):
    erase(capsys, LEE)
    assert not User.objects.filter(username=LEE).exists()
    assert not StepDone.objects.filter(learner__username=LEE).exists()
    assert not Invitation.objects.filter(email=LEE).exists()
    assert list(Cohort.objects.get().learners.values_list("username", flat=True)) == [
        "kim@example.com"
    ]


def test_erase_learner_leaves_the_other_learners_progress(capsys, walked):
    erase(capsys, LEE)
    assert list(StepDone.objects.values_list("learner__username", flat=True)) == ["kim@example.com"]


def test_erase_learner_removes_the_sign_in_records_under_their_address(capsys, walked):
    AccessLog.objects.create(username=LEE, ip_address="192.0.2.1", user_agent="test")
    AccessLog.objects.create(username="kim@example.com", ip_address="192.0.2.2", user_agent="t")
    erase(capsys, LEE.upper())
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["kim@example.com"]


def test_erase_learner_says_what_it_removed(capsys, walked):
    assert erase(capsys, LEE) == [
        f"{LEE}: removed",
        "  1 steps marked done",
        "  0 confirmations of reading",
        "  0 xAPI statements not yet sent",
        "  0 answers to knowledge checks",
        "  0 reminders sent",
        "  1 places in cohorts",
        "  1 invitations",
        "  0 sign-in records",
        "  1 accounts",
    ]


def test_a_dry_run_says_what_it_would_remove_and_removes_nothing(capsys, walked):
    output = erase(capsys, LEE, "--dry-run")
    assert (output[0], output[-1]) == (f"{LEE}: would remove", "Dry run: nothing was removed.")
    assert StepDone.objects.filter(learner__username=LEE).count() == 1


def test_an_invited_address_without_an_account_loses_its_invitation(capsys):
    cohort = cohort_with([], [])
    Invitation.objects.create(cohort=cohort, email="new@example.com", invited_by=cohort.trainer)
    erase(capsys, "new@example.com")
    assert not Invitation.objects.exists()


def test_erase_learner_refuses_a_trainer_and_erases_nothing(walked):
    with pytest.raises(CommandError, match="not a learner: nothing was erased"):
        call_command("erase_learner", trainer().username)
    assert Cohort.objects.count() == 1


def test_erase_learner_says_when_nothing_names_the_address():
    with pytest.raises(CommandError, match="Nothing names nobody@example.com"):
        call_command("erase_learner", "nobody@example.com")


# Retention: purge_personal_data forgets the progress of learners gone quiet


def days_ago(days):
    return time_machine.travel(timezone.now() - timedelta(days=days), tick=False)


def purge_learning(settings, capsys):
    settings.LEARNING_RETENTION_DAYS = 365
    call_command("purge_personal_data")
    out = capsys.readouterr().out.splitlines()
    return next(row for row in out if row.startswith("inactive learners' steps done:"))


def quiet_learner(username, days):
    """A learner who signed in and marked a step `days` ago, and nothing since."""
    step = three_step_path(slug=username.split("@")[0], title=username).items.first()
    with days_ago(days):
        user = learner(username)
        user.last_login = timezone.now()
        user.save()
        StepDone.objects.create(learner=user, item=step)
    return user


def test_progress_of_a_learner_quiet_for_longer_than_the_period_is_deleted(settings, capsys):
    quiet_learner("old@example.com", 366)
    quiet_learner("recent@example.com", 364)
    line = purge_learning(settings, capsys)
    assert list(StepDone.objects.values_list("learner__username", flat=True)) == [
        "recent@example.com"
    ]
    assert line.startswith("inactive learners' steps done: 1 deleted (older than 365 days")


def test_a_learner_who_signed_in_lately_keeps_their_progress(settings, capsys):
    user = quiet_learner("old@example.com", 400)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now() - timedelta(days=2))
    purge_learning(settings, capsys)
    assert StepDone.objects.filter(learner=user).count() == 1


def test_a_learner_who_marked_a_step_lately_keeps_all_their_progress(settings, capsys):
    user = quiet_learner("old@example.com", 400)
    StepDone.objects.create(learner=user, item=three_step_path("later", "Later").items.first())
    purge_learning(settings, capsys)
    assert StepDone.objects.filter(learner=user).count() == 2


def test_the_learning_purge_is_safe_to_repeat(settings, capsys):
    quiet_learner("old@example.com", 366)
    purge_learning(settings, capsys)
    assert purge_learning(settings, capsys).startswith("inactive learners' steps done: 0 deleted")


def test_a_quiet_learners_answers_to_checks_go_with_their_progress(settings, capsys):
    old, recent = quiet_learner("old@example.com", 366), quiet_learner("recent@example.com", 364)
    asked = question(make_story())
    for user, days in ((old, 366), (recent, 364)):
        with days_ago(days):
            Attempt.objects.create(learner=user, question=asked, correct=True)
    purge_learning(settings, capsys)
    assert list(Attempt.objects.values_list("learner__username", flat=True)) == [
        "recent@example.com"
    ]


def test_a_learner_who_answered_a_check_lately_keeps_their_progress(settings, capsys):
    user = quiet_learner("old@example.com", 400)
    Attempt.objects.create(learner=user, question=question(make_story()), correct=False)
    purge_learning(settings, capsys)
    assert StepDone.objects.filter(learner=user).count() == 1
