"""The seed teaches (issue 25): lessons that do not talk about their sources, practices with
phrases for the person answering customers, stories on every channel, invented scenarios
labelled as invented, and dates that say when the text was written, not when it was loaded."""

import datetime
import json
import re
from collections import Counter

import pytest

from csx.content.seed import FIXTURES
from principles.models import Principle, Statistic
from stories.models import Company, Story
from tests.pages import one, soup, text, texts

# The tests that read the seed share one load of it (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("seed_for_the_module")

# Fields that say how we know a thing (a story's provenance note, a statistic's origin and
# its verification log), where naming a source is the point; every other text teaches.
EVIDENCE_FIELDS = {
    "slug", "provenance_note", "quoted_wording", "dispute_note", "other_origin",
    "other_origin_source", "note", "checks", "cited_in", "primary_source", "sources",
}  # fmt: skip
# A lesson that talks about where it was read instead of what happened.
SOURCE_TALK = re.compile(
    r"\bthe (?:“[^”]*” )?(?:essay|post|guide|article|piece|writer|author)s?\b"
    r"|\blibrary's (?:\w+ )?sources\b"
    r"|\b(?:two|three|four|five)(?: of the library's)? (?:\w+ )?sources\b"
    r"|\bother side of the loyalty figures\b|\]\(source:",
    re.IGNORECASE,
)
CHANNELS = ["phone", "email", "chat", "social", "in_person"]


def rows(name):
    return json.loads((FIXTURES / f"{name}.json").read_text())


def teaching_texts():
    """(file, slug, field, text) for every teaching text in the content fixtures."""

    def strings(value, field):
        if isinstance(value, dict):
            for key, inner in value.items():
                if key not in EVIDENCE_FIELDS:
                    yield from strings(inner, f"{field}.{key}")
        elif isinstance(value, list):
            for inner in value:
                yield from strings(inner, field)
        elif isinstance(value, str):
            yield field, value

    for name in ["stories", "principles", "statistics", "companies", "resources", "paths"]:
        for row in rows(name):
            for field, value in strings(row, ""):
                yield name, row["slug"], field, value


def test_the_guard_knows_the_phrases_the_issue_quoted():
    quoted = [
        "The “fast-paced world” essay imagines a customer",
        "All five of the library's sources put empathy",
        "four of the library's five sources hold up as a benchmark",
        "It is the other side of the loyalty figures.",
        "as the guide puts it",
        "[a post](source:lasting-impact-blog)",
    ]
    assert [phrase for phrase in quoted if not SOURCE_TALK.search(phrase)] == []


def test_no_teaching_text_talks_about_its_sources():
    found = [
        (name, slug, field, match[0])
        for name, slug, field, value in teaching_texts()
        for match in SOURCE_TALK.finditer(value)
    ]
    assert found == []


def test_every_principle_has_three_practices_for_the_front_line_with_phrases():
    for principle in rows("principles"):
        practices = principle["practices"]
        assert len(practices) >= 3, principle["slug"]
        for practice in practices:
            assert practice["say_this"] and practice["not_this"], practice["slug"]
            # Written to the person answering, not about coaching them.
            assert not re.match(r"(Coach|Train|Support|Build|Invest)\b", practice["description"])


@pytest.mark.django_db
def test_every_channel_has_three_stories_each_with_a_takeaway_and_questions(seeded):
    stories = list(Story.objects.published())
    counts = Counter(story.channel for story in stories)
    assert all(counts[channel] >= 3 for channel in CHANNELS), counts
    for channel in CHANNELS:
        for story in (s for s in stories if s.channel == channel):
            assert story.takeaway and len(story.questions) >= 2, story.slug


@pytest.mark.django_db
def test_the_channel_filter_lists_three_stories_for_chat_and_email(seeded, client):
    for channel in ["chat", "email"]:
        page = soup(client.get("/stories/", {"channel": channel}))
        assert len(page.select(".card")) >= 3, channel


def test_there_are_fifteen_invented_scenarios_labelled_as_such():
    companies = {row["title"] for row in rows("companies")}
    invented = [s for s in rows("stories") if s["provenance"] == "composite" and not s["sources"]]
    assert len(invented) >= 15
    for story in invented:
        assert story["kind"] == "scenario" and story["company"] is None, story["slug"]
        assert story["body"].startswith("**Invented for training.**"), story["slug"]
        assert "Invented for training" in story["provenance_note"], story["slug"]
        assert story["summary"].startswith("Invented for training"), story["slug"]
        named = [name for name in companies if name in story["body"]]
        assert named == [], story["slug"]  # no real company in an invented scene


@pytest.mark.django_db
def test_an_invented_scenario_says_so_on_its_page(seeded, client):
    page = soup(client.get("/stories/email-auto-reply-loop/"))
    assert "Invented for training" in text(page.select_one("main"))


# Honest dates


def fixture_date(name, slug):
    row = next(row for row in rows(name) if row["slug"] == slug)
    return datetime.date.fromisoformat(row["published_at"])


@pytest.mark.django_db
def test_seed_items_carry_the_date_their_text_was_written_not_the_load_date(seeded):
    for model, name in [(Story, "stories"), (Principle, "principles"), (Company, "companies")]:
        for item in model.objects.all():
            written = fixture_date(name, item.slug)
            assert item.published_at.date() == written, item.slug
            assert item.reviewed_on is None, item.slug  # nobody has reviewed it here
            assert item.review_by == written + model.review_interval, item.slug


@pytest.mark.django_db
def test_a_seed_page_says_when_it_was_written_and_not_that_it_was_reviewed(seeded, client):
    story = Story.objects.get(slug="ritz-carlton-joshie-the-giraffe")
    written = fixture_date("stories", story.slug)
    note = one(client.get(story.get_absolute_url()), ".review-note")
    assert note == f"Written on {written.day} {written:%B %Y}; not reviewed since."


@pytest.mark.django_db
def test_last_reviewed_appears_once_an_editor_reviews_the_item(seeded, client):
    story = Story.objects.get(slug="ritz-carlton-joshie-the-giraffe")
    day = datetime.date(2027, 1, 15)
    story.mark_reviewed(day)
    story.save()
    note = one(client.get(story.get_absolute_url()), ".review-note")
    assert note == "Last reviewed on 15 January 2027."


@pytest.mark.django_db
def test_the_seed_verification_log_names_the_role_what_was_checked_and_its_day(seeded, client):
    statistic = Statistic.objects.get(figure="60%")
    entry = statistic.checks.get()
    row = next(row for row in rows("statistics") if row["slug"] == statistic.slug)["checks"][0]
    assert entry.checked_at.date() == datetime.date.fromisoformat(row["checked_at"])
    assert entry.checked_by is None
    response = client.get(statistic.get_absolute_url())
    head = texts(response, ".check-log .check-head")[0]
    assert head.endswith(f" · {row['checker_role']}")
    assert row["checker_role"].startswith("Content editor")
    assert "What is Customer Service Experience?" in one(response, ".check-log")
