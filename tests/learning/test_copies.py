"""A trainer's copies of paths (csx/learning/copies.py): private drafts whose steps the
trainer times, annotates, orders and removes toward a target length, and assigns."""

import pytest
from django.urls import reverse

from csx.learning import copies
from csx.learning.models import Cohort, TrainerCopy
from csx.paths.models import PathItem
from tests import markup
from tests.learning.helpers import cohort_with, learner, person, three_step_path, trainer

pytestmark = pytest.mark.django_db


@pytest.fixture
def tess(client):
    user = trainer()
    client.force_login(user)
    return user


@pytest.fixture
def copy(tess):
    return copies.make(three_step_path(), tess, 45, "Week one, trimmed")


def step_url(copy, item):
    return reverse("learning:copy_step", args=[copy.pk, item.pk])


def test_copying_a_path_makes_the_trainers_own_copy_with_its_steps(client, tess):
    original = three_step_path()
    response = client.post(
        reverse("learning:copy_list"),
        {"original": original.pk, "title": "Week one, trimmed", "target": "45"},
    )
    made = TrainerCopy.objects.get()
    assert (response["Location"], made.trainer, made.target) == (
        made.get_absolute_url(),
        tess,
        45,
    )
    titles = [item.target.title for item in made.path.items.with_targets()]
    assert titles == [item.target.title for item in original.steps()]


def test_a_copy_is_not_public(reader, copy):
    assert reader.get(copy.path.get_absolute_url()).status_code == 404


def test_another_trainers_copy_is_not_found(client, copy):
    client.force_login(person("other", "Trainers"))
    assert client.get(copy.get_absolute_url()).status_code == 404


def test_the_copy_says_how_its_minutes_compare_with_the_target(client, copy):
    first, second, third = copy.path.items.all()
    for item, minutes in [(first, 20), (second, 20), (third, 15)]:
        client.post(step_url(copy, item), {f"step-{item.pk}-minutes": minutes})
    length = markup.one(client.get(copy.get_absolute_url()), ".copy-length")
    assert markup.text(length) == "55 of 45 minutes: 10 over"


def test_a_step_keeps_the_trainers_note(client, copy):
    item = copy.path.items.first()
    client.post(step_url(copy, item), {f"step-{item.pk}-note": "Ask who has seen this."})
    item.refresh_from_db()
    assert item.trainer_note == "Ask who has seen this."


def test_moving_a_step_up_puts_it_before_the_one_above(client, copy):
    first, second, third = copy.path.items.all()
    client.post(step_url(copy, third), {"action": "up"})
    assert list(copy.path.items.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]


def test_removing_a_step_takes_it_out_of_the_copy_only(client, copy):
    first = copy.path.items.first()
    client.post(step_url(copy, first), {"action": "remove"})
    assert (copy.path.items.count(), copy.original.items.count()) == (2, 3)


def test_minutes_below_zero_are_refused_and_nothing_is_saved(client, copy):
    item = copy.path.items.first()
    response = client.post(step_url(copy, item), {f"step-{item.pk}-minutes": "-5"})
    assert response.status_code == 400
    assert markup.one(response, ".error-summary li a")["href"] == f"#id_step-{item.pk}-minutes"
    item.refresh_from_db()
    assert item.minutes is None


def test_a_copy_is_assigned_to_the_trainers_cohort_and_walked_by_its_learners(client, tess, copy):
    lee = learner()
    cohort = cohort_with([lee], [], by=tess)
    client.post(reverse("learning:assign", args=[cohort.pk]), {"path": copy.path.pk})
    client.force_login(lee)
    titles = markup.parse(client.get(reverse("learning:my_learning"))).select(".course h2")
    assert [markup.text(title) for title in titles] == ["Week one, trimmed"]


def test_another_trainers_copy_cannot_be_assigned(client, copy):
    other = person("other", "Trainers")
    cohort = Cohort.objects.create(name="Theirs", trainer=other)
    client.force_login(other)
    response = client.post(reverse("learning:assign", args=[cohort.pk]), {"path": copy.path.pk})
    assert (response.status_code, cohort.assignments.count()) == (400, 0)


def test_a_learner_never_sees_the_trainers_notes_on_a_step(client, tess, copy):
    lee = learner()
    cohort_with([lee], [copy.path], by=tess)
    item = copy.path.items.first()
    PathItem.objects.filter(pk=item.pk).update(trainer_note="Before the reveal, pause.")
    client.force_login(lee)
    page = client.get(reverse("learning:course_step", args=[copy.path.slug, item.number]))
    assert (page.status_code, "Before the reveal" in page.text) == (200, False)
