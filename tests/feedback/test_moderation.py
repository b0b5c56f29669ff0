"""Moderation: shared stories wait in the admin's queue, become draft stories in one action
(public only once published), and lose the reader's name and email when editors are done
or when they are old."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from csx.feedback.models import Submission
from csx.search import search
from stories.models import Story
from tests.admin_forms import edit
from tests.factories import make_company
from tests.feedback.helpers import STORY, make_submission

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:feedback_submission_changelist")


def act(client, action, *submissions):
    return client.post(
        CHANGELIST,
        {"action": action, helpers.ACTION_CHECKBOX_NAME: [s.pk for s in submissions]},
    )


def public_pages(client, story_slug):
    """Everywhere a reader could meet a story, as one text."""
    pages = ["/", "/stories/", "/feeds/stories/", "/sitemap-stories.xml", f"/stories/{story_slug}/"]
    return "".join(client.get(url).content.decode() for url in pages)


# --- the queue ---------------------------------------------------------------------------


def test_editors_see_new_submissions_in_the_queue(editor_client):
    make_submission(company="Grand Hotel")
    response = editor_client.get(CHANGELIST, {"state__exact": "open"})
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert [s.company for s in rows] == ["Grand Hotel"]


def test_readers_add_submissions_editors_do_not(editor_client):
    assert editor_client.get(reverse("admin:feedback_submission_add")).status_code == 403


def test_what_the_reader_wrote_is_read_only_for_editors(editor_client):
    submission = make_submission()
    edit(
        editor_client, submission, what_happened="Rewritten.", email="x@example.org",
        state="dismissed", note="Not a service story.",
    )  # fmt: skip
    submission.refresh_from_db()
    assert (submission.what_happened, submission.email) == (STORY, "sam@example.org")
    assert (submission.state, submission.note) == ("dismissed", "Not a service story.")


def test_the_admin_history_never_names_the_reader(editor_client):
    submission = make_submission(name="Samantha Quill")
    assert "Samantha" not in str(submission) and "sam@" not in str(submission)


# --- a draft story, public only once published ------------------------------------------


def test_one_action_makes_a_prefilled_draft_story_linked_to_its_submission(editor_client):
    company = make_company(title="Grand Hotel")
    submission = make_submission(company="grand hotel", channel="phone", went="badly")
    response = act(editor_client, "make_draft_stories", submission)
    story = Story.objects.get(slug=f"reader-story-{submission.pk}")
    assert response.url == reverse("admin:stories_story_change", args=[story.pk])
    submission.refresh_from_db()
    assert (submission.story, submission.state) == (story, "answered")
    assert (story.status, story.outcome, story.channel, story.company) == (
        "draft", "cautionary", "phone", company,
    )  # fmt: skip
    assert story.title == "A reader's bad experience with grand hotel"
    assert story.body.startswith(STORY) and "Shared by Sam, a reader." in story.body
    assert story.summary and len(story.summary) <= 300


def test_the_draft_opens_in_the_admin_with_its_takeaway_left_to_the_editor(editor_client):
    act(editor_client, "make_draft_stories", make_submission())
    story = Story.objects.get()
    form = editor_client.get(reverse("admin:stories_story_change", args=[story.pk]))
    assert form.status_code == 200
    assert story.takeaway == ""


def test_a_submission_makes_one_draft_story_only(editor_client):
    submission = make_submission()
    act(editor_client, "make_draft_stories", submission)
    act(editor_client, "make_draft_stories", submission)
    assert Story.objects.count() == 1


def test_a_story_sent_without_consent_never_becomes_a_draft(editor_client):
    private = make_submission(consent=False)
    response = act(editor_client, "make_draft_stories", private)
    assert not Story.objects.exists()
    assert "without consent to publish" in editor_client.get(response.url).text


def test_a_story_sent_without_consent_refuses_a_draft_made_in_code():
    with pytest.raises(PermissionDenied):
        make_submission(consent=False).make_draft_story()


def test_a_draft_story_says_a_reader_submitted_it():
    story = make_submission().make_draft_story()
    assert story.provenance == Story.Provenance.READER
    assert str(story.evidence) == "How we know it: Sent in by a reader"


def test_an_anonymous_reader_is_credited_as_a_reader():
    story = make_submission(name="").make_draft_story()
    assert "Shared by a reader." in story.body


def test_a_submission_is_invisible_until_a_story_made_from_it_is_published(client):
    submission = make_submission(email="private-reader@example.org")
    marker = "sister hotel"
    assert marker not in public_pages(client, "reader-story-1")
    assert search("sister hotel").total == 0

    story = submission.make_draft_story()
    assert client.get(story.get_absolute_url()).status_code == 404
    assert marker not in public_pages(client, story.slug)
    assert search("sister hotel").total == 0

    story.status = "published"
    story.takeaway = "Own the problem, even when it is not yours."
    story.save()
    assert client.get(story.get_absolute_url()).status_code == 200
    assert marker in public_pages(client, story.slug)
    assert [r.title for r in search("sister hotel").results] == [story.title]
    assert "private-reader@example.org" not in public_pages(client, story.slug)


# --- erasing personal data ---------------------------------------------------------------


def test_erasing_removes_the_name_and_email():
    submission = make_submission(state="dismissed", name="Sam Quill", email="sam@example.org")
    submission.erase()
    row = Submission.objects.values().get()
    assert (row["name"], row["email"]) == ("", "")
    assert row["erased"] is not None
    assert not {"Sam Quill", "sam@example.org"} & {str(value) for value in row.values()}
    assert row["what_happened"] == STORY  # the story itself stays


def test_the_erase_action_erases_decided_submissions_only(editor_client):
    answered = make_submission(state="answered")
    dismissed = make_submission(state="dismissed")
    waiting = make_submission(state="open")
    response = act(editor_client, "erase_personal_data", answered, dismissed, waiting)
    assert response.status_code == 302
    emails = dict(Submission.objects.values_list("pk", "email"))
    assert emails == {answered.pk: "", dismissed.pk: "", waiting.pk: "sam@example.org"}
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "Erased the name and email of 2. 1 still open: answer or dismiss them first."
    ]


@pytest.fixture
def old_and_new():
    with time_machine.travel(timezone.now() - timedelta(days=91)):
        old = make_submission(state="open")
    return old, make_submission()


def test_the_command_erases_submissions_older_than_the_period(old_and_new, capsys):
    old, recent = old_and_new
    call_command("erase_old_submissions")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.email) == ("", "") and old.erased is not None
    assert (recent.name, recent.email) == ("Sam", "sam@example.org")
    assert "Erased the name and email of 1 shared story" in capsys.readouterr().out


def test_the_period_is_configurable(old_and_new, settings):
    settings.SUBMISSION_RETENTION_DAYS = 100
    call_command("erase_old_submissions")
    assert Submission.objects.filter(erased__isnull=False).count() == 0
    call_command("erase_old_submissions", days=0)
    assert Submission.objects.filter(erased__isnull=False).count() == 2


def test_the_command_is_safe_to_repeat(old_and_new, capsys):
    call_command("erase_old_submissions")
    call_command("erase_old_submissions")
    assert (
        "Erased the name and email of 0 shared stories" in capsys.readouterr().out.splitlines()[-1]
    )
