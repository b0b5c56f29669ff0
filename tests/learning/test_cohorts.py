"""A trainer's cohorts (csx/learning/views/trainer.py): make one, invite people (emails
queued for the background tasks), assign paths with due dates; only their own, only trainers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from csx.learning.models import Assignment, Cohort, Invitation
from tests import markup
from tests.factories import make_path
from tests.learning.helpers import (
    TOMORROW,
    cohort_with,
    learner,
    mark_done,
    person,
    three_step_path,
    trainer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tess(client):
    user = trainer()
    client.force_login(user)
    return user


@pytest.fixture
def cohort(tess):
    return Cohort.objects.create(name="March new hires", trainer=tess)


def test_a_trainer_makes_a_cohort_of_their_own(client, tess):
    response = client.post(reverse("learning:cohort_create"), {"name": "March new hires"})
    cohort = Cohort.objects.get()
    assert (response["Location"], cohort.trainer) == (cohort.get_absolute_url(), tess)


def test_a_cohort_without_a_name_is_refused_with_the_reason(client, tess):
    response = client.post(reverse("learning:cohort_create"), {"name": ""})
    assert markup.one(response, ".error-summary li a")["href"] == "#id_name"
    assert Cohort.objects.count() == 0


def test_the_cohort_list_shows_the_trainers_cohorts_only(client, tess, cohort):
    Cohort.objects.create(name="Someone else's", trainer=person("other", "Trainers"))
    names = markup.parse(client.get(reverse("learning:cohort_list"))).select(".cohort-list a")
    assert [markup.text(a) for a in names] == ["March new hires"]


def test_a_page_of_cohorts_past_the_last_is_not_found(client, tess):
    assert client.get(reverse("learning:cohort_list") + "?page=abc").status_code == 404


def test_another_trainers_cohort_is_not_found(client, tess):
    theirs = Cohort.objects.create(name="Theirs", trainer=person("other", "Trainers"))
    assert client.get(theirs.get_absolute_url()).status_code == 404


def test_someone_who_is_not_a_trainer_is_refused(client, cohort):
    client.force_login(learner())
    response = client.get(reverse("learning:cohort_list"))
    assert (response.status_code, markup.text(markup.one(response, "main h1"))) == (
        403,
        "For trainers only",
    )


def test_inviting_queues_one_email_task_per_new_address(client, cohort):
    response = client.post(
        reverse("learning:invite", args=[cohort.pk]),
        {"emails": "Ana@example.com, ben@example.com\nana@example.com"},
    )
    assert response["Location"] == cohort.get_absolute_url()
    emails = sorted(Invitation.objects.values_list("email", flat=True))
    assert emails == ["ana@example.com", "ben@example.com"]
    queued = DBTaskResult.objects.filter(task_path="csx.learning.invitations.send_invitation")
    assert queued.count() == 2


def test_an_address_that_is_not_one_is_refused_and_what_was_typed_is_kept(client, cohort):
    typed = "ana@example.com\nnot-an-address"
    response = client.post(reverse("learning:invite", args=[cohort.pk]), {"emails": typed})
    assert response.status_code == 400
    assert markup.text(markup.one(response, ".error-summary li")) == (
        "Not an email address: not-an-address."
    )
    assert markup.one(response, "#id_emails").text.strip() == typed
    assert Invitation.objects.count() == 0


def test_assigning_a_path_with_a_due_date(client, cohort):
    path = three_step_path()
    client.post(
        reverse("learning:assign", args=[cohort.pk]),
        {"path": path.pk, "due": TOMORROW.isoformat()},
    )
    assert list(Assignment.objects.values_list("cohort", "path", "due")) == [
        (cohort.pk, path.pk, TOMORROW)
    ]


def test_a_draft_path_cannot_be_assigned(client, cohort):
    draft = make_path(status="draft", slug="draft-path")
    response = client.post(reverse("learning:assign", args=[cohort.pk]), {"path": draft.pk})
    assert (response.status_code, Assignment.objects.count()) == (400, 0)


def test_a_path_assigned_already_is_refused_in_words(client, cohort):
    path = three_step_path()
    Assignment.objects.create(cohort=cohort, path=path)
    response = client.post(reverse("learning:assign", args=[cohort.pk]), {"path": path.pk})
    assert markup.text(markup.one(response, ".error-summary li")) == (
        "This cohort has this path already."
    )


def test_the_cohort_page_shows_each_learners_progress_per_path(client, tess):
    path = three_step_path()
    ana, ben = learner("ana@example.com"), learner("ben@example.com")
    cohort = cohort_with([ana, ben], [path], by=tess)
    mark_done(ana, path, 3)
    mark_done(ben, path, 1)
    rows = markup.parse(client.get(cohort.get_absolute_url())).select(".cohort-progress tbody tr")
    assert [markup.text(row) for row in rows] == [
        "ana@example.com 3 of 3 steps done",
        "ben@example.com 1 of 3 steps done",
    ]


def test_the_cohort_page_runs_as_many_queries_for_three_learners_as_for_one(client, tess):
    path = three_step_path()
    cohort = cohort_with([learner("ana@example.com")], [path], by=tess)
    with CaptureQueriesContext(connection) as one:
        client.get(cohort.get_absolute_url())
    cohort.learners.add(learner("ben@example.com"), learner("cy@example.com"))
    Assignment.objects.create(cohort=cohort, path=three_step_path("second", "Second path"))
    with CaptureQueriesContext(connection) as three:
        client.get(cohort.get_absolute_url())
    assert len(three.captured_queries) == len(one.captured_queries)
