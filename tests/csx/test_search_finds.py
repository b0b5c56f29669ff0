"""Search that finds: resources and paths, British and American spellings, editors'
synonyms, sentences ranked by how many of their words an item holds, and "did you mean"
only from what readers can see. Both databases (CI runs the suite on each)."""

import pytest
from django.urls import reverse

from csx.models import SearchTerm, Synonym
from csx.search import query as query_module
from csx.search import search
from csx.search.query import parse
from csx.search.words import STOP_WORDS, Alternatives
from tests.factories import add_item, make_path, make_resource, make_story

pytestmark = pytest.mark.django_db


def titles(query, **kwargs):
    return [result.title for result in search(query, **kwargs).results]


# --- resources and paths --------------------------------------------------------------


def test_paths_are_searchable_by_title_summary_and_step_notes():
    story = make_story(title="A story")
    path = make_path(title="Harbour induction", slug="harbour", targets=[story])
    make_path(title="Other path", slug="other", summary="Week one at the lighthouse.")
    add_item(path, make_resource(title="A book"), trainer_note="Ask about the **beacon**.")
    assert titles("harbour", kind="path") == ["Harbour induction"]
    assert titles("lighthouse", kind="path") == ["Other path"]
    assert titles("beacon") == ["Harbour induction"]


def test_a_path_result_links_to_the_path():
    make_path(title="Harbour induction", slug="harbour")
    assert [r.url for r in search("harbour").results] == ["/paths/harbour/"]


def test_a_draft_path_is_not_found():
    make_path(title="Harbour induction", slug="harbour", status="draft")
    assert search("harbour").total == 0


def test_removing_a_step_takes_its_note_out_of_the_path_document():
    path = make_path(title="Induction", slug="induction")
    step = add_item(path, make_story(title="A story"), trainer_note="Mention the beacon.")
    assert titles("beacon") == ["Induction"]
    step.delete()
    assert titles("beacon") == []


# --- British and American spellings ---------------------------------------------------


@pytest.mark.parametrize("typed", ["apologise", "apologize", "APOLOGIZE"])
def test_either_spelling_finds_both(typed):
    make_story(title="British", body="The agent apologised at once.")
    make_story(title="American", body="The agent apologized at once.")
    assert sorted(titles(typed)) == ["American", "British"]


def test_spellings_inside_a_quoted_phrase():
    make_story(title="Colour", body="She chose the colour of the centre pieces.")
    assert titles('"color of the center"') == ["Colour"]


def test_the_page_says_which_spellings_it_looked_for_too(client):
    make_story(title="Tyres", body="New tyres, fitted free.")
    response = client.get(reverse("search"), {"q": "tires"})
    assert response.context["found"].also == ["tyres"]
    assert "Also looked for" in response.text


def test_a_word_with_no_other_spelling_is_left_alone():
    assert Alternatives().of(("giraffe",)) == []
    assert Alternatives().of(("colour",)) == [("color",)]


# --- editors' synonyms ----------------------------------------------------------------


def test_a_synonym_finds_what_no_item_says_in_the_readers_words():
    make_story(title="Curt caller", body="A curt customer on the phone.")
    assert titles("brusque") == []
    Synonym.objects.create(terms="brusque, curt")
    assert titles("brusque") == ["Curt caller"]
    assert titles("curt") == ["Curt caller"]


def test_a_synonym_phrase_works_both_ways():
    make_story(title="Refunded", body="They refunded the fare.")
    make_story(title="Money back", body="She got her money back the same day.")
    Synonym.objects.create(terms="refund, money back")
    assert sorted(titles("refund")) == ["Money back", "Refunded"]
    assert sorted(titles("money back")) == ["Money back", "Refunded"]


def test_a_plural_finds_the_synonyms_of_its_singular():
    make_story(title="Money back", body="She got her money back the same day.")
    Synonym.objects.create(terms="refund, money back")
    assert titles("refunds") == ["Money back"]


def test_synonym_phrases_become_one_term_in_the_query():
    alternatives = Alternatives(["refund, money back"])
    query = parse("money back guarantee").with_alternatives(alternatives)
    assert [[term.words for term in group] for group in query.groups] == [
        [("money", "back"), ("refund",)], [("guarantee",)],
    ]  # fmt: skip
    assert query.fts5() == '(("money back" OR "refund") AND ("guarantee"))'
    assert query.websearch() == ['"money back" OR refund', "guarantee"]


def test_an_excluded_word_excludes_its_synonyms_too():
    make_story(title="Calm caller", body="A calm customer.")
    make_story(title="Curt caller", body="A curt customer.")
    Synonym.objects.create(terms="brusque, curt")
    assert titles("customer -brusque") == ["Calm caller"]


def test_the_synonym_admin_normalises_what_an_editor_types(publisher_client):
    response = publisher_client.post(
        reverse("admin:csx_synonym_add"), {"terms": "Refund ,  MONEY back,refund", "note": ""}
    )
    assert response.status_code == 302
    assert Synonym.objects.get().terms == "refund, money back"


@pytest.mark.parametrize("terms", ["refund", "refund, refund", ", ,", "a, one two three four five"])
def test_the_synonym_admin_refuses_fewer_than_two_terms_or_long_phrases(publisher_client, terms):
    response = publisher_client.post(reverse("admin:csx_synonym_add"), {"terms": terms, "note": ""})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["terms"]
    assert not Synonym.objects.exists()


# --- sentences ------------------------------------------------------------------------

SENTENCE = "how to handle an angry customer at the desk"


@pytest.fixture
def angry_stories():
    make_story(title="Holds all three", body="How she would handle an angry customer.")
    make_story(title="Holds two", body="An angry customer, and nobody helped.")
    make_story(title="Holds one", body="A customer asked for a receipt.")
    make_story(title="Holds none", body="Nothing to see.")


def test_stop_words_are_ignored_on_both_databases():
    query = parse(SENTENCE)
    assert query.words() == ["handle", "angry", "customer", "desk"]
    assert "how" in STOP_WORDS and "handle" not in STOP_WORDS


def test_a_sentence_ranks_items_by_how_many_of_its_words_they_hold(angry_stories):
    found = search("how to handle an angry customer", with_weaker=True)
    assert [r.title for r in found.results] == ["Holds all three", "Holds two", "Holds one"]
    assert found.natural


def test_a_sentence_finds_what_holds_only_some_of_its_words(angry_stories):
    # No story mentions a desk: requiring every word would find nothing.
    assert titles(SENTENCE) == ["Holds all three", "Holds two"]


def test_a_sentence_lists_what_holds_half_its_words_and_counts_the_weaker(angry_stories):
    found = search("how to handle an angry customer")
    assert ([r.title for r in found.results], found.total, found.weaker) == (
        ["Holds all three", "Holds two"],
        2,
        1,
    )


def test_the_weaker_matches_are_a_link_away(angry_stories, client):
    response = client.get(reverse("search"), {"q": "how to handle an angry customer"})
    assert "1 weaker match holds fewer of your words." in response.text
    assert "q=how+to+handle+an+angry+customer&amp;weaker=1" in response.text


def test_a_sentence_nothing_holds_half_of_lists_its_weaker_matches():
    make_story(title="Holds one", body="A customer asked for a receipt.")
    assert titles("how to handle an angry customer") == ["Holds one"]


def test_a_sentence_finds_at_least_what_its_key_words_find(angry_stories):
    assert set(titles("angry customer")) <= set(titles(SENTENCE))


def test_a_short_query_still_needs_every_word(angry_stories):
    assert sorted(titles("angry customer")) == ["Holds all three", "Holds two"]


def test_syntax_keeps_a_long_query_exact(angry_stories):
    assert not parse('handle angry "customer"').natural
    assert titles('handle angry "customer"') == ["Holds all three"]


def test_the_page_says_results_are_ranked_by_words_held(angry_stories, client):
    response = client.get(reverse("search"), {"q": SENTENCE})
    assert "most of your words first" in response.text


# --- did you mean: only words readers can see -----------------------------------------


def test_did_you_mean_never_offers_a_word_only_a_draft_holds():
    make_story(title="Published", body="A giraffe at the hotel.")
    make_story(title="Draft", body="A secret zeppelin.", status="draft")
    assert search("girafe").corrected == "giraffe"
    assert search("zepelin").corrected is None
    assert search("zepelin").suggestion is None


def test_unpublishing_takes_its_words_out_of_did_you_mean():
    story = make_story(title="Zeppelin", body="A zeppelin over the hotel.")
    assert search("zepelin").corrected == "zeppelin"
    story.status = "draft"
    story.save()
    assert not SearchTerm.objects.filter(word="zeppelin").exists()
    assert search("zepelin").corrected is None


def test_deleting_takes_its_words_out_of_did_you_mean():
    story = make_story(title="Zeppelin", body="A zeppelin over the hotel.")
    story.delete()
    assert not SearchTerm.objects.filter(word="zeppelin").exists()


def test_editing_a_word_away_takes_it_out_and_keeps_the_others():
    story = make_story(title="Zeppelin", body="A zeppelin over the hotel.")
    make_story(title="Hotel", body="Another hotel.")
    story.body = "A balloon over the hotel."
    story.title = "Balloon"
    story.save()
    assert not SearchTerm.objects.filter(word="zeppelin").exists()
    assert SearchTerm.objects.get(word="hotel").entries == 2
    assert SearchTerm.objects.get(word="balloon").entries == 1


def test_the_rebuilt_lexicon_counts_the_same_as_the_saves_did():
    from csx.search import rebuild

    make_story(title="Zeppelin", body="A zeppelin over the hotel.")
    make_story(title="Hotel", body="Another hotel.", tags=["travel"])
    before = dict(SearchTerm.objects.values_list("word", "entries"))
    rebuild()
    assert dict(SearchTerm.objects.values_list("word", "entries")) == before


def test_a_long_sentence_holds_its_floor_as_a_short_one_does(angry_stories, monkeypatch):
    # Past FLOOR_SETS ways to hold half the groups, each candidate counts the groups it
    # holds instead of the text index being asked for them at once: the same answer.
    with_one_query = search(SENTENCE)
    monkeypatch.setattr(query_module, "FLOOR_SETS", 0)
    with_a_look_up_each = search(SENTENCE)
    assert [r.title for r in with_one_query.results] == ["Holds all three", "Holds two"]
    assert [r.title for r in with_a_look_up_each.results] == ["Holds all three", "Holds two"]
    assert with_one_query.counts == with_a_look_up_each.counts == {"story": 2}


def test_a_floor_is_every_way_to_hold_half_the_groups():
    query = parse("handle angry customer desk").holding_any()
    assert query.floor == 2 and len(query.floor_sets()) == 6  # 4 choose 2
    assert query.fts5_floor().count(" OR ") == 5
    assert query.websearch_floor()[0] == ["handle", "angry"]
