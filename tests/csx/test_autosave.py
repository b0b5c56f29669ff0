"""The change forms' autosave endpoint (csx/editorial/admin/autosave.py): it keeps an editor's
typing as their own private copy, answers in JSON only (401 signed out, 403 refused, 400 bad
input, never a redirect or a 500), and the copy is offered back, then forgotten on a save."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from csx.models import AuditEvent, Autosave, PendingChange, Review
from stories.models import Story
from tests.admin_forms import add, edit
from tests.conftest import staff
from tests.factories import make_story

pytestmark = pytest.mark.django_db

TYPED = [
    ["title", "Half written"],
    ["summary", "Still going."],
    ["outcome", "exemplary", "Exemplary"],
]


def url(item=None):
    return reverse("admin:autosave", args=["stories", "story", item.pk if item else "add"])


def post(client, target, fields=TYPED, **extra):
    return client.post(target, json.dumps({"fields": fields}), content_type="application/json",
                       **extra)  # fmt: skip


@pytest.fixture
def csrf_client(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


def token(client):
    return client.get(reverse("admin:autosave_session")).json()["csrf_token"]


def test_typing_is_kept_as_a_private_copy_with_nothing_in_the_workflow(csrf_client, editor):
    story = make_story()
    events = AuditEvent.objects.count()
    answer = post(csrf_client, url(story), HTTP_X_CSRFTOKEN=token(csrf_client))
    assert answer.status_code == 200 and answer.json()["when"]
    kept = Autosave.objects.get()
    assert (kept.user, kept.object_id, kept.fields) == (
        editor,
        story.pk,
        [[*f, ""][:3] for f in TYPED],
    )
    story.refresh_from_db()
    assert story.title != "Half written"
    assert not PendingChange.objects.exists() and not Review.objects.exists()
    assert AuditEvent.objects.count() == events
    post(csrf_client, url(story), [["title", "Later"]], HTTP_X_CSRFTOKEN=token(csrf_client))
    assert Autosave.objects.get().fields == [["title", "Later", ""]]  # one per person per item


def test_without_the_csrf_token_it_is_refused_in_json(csrf_client):
    answer = post(csrf_client, url())
    assert (answer.status_code, answer.json()["error"]) == (403, "csrf")
    assert not Autosave.objects.exists()


def test_signed_out_answers_401_in_json_not_the_sign_in_page(client):
    answer = post(client, url())
    assert (answer.status_code, answer.json()["error"]) == (401, "signed_out")
    assert client.get(reverse("admin:autosave_session")).status_code == 401


@pytest.mark.parametrize(
    "body",
    ["not json", "{}", '{"fields": 3}', '{"fields": [[1, 2]]}', '{"fields": [["a"]]}',
     json.dumps({"fields": [["body", "x" * 1_100_000]]}),
     json.dumps({"fields": [["body", "x" * 3_000_000]]})],  # beyond Django's own limit
)  # fmt: skip
def test_bad_input_is_a_400(editor_client, body):
    answer = editor_client.post(url(), body, content_type="application/json")
    assert answer.status_code == 400


def test_a_nul_typed_in_is_dropped_not_a_500(editor_client):
    answer = post(editor_client, url(), [["title", "a\x00b"]])
    assert answer.status_code == 200
    assert Autosave.objects.get().fields == [["title", "ab", ""]]


@pytest.mark.parametrize(
    "path",
    ["stories/story/abc", "stories/story/99999999", "auth/user/add", "nothing/here/add",
     "stories/story/99999999999999999999999"],
)  # fmt: skip
def test_no_such_item_or_type_is_a_4xx(editor_client, path):
    answer = editor_client.post(f"/admin/autosave/{path}/", "{}", content_type="application/json")
    assert answer.status_code in (400, 404)


def test_only_items_the_person_may_change(client):
    reader_staff = staff("visitor", "Editors")
    reader_staff.groups.clear()  # staff, no role
    client.force_login(reader_staff)
    assert post(client, url(make_story())).status_code == 403


def test_get_is_not_allowed(editor_client):
    assert editor_client.get(url()).status_code == 405


def test_a_newer_copy_is_offered_on_the_form_and_forgotten_on_save(editor_client, editor):
    story = make_story()
    post(editor_client, url(story))
    page = editor_client.get(reverse("admin:stories_story_change", args=[story.pk]))
    kept = page.context["autosave"]["kept"]
    assert kept["fields"][0] == ["title", "Half written", ""]
    assert b'id="csx-autosave" data-config=' in page.content
    edit(editor_client, story, title="Saved properly")
    assert not Autosave.objects.exists()


def test_a_held_edit_of_a_live_item_forgets_the_copy_too(editor_client):
    story = make_story()  # published: the edit is held as a pending change
    post(editor_client, url(story))
    answer = edit(editor_client, story, title="A held change")
    assert answer.status_code == 302
    assert PendingChange.objects.exists() and not Autosave.objects.exists()


def test_the_add_forms_copy_is_forgotten_once_the_item_is_made(editor_client):
    post(editor_client, url())
    assert Autosave.objects.get().object_id is None
    answer = add(editor_client, Story, title="Made", slug="made", summary="S.",
                 outcome="exemplary", takeaway="T.", provenance="review")  # fmt: skip
    assert answer.status_code == 302
    assert not Autosave.objects.exists()


def test_nobody_sees_anothers_copy_and_discard_removes_mine(editor_client, editor):
    story = make_story()
    post(editor_client, url(story))
    client = Client()
    client.force_login(staff("olive", "Editors"))
    page = client.get(reverse("admin:stories_story_change", args=[story.pk]))
    assert page.context["autosave"]["kept"] is None
    assert client.post(url(story) + "discard/").status_code == 200
    assert Autosave.objects.filter(user=editor).exists()  # hers, not olive's, stays
    editor_client.post(url(story) + "discard/")
    assert not Autosave.objects.exists()
