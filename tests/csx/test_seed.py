"""The seed loader, and that every item in CONTENT.md arrives linked as described."""

from collections import Counter

import pytest

from csx.content.seed import Loader
from csx.models import Source
from principles.models import Practice, Principle, Resource, Statistic
from stories.models import Company, Story

# Every test reads the seed, loaded once for the module (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_for_the_module")]

PRINCIPLES = [
    "empathy", "active-listening", "proactivity", "personalization", "responsiveness",
    "transparency", "recovery", "ownership", "consistency", "kindness",
]  # fmt: skip
COMPANIES = [
    "zappos", "ritz-carlton", "nordstrom", "amazon", "southwest-airlines", "trader-joes",
    "comcast", "united-airlines", "british-airways", "spirit-airlines", "att", "apple",
]  # fmt: skip
RESOURCES = {
    "Delivering Happiness": ("book", "Tony Hsieh"),
    "The Effortless Experience": ("book", "Matthew Dixon, Nick Toman, Rick DeLisi"),
    "Hug Your Haters": ("book", "Jay Baer"),
    "Customer Service Foundations": ("course", "LinkedIn Learning"),
    "Empathy in Customer Service": ("course", "LinkedIn Learning"),
    "Service Innovation": ("course", "Coursera, University of Illinois"),
    "Zendesk": ("tool", None),
    "HubSpot Service Hub": ("tool", None),
    "SurveyMonkey": ("tool", None),
    "Net Promoter Score (NPS)": ("framework", None),
    "Customer Journey Mapping": ("framework", None),
}
STATISTICS = {
    "86%": ("American Express study", "lasting-impact-blog"),
    "88%": ("Salesforce report", "csv-now-customer-service-experience"),
    "60%": ("Microsoft study", "csv-now-customer-service-experience"),
}


def test_loads_every_type_in_the_inventory(seeded):
    assert Source.objects.count() == 5
    assert Company.objects.count() == len(COMPANIES)
    assert Principle.objects.count() == 10
    assert Statistic.objects.count() == 3
    assert Resource.objects.count() == 11
    assert Counter(Story.objects.values_list("kind", flat=True)) == {
        "anecdote": 14,
        "review": 3,
        "scenario": 21,  # six from the articles, fifteen invented for training
    }


def test_everything_loaded_is_published(seeded):
    for model in [Company, Principle, Statistic, Resource, Story]:
        assert model.objects.published().count() == model.objects.count()


def test_the_ten_principles_have_practices(seeded):
    assert sorted(Principle.objects.values_list("slug", flat=True)) == sorted(PRINCIPLES)
    for principle in Principle.objects.all():
        assert principle.practices.exists(), principle.slug
    assert Practice.objects.count() >= 30


def test_every_named_company_is_there_with_its_stories(seeded):
    for slug in COMPANIES:
        assert Company.objects.get(slug=slug).stories.exists(), slug


def test_statistics_keep_attribution_and_are_not_verified(seeded):
    for figure, (owner, source) in STATISTICS.items():
        statistic = Statistic.objects.get(figure=figure)
        assert statistic.attributed_to == owner
        assert statistic.cited_in.slug == source
        assert statistic.verification != Statistic.Verification.CHECKED
        assert statistic.checks.first().state == Statistic.Verification.SECONDARY
        assert statistic.principles.exists()


def test_resources_have_kind_and_creator(seeded):
    for title, (kind, creator) in RESOURCES.items():
        resource = Resource.objects.get(title=title)
        assert resource.kind == kind
        if creator:
            assert resource.creator == creator


def test_every_story_is_linked_and_ready_for_trainers(seeded):
    for story in Story.objects.prefetch_related("principles", "sources", "tags"):
        assert story.principles.exists(), story.slug
        # Only a scenario invented for training may cite nothing: nothing tells it.
        invented = story.provenance == Story.Provenance.COMPOSITE and story.company is None
        assert story.sources.exists() or invented, story.slug
        assert story.tags.exists(), story.slug
        assert story.takeaway, story.slug
        assert 2 <= len(story.questions) <= 3, story.slug
        if story.kind == Story.Kind.SCENARIO:
            assert story.company is None, story.slug


def test_every_principle_is_illustrated_by_a_story(seeded):
    for principle in Principle.objects.all():
        assert principle.stories.exists(), principle.slug


@pytest.mark.parametrize(
    "story, company, outcome",
    [
        ("ritz-carlton-joshie-the-giraffe", "ritz-carlton", "exemplary"),
        ("nordstrom-accepts-returned-tires", "nordstrom", "exemplary"),
        ("united-airlines-overbooked-flight-removal", "united-airlines", "cautionary"),
        ("att-months-of-unresolved-overbilling", "att", "cautionary"),
    ],
)
def test_known_stories_point_at_their_company(seeded, story, company, outcome):
    item = Story.objects.get(slug=story)
    assert item.company.slug == company
    assert item.outcome == outcome


def test_loading_twice_adds_nothing(seeded):
    before = {
        m: m.objects.count()
        for m in [Source, Company, Principle, Practice, Statistic, Resource, Story]
    }
    again = Loader().run()
    after = {m: m.objects.count() for m in before}
    assert after == before
    assert sum(again.created.values()) == 0
    assert again.kept["stories"] == 38


def test_editors_changes_survive_a_reload(seeded):
    story = Story.objects.get(slug="nordstrom-accepts-returned-tires")
    story.title = "Edited by an editor"
    story.save()
    story.principles.clear()
    Loader().run()
    story.refresh_from_db()
    assert story.title == "Edited by an editor"
    assert not story.principles.exists()


def test_a_renamed_seed_item_is_not_loaded_again(seeded):
    story = Story.objects.get(slug="nordstrom-accepts-returned-tires")
    story.slug = "the-tires"
    story.save()
    Loader().run()
    assert not Story.objects.filter(slug="nordstrom-accepts-returned-tires").exists()


def test_an_example_onboarding_path_walks_through_seed_items(seeded):
    from csx.paths.models import Path

    path = Path.objects.get(slug="first-week-on-the-service-desk")
    steps = list(path.steps())
    assert [item.kind for item in steps] == [
        "principle", "story", "story", "statistic", "principle",
    ]  # fmt: skip
    assert all(item.trainer_note for item in steps)


def test_an_item_editors_deleted_is_not_brought_back(seeded):
    Story.objects.get(slug="nordstrom-accepts-returned-tires").delete()
    again = Loader().run()
    assert not Story.objects.filter(slug="nordstrom-accepts-returned-tires").exists()
    assert again.deleted["stories"] == 1
    assert "1 deleted by editors (not re-created)" in "\n".join(again.report())
