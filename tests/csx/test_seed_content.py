"""The seed content after the content pass: every source named as it names itself, every
reference placeable and linked, honest provenance, one spelling standard (en-gb)."""

import json
import re

import pytest

from csx.content import references
from csx.content.seed import FIXTURES
from csx.models import Source
from principles.models import Principle, Statistic
from stories.models import Story
from tests.pages import soup, text

# Every test reads the seed, loaded once for the module (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_for_the_module")]

# Phrases that leave a reader unable to place what is meant.
DANGLING = re.compile(
    r"\bthe articles?\b|\bsource articles\b|\bthe blog\b|unnamed blog|\bCSV Now article\b"
    r"|\[untitled",
    re.IGNORECASE,
)
# American spellings the site (en-gb) does not use, outside quotations.
AMERICAN = re.compile(
    r"\b\w+(?:iz(?:e|es|ed|ing|ation|ations))\b|\b(?:behavior|color|favor|honor|labor|center|"
    r"traveler|labeling|practicing|practiced|visualiz\w*|catalog|apologiz\w*)\w*\b",
    re.IGNORECASE,
)
SPELLED_THE_SAME = {"size", "sizes", "seize", "prize", "citizen", "outsized"}


def fixture_texts():
    """(file, text) for every prose string in the fixtures: not slugs, not quoted wording,
    not the targets of references, not quotations."""

    def strings(value, key=""):
        if isinstance(value, dict):
            for name, inner in value.items():
                if name not in {"slug", "quoted_wording", "principles", "sources", "cited_in"}:
                    yield from strings(inner, name)
        elif isinstance(value, list):
            for inner in value:
                yield from strings(inner, key)
        elif isinstance(value, str):
            yield value

    for path in sorted(FIXTURES.glob("*.json")):
        for value in strings(json.loads(path.read_text())):
            value = re.sub(r"\]\([a-z]+:[-\w]+\)", "]", value)  # reference targets
            value = re.sub(r"“[^”]*”|^>.*$", "Q", value, flags=re.MULTILINE)  # quotations
            yield path.name, value


def test_no_fixture_text_leaves_a_source_unnamed():
    assert [(name, m[0]) for name, t in fixture_texts() for m in DANGLING.finditer(t)] == []


def test_fixture_text_is_in_british_spelling():
    found = [
        (name, m[0])
        for name, t in fixture_texts()
        for m in AMERICAN.finditer(t)
        if m[0].lower() not in SPELLED_THE_SAME
    ]
    assert found == []


def test_no_sentence_starts_with_a_small_letter():
    raw = [text for _, text in fixture_texts() if "." in text]  # sentences, not tags or choices
    starts = re.compile(r"(?:^|[.!?]\s+)\[?([a-z])", re.MULTILINE)
    found = [m[0] for text in raw for m in starts.finditer(text) if "…" not in m[0]]
    assert found == []


def test_the_seed_sources_are_named_as_they_name_themselves(seeded):
    named = {s.slug: (s.name, s.byline, s.untitled) for s in Source.objects.all()}
    assert named == {
        "lasting-impact-blog": (
            "The Best Customer Service Experience That Left a Lasting Impact",
            "author not named", False,
        ),
        "csv-now-customer-service-experience": (
            "What is Customer Service Experience? Definition, Examples, & Importance",
            "Ritchie Tendencia, CSV Now, 2024", False,
        ),
        "acts-of-kindness-blog": (
            "In today's fast-paced world, where technology often drives the interaction "
            "between businesses and their customers…",
            "author not named", True,
        ),
        "principles-of-outstanding-service-blog": (
            "In today’s competitive business landscape, customer service isn’t just a "
            "department…",
            "author not named", True,
        ),
        "art-of-excellent-customer-service": (
            "The Art of Excellent Customer Service: Mastering the Unexpected",
            "author not named", False,
        ),
    }  # fmt: skip


def test_every_seed_page_names_its_sources(seeded, client):
    pages = [
        item.get_absolute_url()
        for model in [Story, Principle, Statistic, Source]
        for item in model.objects.all()
    ]
    for url in pages:
        words = text(soup(client.get(url)).select_one("main"))
        assert not DANGLING.search(words), url


def test_every_reference_in_the_seed_leads_somewhere(seeded):
    assert references.broken() == []
    used = {prefix for item in references.holders() for prefix, _ in references.held_by(item)}
    assert used == {"story", "principle", "statistic", "resource", "source"}


def test_every_seed_story_says_how_we_know_it(seeded):
    grades = {story.slug: story.provenance for story in Story.objects.all()}
    assert set(grades.values()) == {"retold", "review", "composite"}
    for story in Story.objects.all():
        expected = {"scenario": "composite", "review": "review", "anecdote": "retold"}
        assert story.provenance == expected[story.kind], story.slug
        assert story.provenance_note, story.slug


def test_every_seed_statistic_quotes_its_citing_source_and_logs_a_first_check(seeded):
    for statistic in Statistic.objects.all():
        assert statistic.quoted_wording.count(statistic.figure) == 1, statistic.slug
        assert statistic.checks.first().state == Statistic.Verification.SECONDARY


def test_the_86_percent_attribution_is_disputed_with_an_editors_note(seeded, client):
    statistic = Statistic.objects.get(figure="86%")
    assert statistic.verification == Statistic.Verification.DISPUTED
    assert statistic.attributed_to == "American Express study"
    assert statistic.other_origin == "A 2011 study by RightNow and Harris Interactive"
    page = soup(client.get(statistic.get_absolute_url()))
    note = text(page.select_one(".editors-note"))
    assert "Editor's note:" in note
    assert "RightNow and Harris Interactive" in note


def test_every_seed_principle_shows_its_sources(seeded, client):
    for principle in Principle.objects.all():
        page = soup(client.get(principle.get_absolute_url()))
        cited = [text(cite) for cite in page.select("section.sources cite")]
        assert cited and len(cited) == principle.sources.count(), principle.slug
