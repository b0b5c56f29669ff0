"""History: every save keeps a revision with its links, tags and owned rows; the history
page shows who changed what, field by field; publishers restore (as a new revision) and
recover deleted items; and a second editor's save over a first is refused, keeping the text."""

import pytest
from django.urls import reverse

from csx.editorial import history
from stories.models import Story
from tests.admin_forms import change_url, edit, form_data
from tests.factories import make_practice, make_principle, make_story

pytestmark = pytest.mark.django_db


def history_url(item):
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_history", args=[item.pk])


def restore(client, item, version):
    opts = item._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_restore", args=[item.pk, version.pk])
    return client.post(url)


def test_every_save_keeps_a_revision_with_links_and_tags(editor_client):
    principle = make_principle(title="Ownership")
    story = make_story(status="draft")
    edit(editor_client, story, principles=[principle.pk], tags="rings, gold")
    state = history.state_of(history.versions(story).first())
    assert state.m2m_data["principles"] == [principle.pk]
    assert sorted(state.m2m_data["tags"]) == ["gold", "rings"]


def test_a_revision_keeps_the_practices(editor_client):
    principle = make_principle(status="draft")
    make_practice(principle, title="Say sorry")
    edit(editor_client, principle, **{"practices-0-title": "Say sorry first"})
    revision = history.versions(principle).first().revision
    assert "Say sorry first" in [v.object_repr for v in revision.version_set.all()]


def test_the_history_page_shows_who_changed_what(editor_client, editor):
    story = make_story(status="draft", title="Old title", owner=editor)
    edit(editor_client, story, title="New title")
    entries = editor_client.get(history_url(story)).context["entries"]
    newest = entries[0]
    assert newest["version"].revision.user.username == "editor"
    assert [(c.label, c.pieces) for c in newest["changes"]] == [
        ("Title", [("Old", "delete"), ("New", "insert"), (" title", "equal")])
    ]


def test_a_browsers_line_endings_and_trailing_spaces_are_no_change(editor_client, editor):
    story = make_story(
        status="draft", title="Old title", owner=editor,
        body="What happened.\n\nWhy it matters.", discussion_questions="One?\nTwo?",
    )  # fmt: skip
    edit(
        editor_client, story, title="New title",
        body="What happened.  \r\n\r\nWhy it matters.", discussion_questions="One?\r\nTwo? ",
    )  # fmt: skip
    newest = editor_client.get(history_url(story)).context["entries"][0]
    assert [c.label for c in newest["changes"]] == ["Title"]


def test_restore_brings_back_the_links_tags_and_text(publisher_client):
    principle = make_principle(title="Ownership")
    story = make_story(status="draft", title="First title")
    edit(publisher_client, story, principles=[principle.pk], tags="rings")
    first = history.versions(story).first()
    edit(publisher_client, story, title="Second title", principles=[], tags="gold")
    response = restore(publisher_client, story, first)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "First title"
    assert list(story.principles.all()) == [principle]
    assert list(story.tags.names()) == ["rings"]


def test_restore_brings_back_the_practices(publisher_client):
    principle = make_principle(status="draft")
    make_practice(principle, title="Say sorry")
    edit(publisher_client, principle)
    first = history.versions(principle).first()
    edit(publisher_client, principle, **{"practices-0-DELETE": "on"})
    assert not principle.practices.exists()
    restore(publisher_client, principle, first)
    assert list(principle.practices.values_list("title", flat=True)) == ["Say sorry"]


def test_restore_is_a_new_revision(publisher_client):
    story = make_story(status="draft", title="First title")
    edit(publisher_client, story)
    first = history.versions(story).first()
    edit(publisher_client, story, title="Second title")
    count = history.versions(story).count()
    restore(publisher_client, story, first)
    newest = history.versions(story).first()
    assert history.versions(story).count() == count + 1
    assert newest.revision.comment.startswith("Restored the version of")


def test_restore_keeps_a_live_item_live(publisher_client):
    story = make_story(title="First title")
    edit(publisher_client, story, "publish")
    first = history.versions(story).first()
    edit(publisher_client, story, "publish", title="Second title")
    restore(publisher_client, story, first)
    story.refresh_from_db()
    assert (story.title, story.is_published) == ("First title", True)


def test_editors_cannot_restore(editor_client):
    story = make_story(status="draft")
    edit(editor_client, story)
    version = history.versions(story).first()
    assert restore(editor_client, story, version).status_code == 403


def test_a_deleted_item_is_recovered_as_a_draft_with_its_links(publisher_client):
    principle = make_principle(title="Ownership")
    story = make_story(title="Lost story", tags=["rings"])
    edit(publisher_client, story, "publish", principles=[principle.pk])
    pk = story.pk
    story.delete()
    listed = publisher_client.get(reverse("admin:stories_story_recoverlist"))
    version = listed.context["deleted"].object_list[0]
    response = publisher_client.post(reverse("admin:stories_story_recover", args=[version.pk]))
    assert response.status_code == 302
    recovered = Story.objects.get(pk=pk)
    assert (recovered.title, recovered.status) == ("Lost story", "draft")
    assert list(recovered.principles.all()) == [principle]
    assert list(recovered.tags.names()) == ["rings"]


def test_editors_cannot_recover(editor_client):
    assert editor_client.get(reverse("admin:stories_story_recoverlist")).status_code == 403


# Edit conflicts.


def test_a_second_save_over_someone_elses_is_refused_keeping_the_text(
    editor_client, publisher_client, editor
):
    story = make_story(status="draft", title="Old title", summary="Old summary.", owner=editor)
    second = form_data(publisher_client.get(change_url(story)))  # opened before the first save
    edit(editor_client, story, title="First editor's title")
    response = publisher_client.post(
        change_url(story), {**second, "summary": "Second editor's summary.", "_action": "save"}
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "Someone else saved this page" in str(form.non_field_errors())
    assert form["summary"].value() == "Second editor's summary."
    assert [change.label for change in form.conflict] == ["Title"]
    story.refresh_from_db()
    assert story.summary == "Old summary."


def test_saving_again_after_a_conflict_keeps_the_second_version(editor_client, publisher_client):
    story = make_story(status="draft", title="Old title")
    second = form_data(publisher_client.get(change_url(story)))
    edit(editor_client, story, title="First editor's title")
    refused = publisher_client.post(
        change_url(story), {**second, "title": "Second editor's title", "_action": "save"}
    )
    again = form_data(refused)
    publisher_client.post(change_url(story), {**again, "_action": "save"})
    story.refresh_from_db()
    assert story.title == "Second editor's title"


def test_a_conflict_over_a_pending_change_is_refused_too(editor_client, publisher_client):
    story = make_story(title="Live title")
    second = form_data(publisher_client.get(change_url(story)))
    edit(editor_client, story, title="Pending title")
    response = publisher_client.post(
        change_url(story), {**second, "title": "Other title", "_action": "save"}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.conflict


def test_apply_refuses_a_revision_whose_required_link_is_gone():
    from csx.models import Source
    from tests.factories import make_statistic

    statistic = make_statistic()
    source = statistic.cited_in
    history.ensure_revision(statistic)
    version = history.versions(statistic).first()
    statistic.cited_in = Source.objects.create(title="Another", slug="another")
    statistic.save()
    source.delete()
    with pytest.raises(history.RevisionError, match="cited in"):
        history.apply(version.revision, type(statistic), statistic.pk)


def test_publishers_find_deleted_items_from_the_list(publisher_client, editor_client):
    url = reverse("admin:stories_story_changelist")
    recover = reverse("admin:stories_story_recoverlist")
    assert f'href="{recover}"' in publisher_client.get(url).text
    assert f'href="{recover}"' not in editor_client.get(url).text
