"""Libraries from before a migration are brought forward by it, on both databases: the
evidence work (seed sources take their own names, every statistic's log opens with its state,
a "checked" one without its evidence goes back to "secondary" saying why, the 86% figure's
attribution is disputed, stories get grades, published items a review date) and the step
addresses (the numbers readers saw, then numbers that never take an old id).

Migrating back and forth costs more than anything else a test here does (tens of seconds of
CPU each way), so it is done once for the module: one trip from the oldest state these tests
need, each old library filled in at the state it was written for, what each migration made
recorded where it ran; each test then checks its own part.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE_EVIDENCE = [
    ("csx", "0009_search_vectors_on_model"),
    ("paths", "0001_initial"),
    ("principles", "0001_initial"),
    ("stories", "0001_initial"),
]
STEP_ADDRESSES = [("paths", "0002_step_addresses_and_timings")]
BEFORE_STEP_NUMBERS = [("paths", "0004_review_statuses_and_take_down")]
STEP_NUMBERS = [("paths", "0005_step_numbers")]


def migrate(targets):
    """Migrates to `targets`; returns the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(list(executor.loader.applied_migrations)).apps


def evidence_library(apps):
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


def path_read_by_position(apps):
    """A path whose steps readers reached by position (/paths/p/1/), a draft among them."""
    Story = apps.get_model("stories", "Story")
    Path = apps.get_model("paths", "Path")
    PathItem = apps.get_model("paths", "PathItem")
    now = timezone.now()
    path = Path.objects.create(slug="by-position", title="P", summary="S.", status="published",
                               published_at=now)  # fmt: skip
    steps = [(503, 3, "c", "published"), (501, 1, "a", "published"),
             (502, 2, "draft", "draft"), (504, 4, "d", "published")]  # fmt: skip
    for pk, order, slug, status in steps:
        story = Story.objects.create(
            slug=slug, title=slug, summary="S.", status=status, takeaway="T.",
            outcome="exemplary", published_at=now if status == "published" else None,
        )  # fmt: skip
        PathItem.objects.create(pk=pk, path=path, order=order, story=story)


def path_read_by_id(apps):
    """A path whose steps readers reached by item id (/steps/<id>/): its third step's id is
    2, an address given out, which the second step's new number may not take. Titled as
    the other path is: the migration once took the paths in the order of their titles and
    numbered two paths of one title as if they were one (fixed in paths 0005)."""
    Story = apps.get_model("stories", "Story")
    Path = apps.get_model("paths", "Path")
    PathItem = apps.get_model("paths", "PathItem")
    path = Path.objects.create(slug="by-id", title="P", summary="S.", status="draft")
    for pk, order in [(1001, 1), (1002, 2), (2, 3)]:
        story = Story.objects.create(
            slug=f"s{pk}", title="S", summary="S.", takeaway="T.", outcome="exemplary"
        )
        PathItem.objects.create(pk=pk, path=path, order=order, story=story)


@pytest.fixture(scope="module")
def brought_forward(django_db_setup, django_db_blocker):
    """The one trip: what the step migrations made where they ran; the library is left at
    the latest state for the tests to read, and emptied after the module."""
    made = {}
    with django_db_blocker.unblock():
        try:
            apps = migrate(BEFORE_EVIDENCE)
            evidence_library(apps)
            path_read_by_position(apps)
            apps = migrate(STEP_ADDRESSES)
            made["legacy numbers"] = dict(
                apps.get_model("paths", "PathItem")
                .objects.filter(path__slug="by-position")
                .values_list("story__slug", "legacy_number")
            )
            path_read_by_id(migrate(BEFORE_STEP_NUMBERS))
            apps = migrate(STEP_NUMBERS)
            made["numbers"] = sorted(
                apps.get_model("paths", "PathItem")
                .objects.filter(path__slug="by-id")
                .values_list("pk", "number", "addressed_by_id")
            )
        finally:
            migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        yield made
        # Back to the database as the run made it, as a transactional test with a
        # serialized rollback leaves it: emptied, then its first rows (content types,
        # groups the migrations made) put back with the numbers the run's other tests know.
        saved = getattr(connection, "_test_serialized_contents", None)
        call_command(
            "flush", verbosity=0, interactive=False, reset_sequences=False,
            inhibit_post_migrate=saved is not None,
        )  # fmt: skip
        if saved is not None:
            connection.creation.deserialize_db_from_string(saved)
        ContentType.objects.clear_cache()  # the numbers it remembers may be another state's


@pytest.mark.django_db
def test_the_step_migration_numbers_the_steps_readers_saw_that_day(brought_forward):
    assert brought_forward["legacy numbers"] == {"a": 1, "draft": None, "c": 2, "d": 3}


@pytest.mark.django_db
def test_the_step_migration_numbers_each_paths_steps_and_never_takes_an_old_id(
    brought_forward,
):
    assert brought_forward["numbers"] == [(2, 4, True), (1001, 1, True), (1002, 3, True)]


@pytest.mark.django_db
def test_an_old_library_is_brought_forward_with_its_evidence(brought_forward):
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
