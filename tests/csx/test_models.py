from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from csx.content.permalinks import Resolution, resolve
from csx.models import SlugHistory, Status
from principles.models import Statistic
from stories.models import Story
from tests.factories import make_company, make_source, make_statistic, make_story

pytestmark = pytest.mark.django_db


def test_publishing_sets_published_at_once():
    story = make_story(status=Status.DRAFT)
    assert story.published_at is None
    story.status = Status.PUBLISHED
    story.save()
    first = story.published_at
    assert first is not None
    story.save()
    assert story.published_at == first


def test_published_excludes_drafts_and_future_dates():
    live = make_story()
    make_story(status=Status.DRAFT)
    make_story(published_at=timezone.now() + timedelta(days=1))
    assert list(Story.objects.published()) == [live]


def test_visible_to_shows_drafts_to_staff_only(django_user_model):
    draft = make_story(status=Status.DRAFT)
    reader = django_user_model(is_staff=False)
    editor = django_user_model(is_staff=True)
    assert draft not in Story.objects.visible_to(reader)
    assert draft in Story.objects.visible_to(editor)


def test_for_tag_finds_items_with_that_tag():
    tagged = make_story(tags=["refunds"])
    make_story(tags=["other"])
    from taggit.models import Tag

    assert list(Story.objects.for_tag(Tag.objects.get(name="refunds"))) == [tagged]


def test_slug_is_unique_in_the_database():
    make_story(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_story(slug="same")


@pytest.mark.parametrize(
    "field, value",
    [("outcome", "mediocre"), ("kind", "rumour"), ("channel", "pigeon"), ("status", "live")],
)
def test_database_refuses_invalid_choices(field, value):
    story = make_story()
    with pytest.raises(IntegrityError), transaction.atomic():
        Story.objects.filter(pk=story.pk).update(**{field: value})


def test_database_refuses_published_without_date():
    story = make_story()
    with pytest.raises(IntegrityError), transaction.atomic():
        Story.objects.filter(pk=story.pk).update(published_at=None)


def test_database_refuses_empty_title():
    story = make_story()
    with pytest.raises(IntegrityError), transaction.atomic():
        Story.objects.filter(pk=story.pk).update(title="")


def test_deleting_a_company_with_stories_is_refused():
    from django.db.models import ProtectedError

    company = make_company()
    make_story(company=company)
    with pytest.raises(ProtectedError):
        company.delete()


def test_renaming_a_slug_remembers_the_old_one():
    story = make_story(slug="old-name")
    story.slug = "new-name"
    story.save()
    assert resolve(Story.objects.all(), "old-name") == Resolution(item=story, moved=True)


def test_renaming_back_frees_the_slug_from_history():
    story = make_story(slug="first")
    story.slug = "second"
    story.save()
    story.slug = "first"
    story.save()
    assert resolve(Story.objects.all(), "second") == Resolution(item=story, moved=True)
    assert not SlugHistory.objects.filter(slug="first").exists()


def test_questions_are_one_per_line_without_blanks():
    story = make_story(discussion_questions="What happened?\n\n  Why?  \n")
    assert story.questions == ["What happened?", "Why?"]


def test_statistic_says_plainly_it_is_not_verified():
    source = make_source(title="A blog post", author="Someone")
    statistic = make_statistic(cited_in=source, attributed_to="Big Survey")
    assert str(statistic.evidence) == "Verification: Cited by a secondary source only"
    assert statistic.attribution == (
        "50% of customers say something (said to come from Big Survey; not traced), "
        "as cited in “A blog post” (Someone)"
    )


@pytest.mark.parametrize(
    "verification, sentence",
    [
        ("checked", "Verification: Checked against the primary source"),
        ("disputed", "Verification: Attribution disputed"),
        ("withdrawn", "Verification: Withdrawn: not to be quoted"),
    ],
)
def test_statistic_says_in_a_sentence_how_far_it_is_checked(verification, sentence):
    # Unsaved: a checked or disputed state needs its evidence recorded before it is stored.
    assert str(Statistic(verification=verification).evidence) == sentence
