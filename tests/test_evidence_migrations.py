"""A library loaded before the evidence work is brought forward by its migrations: the seed
sources take their own names, every statistic's log opens with its state (a "checked" one
without its evidence goes back to "secondary", saying why), the 86% figure's attribution is
disputed, stories get grades, and published items a review date. On both databases."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("csx", "0009_search_vectors_on_model"),
    ("paths", "0001_initial"),
    ("principles", "0001_initial"),
    ("stories", "0001_initial"),
]


@pytest.fixture
def migrated_from_before(transactional_db):
    """Run `fill(apps)` on the schema from before, then migrate to the latest."""

    def run(fill):
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        fill(executor.loader.project_state(BEFORE).apps)
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    return run


def old_library(apps):
    Source = apps.get_model("csx", "Source")
    Statistic = apps.get_model("principles", "Statistic")
    Story = apps.get_model("stories", "Story")
    blog = Source.objects.create(
        slug="acts-of-kindness-blog", author="Unnamed blog",
        title="[Untitled article on acts of kindness in customer service]",
    )  # fmt: skip
    Source.objects.create(slug="lasting-impact-blog", title="T", author="An editor")
    published = {"status": "published", "published_at": timezone.now()}
    for slug, figure, verification in [
        ("86-percent-pay-more-for-better-service", "86%", "secondary"),
        ("checked-long-ago", "50%", "checked"),
    ]:
        Statistic.objects.create(
            slug=slug, title=figure, summary="S.", figure=figure, claim="C.",
            attributed_to="A study", cited_in=blog, verification=verification, **published,
        )  # fmt: skip
    Story.objects.create(
        slug="a-scenario", title="A scenario", summary="S.", kind="scenario",
        outcome="exemplary", takeaway="T.", **published,
    )  # fmt: skip


def test_an_old_library_is_brought_forward(migrated_from_before):
    migrated_from_before(old_library)
    from csx.models import Source
    from principles.models import Statistic
    from stories.models import Story

    blog = Source.objects.get(slug="acts-of-kindness-blog")
    assert (blog.untitled, blog.byline) == (True, "author not named")
    assert blog.name.startswith("In today's fast-paced world")
    assert Source.objects.get(slug="lasting-impact-blog").author == "An editor"
    disputed = Statistic.objects.get(figure="86%")
    assert disputed.verification == "disputed"
    assert disputed.other_origin == "A 2011 study by RightNow and Harris Interactive"
    assert [check.state for check in disputed.checks.all()] == ["secondary", "disputed"]
    once_checked = Statistic.objects.get(figure="50%")
    assert once_checked.verification == "secondary"
    assert "until an editor records both" in once_checked.checks.get().result
    assert once_checked.review_by == timezone.localdate() + Statistic.review_interval
    assert Story.objects.get(slug="a-scenario").provenance == "composite"
