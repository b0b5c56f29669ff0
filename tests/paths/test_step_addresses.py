"""A step's address names its item, so a link given out keeps leading to the same item when
other steps are withdrawn or reordered; the numbered addresses given out before keep working."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import add_item, make_path, make_story

pytestmark = pytest.mark.django_db


def steps_of(path):
    return {item.target.title: item for item in path.steps()}


def shown(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["item"].target.title, response.context["number"]


def test_a_step_keeps_its_item_when_an_earlier_step_is_withdrawn(client):
    first = make_story(title="First")
    path = make_path([first, make_story(title="Second"), make_story(title="Third")])
    url = steps_of(path)["Second"].get_absolute_url()
    assert shown(client, url) == ("Second", 2)
    first.status = "draft"
    first.save()
    assert shown(client, url) == ("Second", 1)


def test_a_step_keeps_its_item_when_the_steps_are_reordered(client):
    path = make_path([make_story(title="First"), make_story(title="Second")])
    urls = {title: item.get_absolute_url() for title, item in steps_of(path).items()}
    path.items.filter(story__title="First").update(order=9)
    assert shown(client, urls["First"]) == ("First", 2)
    assert shown(client, urls["Second"]) == ("Second", 1)


def test_neighbours_and_count_follow_a_withdrawal(client):
    middle = make_story(title="Middle")
    path = make_path([make_story(title="First"), middle, make_story(title="Last")])
    first = steps_of(path)["First"]
    middle.status = "draft"
    middle.save()
    response = client.get(first.get_absolute_url())
    assert response.context["next_item"].target.title == "Last"
    assert "Step 1 of 2" in response.text


def test_a_withdrawn_steps_address_answers_410_with_the_way_back_to_the_path(client):
    story = make_story(title="Withdrawn one")
    path = make_path([story, make_story()])
    url = steps_of(path)["Withdrawn one"].get_absolute_url()
    story.status = "draft"
    story.save()
    response = client.get(url)
    assert response.status_code == 410
    assert "“Withdrawn one” has been withdrawn" in response.text
    assert f'<li><a href="{path.get_absolute_url()}">The whole path' in response.text


def test_a_step_comes_back_at_the_same_address_when_its_item_is_published_again(client):
    story = make_story(title="Back again")
    path = make_path([story])
    url = steps_of(path)["Back again"].get_absolute_url()
    story.status = "draft"
    story.save()
    story.status = "published"
    story.save()
    assert shown(client, url) == ("Back again", 1)


# The numbered addresses from before


def test_an_old_numbered_address_leads_to_the_item_it_was_given_out_for(client):
    first = make_story(title="First")
    path = make_path()
    add_item(path, first, order=1, legacy_number=1)
    second = add_item(path, make_story(title="Second"), order=2, legacy_number=2)
    first.status = "draft"
    first.save()
    response = client.get(f"/paths/{path.slug}/2/")
    assert response.status_code == 301
    assert response["Location"] == second.get_absolute_url()
    assert shown(client, response["Location"]) == ("Second", 1)


def test_an_old_numbered_address_of_a_renamed_path_redirects_once(client):
    path = make_path()
    item = add_item(path, make_story(), legacy_number=1)
    path.slug = "renamed"
    path.save()
    response = client.get("/paths/first-week/1/")
    assert response.status_code == 301
    assert response["Location"] == f"/paths/renamed/steps/{item.pk}/"


def test_an_item_added_since_has_no_number(client):
    path = make_path([make_story()])
    assert client.get(f"/paths/{path.slug}/1/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_migration_numbers_the_steps_readers_saw_that_day():
    executor = MigrationExecutor(connection)
    before, after = [("paths", "0001_initial")], [("paths", "0002_step_addresses_and_timings")]
    executor.migrate(before)
    try:
        # Paths as they were; every other app as far as it is still migrated (migrations
        # that depend on later paths migrations were unapplied with them).
        executor.loader.build_graph()
        apps = executor.loader.project_state(list(executor.loader.applied_migrations)).apps
        Story = apps.get_model("stories", "Story")
        Path = apps.get_model("paths", "Path")
        PathItem = apps.get_model("paths", "PathItem")
        now = timezone.now()

        def story(slug, status="published"):
            return Story.objects.create(
                slug=slug, title=slug, summary="S.", status=status, takeaway="T.",
                outcome="exemplary", provenance="retold",
                published_at=now if status == "published" else None,
            )  # fmt: skip

        path = Path.objects.create(slug="p", title="P", summary="S.", status="published",
                                   published_at=now)  # fmt: skip
        items = {}
        for order, slug, status in [(3, "c", "published"), (1, "a", "published"),
                                    (2, "draft", "draft"), (4, "d", "published")]:  # fmt: skip
            items[slug] = PathItem.objects.create(path=path, order=order, story=story(slug, status))

        executor = MigrationExecutor(connection)
        executor.migrate(after)
        apps = executor.loader.project_state(after).apps
        numbers = dict(
            apps.get_model("paths", "PathItem").objects.values_list("story__slug", "legacy_number")
        )
        assert numbers == {"a": 1, "draft": None, "c": 2, "d": 3}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
