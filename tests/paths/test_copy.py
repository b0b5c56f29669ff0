"""Copy a path: an admin action makes a draft copy with its steps, so a trainer can adapt it
without touching the original."""

import pytest
from django.urls import reverse

from csx.paths.models import Path
from tests.factories import add_item, make_path, make_principle, make_story

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:paths_path_changelist")


def copy_in_admin(client, *paths, follow=False):
    return client.post(
        CHANGELIST,
        {"action": "make_draft_copies", "_selected_action": [path.pk for path in paths]},
        follow=follow,
    )


def test_a_copy_is_a_draft_with_the_same_steps_notes_and_timings(editor_client):
    story, principle = make_story(), make_principle()
    original = make_path(body="Start *here*.")
    original.tags.set(["onboarding"])
    add_item(original, story, order=1, trainer_note="Ask why.", discussion_questions="Why?")
    add_item(original, principle, order=2, minutes=15)
    copy_in_admin(editor_client, original)
    copy = Path.objects.exclude(pk=original.pk).get()
    assert (copy.title, copy.slug, copy.status) == (
        "First week on the desk (copy)",
        "first-week-copy",
        "draft",
    )
    assert (copy.summary, copy.body) == (original.summary, original.body)
    assert list(copy.tags.names()) == ["onboarding"]
    fields = ["order", "story", "principle", "trainer_note", "discussion_questions", "minutes"]
    assert list(copy.items.values_list(*fields)) == list(original.items.values_list(*fields))


def test_copying_one_path_opens_the_copy_for_editing(editor_client):
    original = make_path([make_story()])
    response = copy_in_admin(editor_client, original)
    copy = Path.objects.exclude(pk=original.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:paths_path_change", args=[copy.pk])


def test_adapting_the_copy_leaves_the_original_as_it_was(editor_client):
    original = make_path([make_story(title="Kept")])
    copy_in_admin(editor_client, original)
    copy = Path.objects.exclude(pk=original.pk).get()
    copy.items.update(trainer_note="Changed in the copy.")
    copy.items.first().delete()
    assert [item.target.title for item in original.steps()] == ["Kept"]
    assert original.items.get().trainer_note == ""


def test_copies_of_copies_take_the_next_free_address(editor_client):
    original = make_path([make_story()])
    for _ in range(2):
        copy_in_admin(editor_client, original)
    assert sorted(Path.objects.values_list("slug", flat=True)) == [
        "first-week", "first-week-copy", "first-week-copy-2",
    ]  # fmt: skip


def test_a_copy_does_not_take_an_address_an_old_path_once_had(editor_client):
    renamed = make_path(slug="first-week-copy", title="Renamed later")
    renamed.slug = "something-else"
    renamed.save()
    copy_in_admin(editor_client, make_path())
    assert Path.objects.filter(slug="first-week-copy-2").exists()


def test_copying_several_paths_lists_the_copies(editor_client):
    first, second = make_path(), make_path(slug="second", title="Second path")
    response = copy_in_admin(editor_client, first, second, follow=True)
    message = str(list(response.context["messages"])[0])
    assert message.startswith("Made 2 draft copies: ")
    for copy in Path.objects.filter(status="draft"):
        assert f'<a href="{reverse("admin:paths_path_change", args=[copy.pk])}">' in message


def test_the_copy_does_not_inherit_the_originals_old_step_numbers(editor_client):
    original = make_path()
    add_item(original, make_story(), legacy_number=1)
    copy_in_admin(editor_client, original)
    copy = Path.objects.exclude(pk=original.pk).get()
    assert list(copy.items.values_list("legacy_number", flat=True)) == [None]
