"""The generator at make bench-scale's size: more companies than one-stem names, and a long
tail of tags beside the built-in ones (bench/generate_stories.py)."""

from io import StringIO

import pytest
from taggit.models import Tag

from bench.generate_stories import BUILT_IN_TAGS, Filler, tail_tags
from stories.models import Company, Story

pytestmark = pytest.mark.django_db


def generate(**options):
    Filler(stdout=StringIO(), stderr=StringIO()).run(**options)


def test_companies_beyond_the_one_stem_names_get_two_stem_names():
    generate(count=10, companies=400)
    names = list(Company.objects.values_list("title", flat=True))
    assert len(set(names)) == 400
    assert any(len(name.split()) >= 3 for name in names)


def test_tags_beyond_the_built_in_ones_come_from_the_long_tail():
    generate(count=40, companies=20, tags=len(BUILT_IN_TAGS) + 30)
    used = set(
        Tag.objects.filter(taggit_taggeditem_items__isnull=False).values_list("name", flat=True)
    )
    tail = used - set(BUILT_IN_TAGS)
    assert tail and tail <= set(tail_tags(30))


def test_the_long_tail_leaves_every_story_otherwise_word_for_word_the_same():
    generate(count=8, companies=20)
    plain = list(Story.objects.order_by("pk").values_list("title", "body", "company__slug"))
    Story.objects.all().delete()
    generate(count=8, companies=20, tags=len(BUILT_IN_TAGS) + 30)
    tailed = list(Story.objects.order_by("pk").values_list("title", "body", "company__slug"))
    assert tailed == plain
