"""A figure's origin is worded by how far it is known (issue 25, item 3): only a figure checked
against its study is named as fact; every card, embed and oEmbed says it in the same words,
and its state stands beside the figure."""

import pytest

from principles.models import with_article
from tests.factories import make_checked_statistic, make_statistic, make_story
from tests.markup import one, text

pytestmark = pytest.mark.django_db


def disputed_statistic(**fields):
    statistic = make_statistic(
        attributed_to="Microsoft study",
        other_origin="A 2011 study by RightNow",
        dispute_note="Traced elsewhere to another study.",
        **fields,
    )
    statistic.record_check("disputed", "Where else it is attributed.", "Elsewhere: RightNow.")
    return statistic


@pytest.mark.parametrize(
    "owner, named",
    [
        ("Microsoft study", "a Microsoft study"),
        ("American Express study", "an American Express study"),
        ("A 2011 study by RightNow", "a 2011 study by RightNow"),
        ("Forrester Research", "Forrester Research"),
    ],
)
def test_an_owner_is_named_as_a_sentence_names_it(owner, named):
    assert with_article(owner) == named


def test_a_figure_nobody_traced_is_said_to_come_from_its_owner():
    statistic = make_statistic(attributed_to="Microsoft study")
    assert statistic.origin == "said to come from a Microsoft study; not traced"


def test_a_disputed_figure_names_both_origins_and_says_it_is_disputed():
    assert disputed_statistic().origin == (
        "said to come from a Microsoft study, or from a 2011 study by RightNow; "
        "its origin is disputed"
    )


def test_only_a_checked_figure_is_named_as_fact():
    statistic = make_checked_statistic(attributed_to="Acme survey", year=2019)
    assert statistic.origin == "from an Acme survey (2019); checked against the study"


def test_a_withdrawn_figure_is_not_to_be_quoted():
    statistic = make_statistic(attributed_to="Acme survey")
    statistic.record_check("withdrawn", "The study.", "It was retracted.")
    assert statistic.origin == "once said to come from an Acme survey; withdrawn, not to be quoted"


def test_the_citation_line_carries_the_worded_origin():
    statistic = make_statistic(attributed_to="Big survey")
    assert "(said to come from a Big survey; not traced)" in statistic.attribution


def test_the_statistic_card_puts_the_state_beside_the_figure(client):
    disputed_statistic()
    card = one(client.get("/statistics/"), ".statistic-card")
    line = one(card, ".figure-line")
    assert text(one(line, ".figure")) == "50%"
    assert "Attribution disputed" in text(one(line, ".evidence"))
    assert text(one(card, ".attribution")).startswith("Said to come from a Microsoft study")


def test_a_story_card_carries_one_label(client):
    make_story(kind="review", provenance="review")
    card = one(client.get("/stories/"), ".story-card")
    assert text(card).count("Customer review") == 1


def test_the_embed_never_states_a_disputed_origin_as_fact(client):
    statistic = disputed_statistic()
    card = client.get(f"/embed/statistics/{statistic.slug}/")
    assert "traced to" not in text(one(card, "body"))
    assert text(one(card, ".embed-meta")).endswith("its origin is disputed.")
    assert "Attribution disputed" in text(one(card, ".embed-figure-line"))


def test_oembed_gives_no_author_for_a_disputed_figure_but_words_its_origin(client):
    statistic = disputed_statistic()
    answer = client.get("/oembed", {"url": f"http://testserver{statistic.get_absolute_url()}"})
    assert "author_name" not in answer.json()
    assert answer.json()["attribution"].startswith("Said to come from a Microsoft study, or")


def test_oembed_names_the_owner_of_a_checked_figure_as_its_author(client):
    statistic = make_checked_statistic(attributed_to="Acme Research")
    answer = client.get("/oembed", {"url": f"http://testserver{statistic.get_absolute_url()}"})
    assert answer.json()["author_name"] == "Acme Research"
