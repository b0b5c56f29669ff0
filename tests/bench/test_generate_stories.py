"""The benchmark's data generator and the benchmark's refusal to time an empty library."""

from io import StringIO

import pytest
from django.db import transaction

from bench.generate_stories import Filler
from bench.search import QUERIES, bench
from csx.models import Status
from csx.search import search
from principles.models import Principle
from stories.models import Company, Story

pytestmark = pytest.mark.django_db

STANDARD_PRINCIPLES = {
    "empathy", "active-listening", "proactivity", "personalization", "responsiveness",
    "transparency", "recovery", "ownership", "consistency", "kindness",
}  # fmt: skip


def generate(count=30, seed=1, **options):
    options.setdefault("companies", 20)  # fewer than the default 200, to keep tests fast
    out, err = StringIO(), StringIO()
    Filler(stdout=out, stderr=err).run(count=count, seed=seed, **options)
    return out.getvalue(), err.getvalue()


def snapshot():
    """Everything generated, in a form two runs can be compared by."""
    return [
        (
            story.title,
            story.slug,
            story.summary,
            story.body,
            story.takeaway,
            story.discussion_questions,
            story.kind,
            story.outcome,
            story.channel,
            story.company.slug,
            story.published_at,
            sorted(p.slug for p in story.principles.all()),
            sorted(story.tags.names()),
        )
        for story in Story.objects.select_related("company")
        .prefetch_related("principles", "tags")
        .order_by("pk")
    ]


def test_generates_published_linked_stories():
    out, err = generate(count=30, batch_size=7, companies=200)
    stories = Story.objects.all()
    assert stories.count() == 30
    assert Story.objects.published().count() == 30
    assert len(set(stories.values_list("slug", flat=True))) == 30
    assert Company.objects.count() == 200
    assert set(Principle.objects.values_list("slug", flat=True)) == STANDARD_PRINCIPLES
    for story in stories.prefetch_related("principles", "tags"):
        assert story.status == Status.PUBLISHED
        assert story.company_id is not None
        assert story.title and story.summary and story.takeaway
        assert story.body.startswith("## What happened")
        assert len(story.questions) == 3
        assert story.principles.exists()
        assert len(story.tags.all()) >= 2
    assert "Generated 30 stories" in out
    assert "30/30 stories" in err


def test_links_existing_principles_and_tags_instead_of_duplicating_them():
    Principle.objects.create(
        slug="empathy", title="Empathy (ours)", summary="Ours.", definition="Ours.",
        status=Status.PUBLISHED,
    )  # fmt: skip
    generate(count=30)
    assert Principle.objects.get(slug="empathy").title == "Empathy (ours)"
    assert Principle.objects.count() == 10
    generate(count=30, seed=2)
    assert Story.objects.count() == 60
    assert Company.objects.count() == 20
    assert len(set(Story.objects.values_list("slug", flat=True))) == 60


def test_is_deterministic_for_a_seed():
    with transaction.atomic():
        generate(count=12, seed=1)
        first = snapshot()
        transaction.set_rollback(True)
    assert not Story.objects.exists()
    generate(count=12, seed=1)
    assert snapshot() == first
    with transaction.atomic():
        Story.objects.all().delete()
        generate(count=12, seed=2)
        assert snapshot() != first
        transaction.set_rollback(True)


def test_top_up_generates_only_what_is_missing():
    generate(count=20)
    out, _ = generate(count=30, top_up=True)
    assert "Generated 10 stories" in out
    assert Story.objects.count() == 30
    out, _ = generate(count=30, top_up=True)
    assert "already holds 30 stories" in out
    assert Story.objects.count() == 30
    assert len(set(Story.objects.values_list("slug", flat=True))) == 30


def test_generated_stories_are_findable():
    generate(count=30)
    story = Story.objects.order_by("pk").select_related("company").first()
    found = search(story.company.title, kind="story")
    assert found.total >= 1
    assert story.get_absolute_url() in [result.url for result in found.results]
    assert search("happened").counts["story"] == 30


def test_bench_search_refuses_an_empty_library():
    with pytest.raises(SystemExit, match="no stories"):
        bench(stdout=StringIO(), stderr=StringIO())


def test_bench_search_reports_every_query():
    generate(count=30)
    out = StringIO()
    bench(repeat=2, warmup=0, stdout=out, stderr=StringIO())
    report = out.getvalue()
    assert "30 stories" in report
    assert report.count("\n| `") == len(QUERIES)
    assert f"Overall ({2 * len(QUERIES)} searches): median" in report
