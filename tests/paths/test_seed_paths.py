"""The seed paths: built only from the seed content, each step with a trainer's note and a
timing, each a 30-, 45- or 60-minute session whose steps add up to it, and each path ready
to present and print."""

import json
import re

import pytest
from django.conf import settings

from csx.paths.models import Path
from tests import markup

# Every test reads the seed, loaded once for the module (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_for_the_module")]

SESSIONS = [
    "putting-it-right-after-a-mistake",
    "cautionary-tales",
    "empathy-and-listening-workshop",
    "owning-the-problem-team-huddle",
]


FIXTURE = json.loads((settings.BASE_DIR / "fixtures" / "paths.json").read_text())


def test_the_seed_has_the_first_week_and_four_sessions(seeded):
    slugs = set(Path.objects.published().values_list("slug", flat=True))
    assert slugs == {"first-week-on-the-service-desk", *SESSIONS}


@pytest.mark.parametrize("row", FIXTURE, ids=[row["slug"] for row in FIXTURE])
def test_every_seed_paths_minutes_add_up_to_a_30_45_or_60_minute_session(seeded, row):
    written = sum(item["minutes"] for item in row["items"])
    assert written in (30, 45, 60)
    assert Path.objects.with_minutes().get(slug=row["slug"]).minutes == written


def test_every_seed_path_shows_one_length_on_the_list_and_on_its_page(client, seeded):
    listed = {
        markup.text(item.h2): markup.text(markup.one(item, ".path-length"))
        for item in markup.one(client.get("/paths/"), ".path-list").select("li")
    }
    for path in Path.objects.published().with_minutes():
        header = markup.text(
            markup.one(client.get(path.get_absolute_url()), ".page-header > .eyebrow")
        )
        assert listed[path.title] == f"{path.minutes} minutes"
        assert header.endswith(f"about {path.minutes} minutes")


# A length written into the text could disagree with the steps' (it did: 75 against 72).
LENGTH_IN_WORDS = re.compile(r"\d+[- ]minute|\bhour\b|\bhalf-hour\b", re.IGNORECASE)


@pytest.mark.parametrize("row", FIXTURE, ids=[row["slug"] for row in FIXTURE])
def test_no_seed_path_writes_its_length_into_its_summary_or_body(row):
    assert not LENGTH_IN_WORDS.findall(f"{row['summary']} {row['body']}")


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
