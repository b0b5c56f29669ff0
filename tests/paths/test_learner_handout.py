"""The learner's handout of a path (issue 21, item 7): each step's text in full, without the
trainer's notes, offered beside the trainer's handout. Chromium's page count is in
tests/browser/test_browser_handouts.py."""

import pytest

from tests import markup
from tests.factories import make_path, make_principle, make_statistic, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def path():
    """A path of a story and a principle, each step with a trainer's note (composite)."""
    story = make_story(
        title="The lost ring",
        body="The night porter searched the laundry bags one by one.",
        takeaway="Search before you apologise.",
        discussion_questions="What would you have searched first?",
    )
    principle = make_principle(title="Owning the problem", body="Say what you will do next.")
    path = make_path([story, principle, make_statistic(title="A figure", figure="86%")])
    path.items.update(trainer_note="Before the reveal, ask the room what they expect.")
    return path


def test_the_learners_handout_prints_a_storys_body_takeaway_and_questions(client, path):
    step = markup.parse(client.get(path.get_learner_handout_url())).select(".handout-step")[0]
    text = markup.text(step)
    for expected in [
        "The night porter searched the laundry bags one by one.",
        "Search before you apologise.",
        "What would you have searched first?",
    ]:
        assert expected in text, expected


def test_the_learners_handout_prints_each_steps_body(client, path):
    steps = markup.parse(client.get(path.get_learner_handout_url())).select(".handout-step")
    assert "Say what you will do next." in markup.text(steps[1])


def test_the_learners_handout_leaves_out_every_trainers_note(client, path):
    response = client.get(path.get_learner_handout_url())
    assert response.status_code == 200
    assert "Before the reveal" not in response.text
    assert markup.parse(response).select(".trainer-note") == []


def test_the_path_page_offers_the_trainers_and_the_learners_handout(client, path):
    links = markup.hrefs(markup.one(client.get(path.get_absolute_url()), ".share-links"))
    assert {path.get_handout_url(), path.get_learner_handout_url()} <= set(links)


def test_a_draft_paths_learner_handout_is_not_found(client):
    draft = make_path([make_story()], status="draft", slug="draft-path")
    assert client.get(draft.get_learner_handout_url()).status_code == 404


def test_a_renamed_paths_learner_handout_moves_to_its_new_address(client, path):
    old = path.get_learner_handout_url()
    path.slug = "week-one"
    path.save()
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, path.get_learner_handout_url())
