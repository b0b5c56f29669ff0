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
        assert reverse(kind.list_url).startswith("/")


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
