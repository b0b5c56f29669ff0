"""The seed paths: built only from the seed content, each step with a trainer's note and a
timing, and each path ready to present and print."""

import pytest

from csx.paths.models import Path

pytestmark = pytest.mark.django_db

SESSIONS = [
    "putting-it-right-after-a-mistake",
    "cautionary-tales",
    "empathy-and-listening-workshop",
]


def test_the_seed_has_the_first_week_and_three_sessions(seeded):
    slugs = set(Path.objects.published().values_list("slug", flat=True))
    assert slugs == {"first-week-on-the-service-desk", *SESSIONS}


@pytest.mark.parametrize("slug", SESSIONS)
def test_every_step_of_a_seed_session_is_published_with_a_note_and_a_timing(seeded, slug):
    path = Path.objects.get(slug=slug)
    assert path.skipped_items().count() == 0
    steps = list(path.steps())
    assert len(steps) >= 5
    assert all(step.trainer_note and step.minutes for step in steps)


@pytest.mark.parametrize("slug", SESSIONS)
def test_every_seed_session_has_questions_at_every_story(seeded, slug):
    stories = [step for step in Path.objects.get(slug=slug).steps() if step.story_id]
    assert stories and all(step.session_questions for step in stories)


@pytest.mark.parametrize("slug", SESSIONS)
def test_every_seed_session_presents_and_prints(client, seeded, slug):
    path = Path.objects.get(slug=slug)
    for url in [path.get_absolute_url(), path.get_present_url(), path.get_handout_url()]:
        assert client.get(url).status_code == 200, url
