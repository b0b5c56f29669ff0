"""Knowledge checks (csx/learning/checks/): editors write them on the item's admin page,
through the workflow; learners answer them on the step page and see why; every attempt is
kept; a step is done only once its check is answered."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from csx.editorial import workflow
from csx.learning import progress
from csx.learning.checks import answering
from csx.learning.checks.models import Attempt, CheckQuestion
from csx.models import Review
from tests import markup
from tests.admin_forms import change_url, decide, edit, form_data
from tests.factories import make_story
from tests.learning.checks import RIGHT_FIRST, question
from tests.learning.helpers import cohort_with, learner, three_step_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def walk(client):
    """A learner signed in, walking a three-step path whose first step's story asks one
    question; yields (learner, path, its steps, the question)."""
    lee = learner()
    client.force_login(lee)
    path = three_step_path()
    steps = list(path.steps())
    asked = question(steps[0].story)
    cohort_with([lee], [path])
    return lee, path, steps, asked


def step_url(path, step, action=""):
    return reverse(f"learning:course_step{action}", args=[path.slug, step.number])


def check_url(path, step):
    return reverse("learning:step_check", args=[path.slug, step.number])


def done_url(path, step):
    return reverse("learning:step_done", args=[path.slug, step.number])


@pytest.mark.parametrize(
    ("kind", "choices", "problem"),
    [
        ("single", "[x] Only one | Why.", "Give at least two choices."),
        ("single", "[ ] A | Why.\n[ ] B | Why.", "Mark at least one right answer with [x]."),
        ("single", "[x] A | Why.\n[x] B | Why.", "A single-choice question has one right"),
        ("multiple", "[x] A | Why.\n[ ] B", "Line 2: write each choice as"),
    ],
)
def test_a_question_is_refused_without_explained_choices_and_a_right_answer(kind, choices, problem):
    unsaved = CheckQuestion(story=make_story(), prompt="Which?", kind=kind, choices=choices)
    with pytest.raises(ValidationError) as error:
        unsaved.full_clean()
    assert error.value.message_dict["choices"][0].startswith(problem)


def test_a_new_question_on_a_live_story_waits_for_a_publishers_approval(
    editor_client, publisher_client
):
    story = make_story()
    added = {
        "check_questions-TOTAL_FORMS": "1", "check_questions-0-prompt": "What comes first?",
        "check_questions-0-kind": "single", "check_questions-0-choices": RIGHT_FIRST,
        "check_questions-0-order": "1",
    }  # fmt: skip
    response = edit(editor_client, story, "submit", **added)
    assert response.status_code == 302
    assert not CheckQuestion.objects.exists()  # learners see nothing of it yet
    decide(publisher_client, Review.objects.get(), "approve")
    assert list(story.check_questions.values_list("prompt", flat=True)) == ["What comes first?"]


def test_the_step_page_asks_the_items_questions_and_the_paths_own_for_that_step(client, walk):
    lee, path, steps, asked = walk
    question(path=path, step=steps[0], prompt="And at this step?")
    question(path=path, step=steps[1], prompt="Another step's question")
    legends = markup.parse(client.get(step_url(path, steps[0]))).select("#check legend")
    assert [markup.text(legend) for legend in legends] == [asked.prompt, "And at this step?"]


def test_an_answer_shows_which_choices_were_right_and_why(client, walk):
    lee, path, steps, asked = walk
    response = client.post(check_url(path, steps[0]), {f"q{asked.pk}": "1"})
    assert (response.status_code, response["Location"]) == (
        302,
        f"{step_url(path, steps[0])}#check",
    )
    page = client.get(step_url(path, steps[0]))
    assert markup.text(markup.one(page, ".check-verdict")).startswith("Not quite.")
    choices = [markup.text(li) for li in markup.parse(page).select(".check-choice")]
    assert choices == [
        "Apologise first right answer It shows you heard them.",
        "Quote the policy your answer Policy first sounds like an excuse.",
    ]


def test_every_attempt_is_kept_with_its_mark(client, walk):
    lee, path, steps, asked = walk
    client.post(check_url(path, steps[0]), {f"q{asked.pk}": "1"})
    client.post(check_url(path, steps[0]), {f"q{asked.pk}": "0"})
    kept = Attempt.objects.filter(learner=lee).values_list("chosen", "correct", "step")
    assert list(kept) == [
        (["Quote the policy"], False, steps[0].pk),
        (["Apologise first"], True, steps[0].pk),
    ]


def test_a_check_left_unanswered_is_a_form_error_not_an_attempt(client, walk):
    lee, path, steps, asked = walk
    response = client.post(check_url(path, steps[0]), {})
    assert response.status_code == 400
    assert (
        markup.text(markup.one(response, "#check .field-error"))
        == "Choose an answer to this question."
    )
    assert not Attempt.objects.exists()


def test_a_multiple_choice_question_is_right_only_with_every_right_choice(client, walk):
    lee, path, steps, _ = walk
    both = question(
        steps[1].principle, kind="multiple", prompt="Which help?",
        choices="[x] Listen | Yes.\n[x] Name it | Yes.\n[ ] Argue | No.",
    )  # fmt: skip
    client.post(check_url(path, steps[1]), {f"q{both.pk}": ["0"]})
    client.post(check_url(path, steps[1]), {f"q{both.pk}": ["0", "1"]})
    assert list(Attempt.objects.values_list("correct", flat=True)) == [False, True]


def test_a_step_marked_done_is_done_only_once_its_check_is_answered(client, walk):
    lee, path, steps, asked = walk
    response = client.post(done_url(path, steps[0]))
    assert response["Location"] == f"{step_url(path, steps[0])}#check"
    assert progress.course(lee, path.slug).done == set()
    client.post(check_url(path, steps[0]), {f"q{asked.pk}": "1"})  # wrong, but answered
    assert progress.course(lee, path.slug).done == {steps[0].pk}


def test_a_step_without_a_check_is_done_when_marked(client, walk):
    lee, path, steps, _ = walk
    response = client.post(done_url(path, steps[1]))
    assert response["Location"] == step_url(path, steps[0])  # on to the first not done
    assert progress.course(lee, path.slug).done == {steps[1].pk}


def test_a_step_with_no_check_has_no_check_address(client, walk):
    lee, path, steps, _ = walk
    assert client.post(check_url(path, steps[2]), {}).status_code == 404


def test_answered_is_told_of_each_answer_once_it_is_kept(
    client, walk, django_capture_on_commit_callbacks
):
    lee, path, steps, asked = walk
    heard = []

    def listener(sender, learner, question, attempt, **kwargs):
        heard.append((learner, question, attempt.correct))

    answering.check_answered.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(check_url(path, steps[0]), {f"q{asked.pk}": "0"})
    finally:
        answering.check_answered.disconnect(listener)
    assert heard == [(lee, asked, True)]


def test_a_copy_of_a_path_asks_its_steps_questions_at_the_copied_steps(walk):
    lee, path, steps, _ = walk
    question(path=path, step=steps[1], prompt="At step two?")
    copy = path.copy()
    copied = copy.check_questions.get()
    assert (copied.prompt, copied.step.path, copied.step.story_id, copied.step.principle_id) == (
        "At step two?", copy, None, steps[1].principle_id,
    )  # fmt: skip


def test_a_form_posted_without_the_questions_part_leaves_them_as_they_are(editor_client):
    story = make_story(status="draft", title="Old title")
    asked = question(story)
    page = editor_client.get(change_url(story))
    data = {k: v for k, v in form_data(page).items() if not k.startswith("check_questions-")}
    response = editor_client.post(change_url(story), {**data, "title": "New title"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.title, list(story.check_questions.all())) == ("New title", [asked])


def test_the_review_shows_a_changed_question_beside_the_live_one(editor_client):
    story = make_story()
    asked = question(story)
    edit(editor_client, story, "submit", **{"check_questions-0-prompt": "What comes last?"})
    (changed,) = [c for c in workflow.changes(story) if c.label == "Knowledge check questions"]
    marked = [(text.strip(), op) for text, op in changed.whole if op != "equal"]
    assert marked == [("first?", "delete"), ("last?", "insert")]
    assert asked.prompt == "What comes first?"  # learners keep the approved question meanwhile


def test_a_paths_question_must_ask_about_one_of_its_own_steps(publisher_client):
    path, other = three_step_path(), three_step_path("other", "Another path")
    path.status = "draft"
    path.save()
    elsewhere = other.steps().first()
    response = edit(
        publisher_client, path, "save",
        **{"check_questions-TOTAL_FORMS": "1", "check_questions-0-step": str(elsewhere.pk),
           "check_questions-0-prompt": "Which?", "check_questions-0-kind": "single",
           "check_questions-0-choices": RIGHT_FIRST, "check_questions-0-order": "1"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not CheckQuestion.objects.exists()
