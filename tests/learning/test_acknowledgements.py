"""Acknowledgements that respect change (csx/learning/acknowledgements.py): an item asks
learners "I have read and understood"; a publisher's material change asks those who
confirmed again, showing what changed since; a minor change asks no one."""

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csx.editorial import changes, history, scheduled, workflow
from csx.learning import acknowledgements
from csx.learning.models import Acknowledgement, AcknowledgementRequest, Assignment
from csx.models import Review
from tests import markup
from tests.admin_forms import LATER, change_url, decide, edit
from tests.factories import add_item, make_story
from tests.learning.helpers import cohort_with, learner, three_step_path, trainer

pytestmark = pytest.mark.django_db

MY_LEARNING = reverse("learning:my_learning")
BODY = "What happened, in a sentence."


@pytest.fixture
def path():
    return three_step_path()


@pytest.fixture
def story(path, editor):
    """The path's first step, a story that asks for confirmation."""
    first = path.steps()[0].story
    acknowledgements.ask(first, editor)
    return first


def browser_of(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def lee(path):
    user = learner()
    cohort_with([user], [path], by=trainer())
    return browser_of(user)


def step_url(path, number=1):
    return reverse("learning:course_step", args=[path.slug, number])


def confirm(client, path, number=1):
    """Press "I have read and understood" on step `number` as the page showed it."""
    page = client.get(step_url(path, number))
    edition = markup.one(page, ".acknowledgement input[name=edition]")["value"]
    url = reverse("learning:confirm_step", args=[path.slug, number])
    return client.post(url, {"edition": edition})


def panel(client, path, number=1):
    return markup.one(client.get(step_url(path, number)), ".acknowledgement")


def heading(client, path, number=1):
    return markup.text(markup.one(panel(client, path, number), "h2"))


def change_approved(editor_client, publisher_client, story, kind, **fields):
    """An editor changes the live `story`'s body; a publisher approves it as `kind`."""
    edit(editor_client, story, "submit", body="What happened, in two sentences. Then more.")
    response = decide(publisher_client, Review.objects.get(), "approve", **fields, change_kind=kind)
    assert response.status_code == 302, response.context["form"].errors


def change_approved_in_the_workflow(story, editor, publisher, material):
    """As change_approved, through the workflow's service without the admin's pages."""
    changes.apply_change(story, editor, lambda item: setattr(item, "body", "New."), "Body.")
    review = workflow.submit(story, editor)
    workflow.approve(review, publisher, history.stamp(story), material=material)


# Asking.


def test_an_editor_asks_learners_to_confirm_from_the_items_admin(editor_client, path):
    story = path.steps()[0].story
    url = reverse("admin:stories_story_acknowledgement", args=[story.pk])
    assert editor_client.post(url, {"ask": "1"})["Location"] == change_url(story)
    button = markup.one(editor_client.get(change_url(story)), ".object-tools .csx-ask")
    assert (acknowledgements.asks(story), markup.text(button)) == (
        True,
        "Stop asking learners to confirm",
    )


def test_an_item_that_does_not_ask_shows_learners_no_button(lee, path):
    assert markup.parse(lee.get(step_url(path))).select(".acknowledgement") == []


# Confirming.


def test_a_learner_confirms_the_version_readers_see(lee, path, story):
    assert heading(lee, path) == "Please confirm you have read this"
    assert confirm(lee, path)["Location"] == step_url(path)
    ack = Acknowledgement.objects.get()
    assert (ack.edition, ack.version) == (1, history.versions(story).first())
    assert heading(lee, path) == "Read and understood"


def test_a_learner_confirms_a_whole_path_on_its_page(lee, path, editor):
    acknowledgements.ask(path, editor)
    page = reverse("learning:course_detail", args=[path.slug])
    url = reverse("learning:confirm_path", args=[path.slug])
    assert lee.post(url, {"edition": "1"})["Location"] == page
    shown = markup.one(lee.get(page), ".acknowledgement h2")
    assert (markup.text(shown), Acknowledgement.objects.get().request.item) == (
        "Read and understood",
        path,
    )


def test_a_confirmation_of_an_edition_since_replaced_is_refused(lee, path, story):
    AcknowledgementRequest.objects.update(edition=2)  # a material change after the page
    url = reverse("learning:confirm_step", args=[path.slug, 1])
    lee.post(url, {"edition": "1"})
    assert Acknowledgement.objects.count() == 0


def test_a_confirmation_without_its_edition_is_a_bad_request(lee, path, story):
    url = reverse("learning:confirm_step", args=[path.slug, 1])
    assert lee.post(url, {"edition": "first"}).status_code == 400


def test_confirming_what_does_not_ask_is_not_found(lee, path):
    url = reverse("learning:confirm_step", args=[path.slug, 2])
    assert lee.post(url, {"edition": "1"}).status_code == 404


def test_the_xapi_hook_hears_of_each_confirmation_once_committed(
    lee, path, story, django_capture_on_commit_callbacks
):
    heard = []

    def listener(sender, acknowledgement, item, learner, **kwargs):
        heard.append((item, learner.username, acknowledgement.edition))

    acknowledgements.acknowledged.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            confirm(lee, path)
            # The same edition again (a second tab, say): no second statement.
            lee.post(reverse("learning:confirm_step", args=[path.slug, 1]), {"edition": "1"})
    finally:
        acknowledgements.acknowledged.disconnect(listener)
    assert heard == [(story, "lee@example.com", 1)]


# Material and minor changes.


def test_a_material_change_asks_again_with_the_diff_since_the_confirmed_version(
    lee, path, story, editor_client, publisher_client
):
    confirm(lee, path)
    change_approved(editor_client, publisher_client, story, "material")
    shown = panel(lee, path)
    assert markup.text(markup.one(shown, "h2")) == "Changed since you confirmed"
    body = [c for c in shown.select(".csx-diff dt") if markup.text(c) == "Body"]
    marks = body[0].find_next_sibling("dd")
    assert (
        [markup.text(e) for e in marks.select("del")],
        [markup.text(e) for e in marks.select("ins")],
    ) == (["a", "sentence."], ["two", "sentences. Then more."])
    assert markup.text(markup.one(shown, "button")) == "I have read and understood the change"


def test_my_learning_says_what_changed_since_the_learner_confirmed(
    lee, path, story, editor, publisher
):
    confirm(lee, path)
    change_approved_in_the_workflow(story, editor, publisher, material=True)
    entry = markup.one(lee.get(MY_LEARNING), ".acknowledgements-due li")
    assert markup.text(entry) == f"Changed since you confirmed: {story.title}"
    assert markup.hrefs(entry) == [f"{step_url(path)}#acknowledgement"]


def test_confirming_the_material_change_counts_as_confirmed_again(
    lee, path, story, editor, publisher
):
    confirm(lee, path)
    change_approved_in_the_workflow(story, editor, publisher, material=True)
    confirm(lee, path)
    assert list(Acknowledgement.objects.values_list("edition", flat=True)) == [2, 1]
    assert heading(lee, path) == "Read and understood"


def test_a_minor_change_asks_no_one(lee, path, story, editor_client, publisher_client):
    confirm(lee, path)
    change_approved(editor_client, publisher_client, story, "minor")
    story.refresh_from_db()
    assert story.body.startswith("What happened, in two sentences")
    assert heading(lee, path) == "Read and understood"
    assert markup.parse(lee.get(MY_LEARNING)).select(".acknowledgements-due") == []


def test_a_publisher_publishing_a_material_change_from_the_editor_asks_again(
    lee, path, story, publisher_client
):
    confirm(lee, path)
    edit(publisher_client, story, "publish", body="Published at once.", _change_kind="material")
    assert heading(lee, path) == "Changed since you confirmed"


def test_the_approve_form_refuses_a_missing_choice_keeping_what_was_typed(
    path, story, editor_client, publisher_client
):
    edit(editor_client, story, "submit", body="Another body.")
    response = decide(publisher_client, Review.objects.get(), "approve", comment="Reads well.")
    form = response.context["form"]
    assert (response.status_code, form.errors["change_kind"]) == (
        200,
        ["Say whether learners should confirm it again."],
    )
    assert markup.one(response, "textarea[name=comment]").text.strip() == "Reads well."
    story.refresh_from_db()
    assert story.body == BODY


def test_a_change_to_an_item_that_asks_nothing_is_approved_without_the_choice(
    path, editor_client, publisher_client
):
    unasked = path.steps()[0].story
    edit(editor_client, unasked, "submit", body="Another body.")
    page = publisher_client.get(reverse("admin:review", args=[Review.objects.get().pk]))
    assert "change_kind" not in page.context["form"].fields
    assert decide(publisher_client, Review.objects.get(), "approve").status_code == 302


def test_a_material_change_approved_for_later_asks_again_when_it_takes_effect(
    lee, path, story, editor_client, publisher_client
):
    confirm(lee, path)
    when = timezone.localtime() + LATER
    later = {"go_live_at_0": f"{when:%Y-%m-%d}", "go_live_at_1": f"{when:%H:%M:%S}"}
    change_approved(editor_client, publisher_client, story, "material", **later)
    assert heading(lee, path) == "Read and understood"
    with time_machine.travel(when + LATER):
        scheduled.apply_due()
    assert heading(lee, path) == "Changed since you confirmed"


# Privacy.


def test_a_learner_sees_only_their_own_confirmation(lee, path, story):
    kim = learner("kim@example.com")
    path.cohorts.get().learners.add(kim)
    confirm(lee, path)
    assert heading(browser_of(kim), path) == "Please confirm you have read this"


def test_a_learner_cannot_confirm_a_path_not_assigned_to_them(path, story):
    outsider = browser_of(learner("kim@example.com"))
    url = reverse("learning:confirm_step", args=[path.slug, 1])
    assert outsider.post(url, {"edition": "1"}).status_code == 404
    assert Acknowledgement.objects.count() == 0


def test_anonymous_readers_see_no_button_and_record_nothing(reader, path, story):
    page = reader.get(story.get_absolute_url())
    assert (page.status_code, markup.parse(page).select(".acknowledgement")) == (200, [])
    url = reverse("learning:confirm_step", args=[path.slug, 1])
    assert reader.post(url, {"edition": "1"}).status_code == 302  # to sign in
    assert Acknowledgement.objects.count() == 0


def test_the_trainer_sees_who_confirmed_which_version(lee, path, story, editor, publisher):
    kim = learner("kim@example.com")
    cohort = path.cohorts.get()
    cohort.learners.add(kim)
    confirm(lee, path)
    change_approved_in_the_workflow(story, editor, publisher, material=True)
    confirm(browser_of(kim), path)
    page = browser_of(cohort.trainer).get(cohort.get_absolute_url())
    rows = markup.one(page, ".cohort-confirmations").select("tbody tr")
    cells = [[markup.text(cell).split(",")[0] for cell in row.select("th, td")] for row in rows]
    assert cells == [["kim@example.com", "Version 2"], ["lee@example.com", "Version 1 only"]]


def confirmed_path(path, editor):
    """`path` asks, and a learner of it has confirmed it: their Acknowledgement."""
    acknowledgements.ask(path, editor)
    user = learner()
    cohort_with([user], [path])
    return acknowledgements.acknowledge(user, path)


def test_a_paths_diff_never_shows_learners_the_trainers_notes(path, editor):
    ack = confirmed_path(path, editor)
    step = path.steps()[0]
    step.trainer_note = "Before the reveal, ask the room."
    step.save()
    path.summary = "What a new agent reads first."
    path.save()
    assert [change.label for change in acknowledgements.changes_since(ack, path)] == ["Summary"]


def test_a_paths_diff_shows_learners_a_step_added(path, editor):
    ack = confirmed_path(path, editor)
    add_item(
        path, make_story(title="A fourth story", slug="fourth"), order=4, trainer_note="Secret."
    )
    (change,) = acknowledgements.changes_since(ack, path)
    added = [text for text, op in change.whole if op == "insert"]
    assert (change.label, "".join(added).strip()) == ("Path items", "4. Story: A fourth story")


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context.captured_queries)


def test_my_learning_reads_confirmations_in_as_many_queries_for_three_paths_as_for_one(
    lee, path, story, editor
):
    confirm(lee, path)
    one = queries_for(lee, MY_LEARNING)
    cohort = path.cohorts.get()
    for n in (2, 3):
        other = three_step_path(f"path-{n}", f"Path {n}")
        Assignment.objects.create(cohort=cohort, path=other)
        acknowledgements.ask(other.steps()[0].story, editor)
        acknowledgements.ask(other, editor)
    assert queries_for(lee, MY_LEARNING) == one
