"""The trainer's view of a path assigned to a cohort (csx/learning/report.py): each learner's
standing and status per step, each question's results with the most missed, the same as
CSV, a page that prints; a fixed number of queries for a cohort of 30."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csx.learning.checks.models import Attempt, CheckQuestion
from csx.learning.models import StepDone
from csx.paths.models import Path
from tests import markup
from tests.learning.checks import question
from tests.learning.helpers import (
    YESTERDAY,
    cohort_with,
    learner,
    mark_done,
    three_step_path,
    trainer,
)

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + datetime.timedelta(days=10)


@pytest.fixture
def tess(client):
    user = trainer()
    client.force_login(user)
    return user


def attempt(user, asked, *correct):
    for right in correct:
        Attempt.objects.create(learner=user, question=asked, correct=right, chosen=[])


@pytest.fixture
def cohort(tess):
    """Ana has finished (answering both questions, the first wrongly at first), Ben marked
    the first step done without answering its check, Cy has not started."""
    path = three_step_path()
    steps = list(path.steps())
    first = question(steps[0].story, prompt="What comes first?")
    second = question(path=path, step=steps[1], prompt="Which words help?")
    ana, ben, cy = (learner(f"{n}@example.com") for n in ("ana", "ben", "cy"))
    made = cohort_with([ana, ben, cy], [path], due=SOON, by=tess)
    mark_done(ana, path, 3)
    attempt(ana, first, False, True)
    attempt(ana, second, True)
    attempt(ben, second, False)
    StepDone.objects.create(learner=ben, item=steps[0])
    return made, made.assignments.get()


def cells(page, rows):
    return [
        [markup.text(cell) for cell in row.select("th, td")]
        for row in markup.parse(page).select(rows)
    ]


def report_url(cohort, assignment, name="assignment_report"):
    return reverse(f"learning:{name}", args=[cohort.pk, assignment.pk])


def test_the_report_shows_each_learners_standing_and_status_per_step(client, cohort):
    assert cells(client.get(report_url(*cohort)), ".report-learners tbody tr") == [
        ["ana@example.com", "Done", "3 of 3", "✓Done", "✓Done", "✓Done"],
        ["ben@example.com", "Not started", "0 of 3", "check", "·Not done", "·Not done"],
        ["cy@example.com", "Not started", "0 of 3", "·Not done", "·Not done", "·Not done"],
    ]


def test_a_path_past_its_due_date_shows_who_is_overdue(client, cohort):
    made, assignment = cohort
    made.assignments.update(due=YESTERDAY)
    standings = markup.parse(client.get(report_url(*cohort))).select(".standing")
    assert [markup.text(s) for s in standings] == ["Done", "Overdue", "Overdue"]


def test_a_learner_with_fewer_steps_than_the_days_gone_would_have_is_behind(client, cohort):
    made, assignment = cohort
    ago = timezone.now() - datetime.timedelta(days=5)
    made.assignments.update(assigned=ago, due=timezone.localdate() + datetime.timedelta(days=5))
    cy, path = learner_named("cy@example.com"), made.paths.get()
    mark_done(cy, path, 2)  # 2 of 3 done, half the time gone
    for asked in CheckQuestion.objects.all():
        attempt(cy, asked, True)
    standings = markup.parse(client.get(report_url(*cohort))).select(".standing")
    assert [markup.text(s) for s in standings] == ["Done", "Behind", "On track"]


def learner_named(email):
    from django.contrib.auth.models import User

    return User.objects.get(username=email)


def test_each_questions_results_count_first_attempts_and_name_the_most_missed(client, cohort):
    page = client.get(report_url(*cohort))
    assert cells(page, ".report-questions tbody tr") == [
        ["What comes first?", "1", "1 of 3", "0 of 1"],
        ["Which words help?", "2", "2 of 3", "1 of 2"],
    ]
    assert markup.text(markup.one(page, ".report-most-missed")) == (
        "Most missed: “What comes first?” (step 1): 1 of 1 wrong at the first attempt."
    )


def test_the_csv_download_says_what_the_page_says(client, cohort):
    response = client.get(report_url(*cohort, name="assignment_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="march-new-hires-first-week.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == [
        "Learner",
        "Email",
        "Status",
        "Steps done",
        "Step 1: First week on the desk: a composite story",
    ]
    assert [row[2:] for row in rows[1:4]] == [
        ["Done", "3 of 3", "Done", "Done", "Done", "wrong", "right"],
        [
            "Not started",
            "0 of 3",
            "Check not answered",
            "Not done",
            "Not done",
            "not answered",
            "wrong",
        ],
        [
            "Not started",
            "0 of 3",
            "Not done",
            "Not done",
            "Not done",
            "not answered",
            "not answered",
        ],
    ]
    assert rows[5:] == [
        ["Question", "Step", "Answered", "Right at the first attempt"],
        ["What comes first?", "1", "1", "0"],
        ["Which words help?", "2", "2", "1"],
    ]


def test_another_trainers_report_is_a_404(client, cohort):
    made, assignment = cohort
    client.force_login(trainer("other"))
    assert client.get(report_url(made, assignment)).status_code == 404
    assert client.get(report_url(made, assignment, "assignment_csv")).status_code == 404


def test_the_report_runs_a_fixed_number_of_queries_for_a_cohort_of_30(client, cohort):
    made, assignment = cohort
    path = made.paths.get()
    with CaptureQueriesContext(connection) as three:
        assert client.get(report_url(*cohort)).status_code == 200
    for n in range(27):
        person = learner(f"extra{n}@example.com")
        made.learners.add(person)
        mark_done(person, path, n % 4)
        attempt(person, path.check_questions.get(), n % 2 == 0)
    with CaptureQueriesContext(connection) as thirty:
        client.get(report_url(*cohort))
    assert made.learners.count() == 30
    assert len(thirty.captured_queries) == len(three.captured_queries) == 12


def test_the_report_of_a_path_withdrawn_since_is_a_404(client, cohort):
    made, assignment = cohort
    Path.objects.filter(pk=assignment.path_id).update(status="withdrawn")
    assert client.get(report_url(made, assignment)).status_code == 404
