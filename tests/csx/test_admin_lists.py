"""The content lists for hundreds of items: columns, typed filters, owner, saved views."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csx.editorial import workflow
from csx.editorial.scheduled import schedule
from csx.models import SavedView, Status
from stories.models import Story
from tests.factories import make_company, make_story

pytestmark = pytest.mark.django_db

LIST = reverse("admin:stories_story_changelist")


def listed(response):
    return {item.title for item in response.context["cl"].result_list}


def columns(response):
    return list(response.context["cl"].list_display)


def test_the_story_list_shows_where_each_story_stands_with_its_owner(editor_client, editor):
    make_story(title="Owned", owner=editor)
    shown = columns(editor_client.get(LIST))
    for column in ["title_cell", "state_label", "owner_name", "updated_cell", "review_by_cell"]:
        assert column in shown
    # What is a filter does not take a column's width as well.
    assert not {"kind", "provenance", "featured"} & set(shown)


@pytest.mark.parametrize("url", ["admin:principles_statistic_changelist",
                                 "admin:principles_resource_changelist",
                                 "admin:stories_company_changelist"])  # fmt: skip
def test_every_content_list_has_the_owner_and_review_by_columns(editor_client, url):
    shown = columns(editor_client.get(reverse(url)))
    assert {"owner_name", "review_by_cell", "state_label"} <= set(shown)


def test_a_long_title_is_one_line_with_the_whole_title_in_its_title_attribute(editor_client):
    title = "A very long title " * 8
    make_story(title=title.strip())
    page = editor_client.get(LIST).content.decode()
    assert f'class="list-title" title="{title.strip()}"' in page


def test_company_and_tag_filters_are_typed_not_listed(editor_client):
    for n in range(30):
        make_story(company=make_company(title=f"Listed Company {n}"), tags=[f"tag {n}"])
    response = editor_client.get(LIST)
    changelist = response.context["cl"]
    for spec in changelist.filter_specs:
        offered = {choice["display"] for choice in spec.choices(changelist)}
        assert not any(str(name).startswith(("Listed Company", "tag ")) for name in offered)
    page = response.content.decode()
    assert 'data-filter-param="company__id__exact"' in page
    assert 'data-filter-param="tags__id__exact"' in page


def test_a_typed_company_filter_narrows_the_list_and_shows_its_choice(editor_client):
    chosen = make_company(title="Zappos")
    make_story(title="Chosen", company=chosen)
    make_story(title="Other", company=make_company(title="Nordstrom"))
    response = editor_client.get(LIST, {"company__id__exact": chosen.pk})
    assert listed(response) == {"Chosen"}
    assert f'<option value="{chosen.pk}" selected>Zappos</option>' in response.content.decode()


def test_a_typed_tag_filter_narrows_the_list(editor_client):
    make_story(title="Chosen", tags=["refunds"])
    make_story(title="Other", tags=["returns"])
    tag = Story.objects.get(title="Chosen").tags.get()
    assert listed(editor_client.get(LIST, {"tags__id__exact": tag.pk})) == {"Chosen"}


def test_the_tag_filter_finds_tags_as_the_editor_types(editor_client):
    make_story(tags=["refunds", "returns", "loyalty"])
    query = {"term": "re", "app_label": "stories", "model_name": "story", "field_name": "tags"}
    answer = editor_client.get(reverse("admin:autocomplete"), query).json()
    assert {r["text"] for r in answer["results"]} == {"refunds", "returns"}


def test_the_owner_filter_shows_mine_and_anyone_chosen(editor_client, editor, publisher):
    make_story(title="Mine", owner=editor)
    make_story(title="Theirs", owner=publisher)
    make_story(title="Nobody's")
    assert listed(editor_client.get(LIST, {"owner": "me"})) == {"Mine"}
    assert listed(editor_client.get(LIST, {"owner": publisher.pk})) == {"Theirs"}


def test_owners_are_offered_as_typed_to_an_editor_who_cannot_read_users(editor_client, publisher):
    url = reverse("admin:stories_story_owners")
    answer = editor_client.get(url, {"term": "publ"}).json()
    assert answer["results"] == [{"id": str(publisher.pk), "text": "publisher"}]
    assert editor_client.get(url, {"term": "a\x00b"}).status_code == 400


def test_waiting_for_me_is_the_review_queue_for_a_publisher(publisher_client, editor):
    waiting = make_story(title="Waiting", status=Status.DRAFT)
    workflow.submit(waiting, editor)
    make_story(title="Draft", status=Status.DRAFT)
    assert listed(publisher_client.get(LIST, {"waiting": "me"})) == {"Waiting"}


def test_waiting_for_me_is_what_was_sent_back_to_an_editor(editor_client, editor, publisher):
    sent_back = make_story(title="Sent back", status=Status.DRAFT, owner=editor)
    review = workflow.submit(sent_back, editor)
    workflow.send_back(review, publisher, "Name the source.")
    make_story(title="Mine, not sent back", status=Status.DRAFT, owner=editor)
    assert listed(editor_client.get(LIST, {"waiting": "me"})) == {"Sent back"}


def test_changed_this_week_leaves_out_older_items(editor_client):
    make_story(title="New")
    old = make_story(title="Old")
    Story.objects.filter(pk=old.pk).update(updated=timezone.now() - timedelta(days=9))
    assert listed(editor_client.get(LIST, {"changed": "week"})) == {"New"}


def test_the_four_built_in_views_are_offered_as_links(editor_client):
    views = editor_client.get(LIST).context["saved_views"]
    assert [v["name"] for v in views] == [
        "Mine", "Waiting for me", "Changed this week", "Due for review",
    ]  # fmt: skip
    for view in views:  # each link is a list the admin accepts
        assert editor_client.get(view["url"]).status_code == 200


def test_a_person_saves_the_filters_under_a_name_and_shares_the_link(
    editor_client, editor, publisher_client
):
    make_story(title="Cautionary", outcome="cautionary")
    make_story(title="Exemplary", outcome="exemplary")
    saved = editor_client.post(
        reverse("admin:stories_story_views"),
        {"name": "  Cautionary  tales ", "query": "outcome__exact=cautionary&p=2"},
    )
    view = SavedView.objects.get(owner=editor)
    assert (view.name, view.query) == ("Cautionary tales", "outcome__exact=cautionary")
    assert saved["Location"] == f"{LIST}?outcome__exact=cautionary"
    mine = editor_client.get(LIST).context["saved_views"]
    assert mine[-1]["name"] == "Cautionary tales"
    # Another person has only the built-in views, but the link shows them the same list.
    assert len(publisher_client.get(LIST).context["saved_views"]) == 4
    assert listed(publisher_client.get(saved["Location"])) == {"Cautionary"}


def test_a_person_deletes_only_their_own_views(editor_client, editor, publisher, publisher_client):
    url = reverse("admin:stories_story_views")
    editor_client.post(url, {"name": "Mine", "query": "owner=me"})
    view = SavedView.objects.get()
    publisher_client.post(url, {"delete": view.pk})
    assert SavedView.objects.count() == 1
    editor_client.post(url, {"delete": view.pk})
    assert SavedView.objects.count() == 0


def test_a_view_without_a_name_is_not_saved(editor_client):
    response = editor_client.post(reverse("admin:stories_story_views"), {"name": " ", "query": ""})
    assert response.status_code == 302
    assert not SavedView.objects.exists()


def test_the_list_runs_the_same_queries_for_ten_items_as_for_forty(editor_client, editor):
    def queries():
        schedule.remember(None)  # the schedule's read every few seconds is not the list's
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(LIST).status_code == 200
        return len(captured)

    for n in range(10):
        make_story(owner=editor, company=make_company(), tags=[f"t{n}"])
    few = queries()
    for n in range(30):
        make_story(owner=editor, company=make_company(), tags=[f"u{n}"])
    assert queries() == few
