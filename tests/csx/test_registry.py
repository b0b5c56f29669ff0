"""The registry of content types: one declaration that every cross-type feature reads."""

from django.template.loader import get_template
from django.urls import reverse

from csx.content import registry
from csx.models import Content
from csx.paths.models import Path
from principles.models import Principle, Resource, Statistic
from stories.models import Company, Story


def test_every_type_is_content_with_a_list_page():
    for kind in registry.TYPES:
        assert issubclass(kind.model, Content), kind.label
        assert reverse(kind.list_url_name).startswith("/")


def test_short_link_letters_are_unique():
    letters = [kind.short_letter for kind in registry.TYPES if kind.short_letter]
    assert len(letters) == len(set(letters))


def test_of_finds_the_kind_of_a_model_or_an_item():
    assert registry.of(Story).name == "story"
    assert registry.of(Company(title="Zappos")).name == "company"
    assert registry.of(Content) is None


def test_models_filters_by_flag():
    assert registry.models(searchable=True) == [
        Story, Principle, Statistic, Company, Resource, Path,
    ]  # fmt: skip
    assert registry.models(own_page=False) == [Resource]
    assert registry.models(tag_section=False) == [Path]


def test_seed_order_puts_every_type_after_what_its_rows_refer_to():
    order = [kind.name for kind in registry.seed_order()]
    assert order.index("company") < order.index("story")
    assert order.index("principle") < order.index("story")
    assert order.index("principle") < order.index("statistic")
    for target in registry.PATH_TARGETS:  # a path's steps point at them
        assert order.index(target) < order.index("path")


def test_every_embeddable_type_has_a_card_template_and_url():
    for kind in registry.embeddable():
        get_template(f"csx/embeds/{kind.name}.html")
        assert reverse(f"embed:{kind.name}", kwargs={"slug": "x"}) == f"/embed/{kind.segment}/x/"


def test_a_page_belongs_to_the_section_of_its_type():
    assert registry.BY_NAME["story"].owns("story_detail")
    assert not registry.BY_NAME["story"].owns("statistic_detail")
    assert not registry.BY_NAME["story"].owns(None)


# What a new type gets without writing it (the registry entry and its model are enough).
A_NEW_TYPE = registry.Kind("principles.Resource", "toy", "Toys")


def test_a_type_that_says_nothing_is_searched_by_what_every_type_has(db):
    from csx.content.markdown import plain_text
    from tests.factories import make_resource

    item = make_resource(title="Kept", summary="Short.", body="**Long**.", tags=["calm"])
    assert Content.search_document(item) == {
        "title": "Kept", "summary": "Short.", "keywords": "calm",
        "body": plain_text("**Long**."),
    }  # fmt: skip


def test_a_type_without_serializers_of_its_own_gets_every_types_json():
    from csx.api import serializers as api

    card, detail = api.card(A_NEW_TYPE), api.detail(A_NEW_TYPE)
    assert card.Meta.fields == api.ContentCard.base_fields
    assert detail.Meta.fields == [*api.ContentCard.base_fields, *api.ContentDetail.detail_fields]
    assert api.card(A_NEW_TYPE) is card  # one class per type: the schema names it once
