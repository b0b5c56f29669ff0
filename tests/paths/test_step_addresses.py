"""A step's address is its number within its path (/steps/1/ for step 1) and stays with its
item, so a link given out keeps leading to the same item when other steps are withdrawn or
reordered; the addresses given out before (positions, then item ids) keep working."""

import pytest

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


def test_step_one_of_a_path_is_at_steps_1_whatever_the_items_ids(client):
    make_path([make_story(), make_story()], slug="earlier")  # the next path's ids start at 3
    path = make_path([make_story(title="One"), make_story(title="Two")])
    assert [item.get_absolute_url() for item in path.steps()] == [
        "/paths/first-week/steps/1/",
        "/paths/first-week/steps/2/",
    ]
    assert shown(client, "/paths/first-week/steps/1/") == ("One", 1)


def test_a_new_step_takes_the_next_number_even_when_it_goes_first(client):
    path = make_path([make_story(title="One")])
    add_item(path, make_story(title="Before one"), order=0)
    assert shown(client, "/paths/first-week/steps/2/") == ("Before one", 1)


def test_a_copy_numbers_its_steps_from_1():
    make_path([make_story()], slug="earlier")
    copy = make_path([make_story(), make_story()]).copy()
    assert list(copy.items.values_list("number", flat=True)) == [1, 2]


# The addresses from before: positions, then item ids


def test_an_old_id_address_answers_301_at_the_steps_number(client):
    make_path([make_story(), make_story(), make_story()], slug="earlier")
    path = make_path([make_story(title="One"), make_story(title="Two")])
    path.items.update(addressed_by_id=True)
    two = path.items.get(story__title="Two")
    response = client.get(f"/paths/first-week/steps/{two.pk}/")
    assert (response.status_code, response["Location"]) == (301, "/paths/first-week/steps/2/")


def test_an_id_never_given_out_as_an_address_is_no_step(client):
    make_path([make_story(), make_story(), make_story()], slug="earlier")
    path = make_path([make_story(), make_story()])
    assert client.get(f"/paths/first-week/steps/{path.items.last().pk}/").status_code == 404


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
    assert response["Location"] == f"/paths/renamed/steps/{item.number}/"


def test_an_item_added_since_has_no_old_number(client):
    path = make_path([make_story()])
    assert client.get(f"/paths/{path.slug}/1/").status_code == 404


# The migrations that numbered the steps: tests/test_migration_history.py.
