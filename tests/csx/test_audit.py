"""One audit log: every workflow event, who and when, on the item's history page and across
items in the admin (filters, CSV export)."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.urls import reverse

from csx.editorial import audit, history, scheduled, workflow
from csx.models import AuditEvent, Review
from principles.models import VerificationCheck
from stories.models import Story
from tests.admin_forms import change_for_later, decide, edit, form_data
from tests.factories import make_statistic, make_story

pytestmark = pytest.mark.django_db

Action = AuditEvent.Action


def events(item):
    return [(e.action, e.actor_name, e.comment) for e in AuditEvent.of(item).order_by("pk")]


def test_submit_send_back_and_approve_are_logged_with_who_and_the_comment(
    editor_client, publisher_client
):
    story = make_story(status="draft")
    edit(editor_client, story, "submit", _message="Ready, I think.")
    review = Review.objects.get()
    decide(publisher_client, review, "send_back", comment="Name the airline.")
    edit(editor_client, story, "submit")
    decide(publisher_client, Review.objects.waiting().get(), "approve", comment="")
    assert events(story) == [
        (Action.SUBMITTED, "editor", "Ready, I think."),
        (Action.SENT_BACK, "publisher", "Name the airline."),
        (Action.SUBMITTED, "editor", ""),
        (Action.PUBLISHED, "publisher", ""),
    ]


def test_a_change_approved_for_later_is_logged_and_so_is_its_taking_effect(
    editor_client, publisher_client
):
    story = make_story(title="Before")
    at = change_for_later(editor_client, publisher_client, story, title="After")
    with time_machine.travel(at + timedelta(seconds=1)):
        scheduled.apply_due()
    assert [(action, who) for action, who, _ in events(story)] == [
        (Action.SUBMITTED, "editor"),
        (Action.APPROVED, "publisher"),
        (Action.CHANGE_APPLIED, "publisher"),
    ]


def test_withdrawing_is_logged(publisher):
    story = make_story()
    workflow.withdraw(story, publisher)
    assert events(story) == [(Action.WITHDRAWN, "publisher", "")]


def test_restoring_and_recovering_are_logged(publisher_client):
    story = make_story(title="First title")
    edit(publisher_client, story, "publish")
    first = history.versions(story).first()
    edit(publisher_client, story, "publish", title="Second title")
    opts = story._meta
    publisher_client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_restore", args=[story.pk, first.pk])
    )
    assert (Action.RESTORED, "publisher") in [event[:2] for event in events(story)]
    pk = story.pk
    story.delete()
    version = history.deleted(Story).first()
    publisher_client.post(reverse("admin:stories_story_recover", args=[version.pk]))
    assert events(Story.objects.get(pk=pk))[-1][:2] == (Action.RECOVERED, "publisher")


def test_who_deleted_an_item_is_logged_under_its_title(editor_client):
    story = make_story(title="Gone soon", status="draft")
    pk = story.pk
    editor_client.post(reverse("admin:stories_story_delete", args=[pk]), {"post": "yes"})
    event = AuditEvent.objects.get(action=Action.DELETED)
    assert (event.object_id, event.title, event.actor_name) == (pk, "Gone soon", "editor")


def test_a_verification_check_is_logged_with_its_checker(editor):
    statistic = make_statistic()
    VerificationCheck.objects.create(
        statistic=statistic, state="secondary", checked_by=editor,
        what_was_checked="The study's table 3.", result="Only a blog cites it.",
    )  # fmt: skip
    assert events(statistic) == [
        (
            Action.CHECK_RECORDED,
            "editor",
            "Cited by a secondary source only: Only a blog cites it.",
        )
    ]


def test_a_role_change_is_logged_with_who_made_it(editor, publisher):
    with audit.acting(publisher):
        editor.groups.add(Group.objects.get(name="Publishers"))
    assert events(editor)[-1] == (Action.ROLE_CHANGED, "publisher", "Added to Publishers.")


def test_the_admin_makes_whoever_is_signed_in_the_actor(editor_client):
    root = User.objects.create_superuser("root", password="a-long-test-password")
    editor_client.force_login(root)
    editor = User.objects.get(username="editor")
    url = reverse("admin:auth_user_change", args=[editor.pk])
    data = form_data(editor_client.get(url))
    data["groups"] = [g.pk for g in Group.objects.filter(name__in=["Editors", "Publishers"])]
    assert editor_client.post(url, data).status_code == 302
    assert events(editor)[-1] == (Action.ROLE_CHANGED, "root", "Added to Publishers.")


def test_the_history_page_lists_the_items_events(editor_client):
    story = make_story(status="draft")
    edit(editor_client, story, "submit", _message="Please look.")
    opts = story._meta
    page = editor_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[story.pk])
    )
    assert [(e.action, e.comment) for e in page.context["events"]] == [
        (Action.SUBMITTED, "Please look.")
    ]


def test_the_log_is_filtered_and_exported_as_csv(editor_client, publisher):
    kept, other = make_story(title="Kept"), make_story(title="Other")
    workflow.withdraw(kept, publisher)
    audit.record(Action.DELETED, other, publisher)
    url = reverse("admin:csx_auditevent_changelist")
    listed = editor_client.get(url, {"action__exact": "withdrawn"})
    assert [e.title for e in listed.context["cl"].result_list] == ["Kept"]
    exported = editor_client.get(
        reverse("admin:csx_auditevent_export"), {"action__exact": "withdrawn"}
    )
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert rows[0] == ["when", "who", "event", "type", "item id", "item", "comment"]
    assert [row[1:] for row in rows[1:]] == [
        ["publisher", "Withdrawn", "story", str(kept.pk), "Kept", ""]
    ]


def test_nobody_can_change_or_delete_an_event(publisher_client, publisher):
    event = audit.record(Action.WITHDRAWN, make_story(), publisher)
    AuditEvent.objects.exclude(pk=event.pk).delete()  # the fixtures' own role events
    change = reverse("admin:csx_auditevent_change", args=[event.pk])
    delete = reverse("admin:csx_auditevent_delete", args=[event.pk])
    assert publisher_client.post(change, {"comment": "Rewritten."}).status_code == 403
    assert publisher_client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get().comment == ""
