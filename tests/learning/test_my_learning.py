"""A learner's own pages (csx/learning/views/learner.py): "My learning" with each assigned
path's progress, due date and where to continue; a step marked done; nobody else's paths."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csx.learning.models import Assignment, StepDone
from tests import markup
from tests.factories import make_path
from tests.learning.helpers import (
    TOMORROW,
    YESTERDAY,
    cohort_with,
    learner,
    mark_done,
    three_step_path,
)

pytestmark = pytest.mark.django_db

MY_LEARNING = reverse("learning:my_learning")


@pytest.fixture
def lee(client):
    user = learner()
    client.force_login(user)
    return user


def step_url(path, step):
    return reverse("learning:course_step", args=[path.slug, step.number])


def test_my_learning_asks_a_visitor_to_sign_in(client):
    response = client.get(MY_LEARNING)
    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('learning:sign_in')}?next={MY_LEARNING}",
    )


def test_my_learning_lists_the_paths_assigned_to_the_learners_cohorts_only(client, lee):
    mine, theirs = three_step_path(), three_step_path("other", "Someone else's path")
    cohort_with([lee], [mine])
    cohort_with([learner("kim@example.com")], [theirs], name="Other cohort")
    titles = [markup.text(h) for h in markup.parse(client.get(MY_LEARNING)).select(".course h2")]
    assert titles == [mine.title]


def test_my_learning_shows_progress_and_the_due_date(client, lee):
    path = three_step_path()
    cohort_with([lee], [path], due=TOMORROW)
    mark_done(lee, path, 1)
    course = markup.one(client.get(MY_LEARNING), ".course")
    assert markup.text(markup.one(course, ".course-progress")).endswith("1 of 3 steps done")
    assert markup.one(course, ".course-due time")["datetime"] == TOMORROW.isoformat()


def test_a_past_due_date_on_an_unfinished_path_says_overdue(client, lee):
    cohort_with([lee], [three_step_path()], due=YESTERDAY)
    due = markup.one(client.get(MY_LEARNING), ".course .course-due")
    assert markup.text(due).startswith("Overdue: was due")


def test_continue_leads_to_the_first_step_not_done(client, lee):
    path = three_step_path()
    cohort_with([lee], [path])
    mark_done(lee, path, 1)
    second = list(path.steps())[1]
    link = markup.one(client.get(MY_LEARNING), ".course a.button")
    assert (link["href"], markup.text(link).split(":")[0]) == (
        step_url(path, second),
        "Continue where you left off",
    )


def test_a_path_assigned_twice_is_listed_once_with_its_earliest_due_date(client, lee):
    path = three_step_path()
    cohort_with([lee], [path], due=TOMORROW)
    cohort_with([lee], [path], due=YESTERDAY, name="Second cohort")
    dues = markup.parse(client.get(MY_LEARNING)).select(".course .course-due time")
    assert [due["datetime"] for due in dues] == [YESTERDAY.isoformat()]


def test_with_nothing_assigned_my_learning_says_what_comes_next(client, lee):
    empty = markup.one(client.get(MY_LEARNING), "main .empty")
    assert markup.text(empty).startswith("No path is assigned to you yet.")


def test_marking_a_step_done_records_it_and_goes_on_to_the_next(client, lee):
    path = three_step_path()
    cohort_with([lee], [path])
    first, second, _ = path.steps()
    response = client.post(reverse("learning:step_done", args=[path.slug, first.number]))
    assert (response.status_code, response["Location"]) == (302, step_url(path, second))
    assert list(StepDone.objects.values_list("learner", "item")) == [(lee.pk, first.pk)]


def test_marking_a_step_not_done_takes_the_mark_back(client, lee):
    path = three_step_path()
    cohort_with([lee], [path])
    mark_done(lee, path, 1)
    first = path.steps()[0]
    client.post(reverse("learning:step_done", args=[path.slug, first.number]), {"done": "0"})
    assert StepDone.objects.count() == 0


def test_marking_the_last_step_leads_back_to_the_finished_path(client, lee):
    path = three_step_path()
    cohort_with([lee], [path])
    mark_done(lee, path, 2)
    last = path.steps()[2]
    response = client.post(reverse("learning:step_done", args=[path.slug, last.number]))
    assert response["Location"] == reverse("learning:course_detail", args=[path.slug])
    steps = markup.parse(client.get(response["Location"])).select(".course-steps .step-status")
    assert [markup.text(s) for s in steps] == ["Done", "Done", "Done"]


def test_a_step_page_shows_the_item_and_the_button_to_mark_it_done(client, lee):
    path = three_step_path()
    cohort_with([lee], [path])
    first = path.steps()[0]
    page = client.get(step_url(path, first))
    assert markup.text(markup.one(page, "main h1")) == first.target.title
    form = markup.one(page, "form.step-done-form")
    assert form["action"] == reverse("learning:step_done", args=[path.slug, first.number])


def test_a_path_not_assigned_to_the_learner_is_not_found(client, lee):
    path = three_step_path()
    cohort_with([learner("kim@example.com")], [path])
    first = path.steps()[0]
    assert client.get(reverse("learning:course_detail", args=[path.slug])).status_code == 404
    assert client.get(step_url(path, first)).status_code == 404


def test_marking_a_step_of_someone_elses_path_is_refused(client, lee):
    path = three_step_path()
    cohort_with([learner("kim@example.com")], [path])
    first = path.steps()[0]
    response = client.post(reverse("learning:step_done", args=[path.slug, first.number]))
    assert (response.status_code, StepDone.objects.count()) == (404, 0)


def test_a_step_number_the_path_lacks_is_not_found(client, lee):
    path = three_step_path()
    cohort_with([lee], [path])
    url = reverse("learning:course_step", args=[path.slug, 99])
    assert client.get(url).status_code == 404


def test_a_draft_path_is_not_listed_even_when_assigned(client, lee):
    cohort_with([lee], [make_path(status="draft", slug="draft-path")])
    assert markup.parse(client.get(MY_LEARNING)).select(".course") == []


def test_a_learners_page_is_never_kept_by_a_cache(client, lee):
    cache_control = client.get(MY_LEARNING)["Cache-Control"]
    assert {"private", "no-store"} <= {part.strip() for part in cache_control.split(",")}


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context.captured_queries)


def test_my_learning_runs_as_many_queries_for_three_paths_as_for_one(client, lee):
    cohort = cohort_with([lee], [three_step_path()])
    one = queries_for(client, MY_LEARNING)
    for n in (2, 3):
        path = three_step_path(f"path-{n}", f"Path {n}")
        Assignment.objects.create(cohort=cohort, path=path)
        mark_done(lee, path, 1)
    assert queries_for(client, MY_LEARNING) == one
