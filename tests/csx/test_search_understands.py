"""Search that understands how people type: names with symbols however written, compound
words split, an item's own name first, the site's sections by name, and corrections that
never rewrite an acronym or a real word without asking. Both databases."""

import pytest
from django.urls import reverse

from csx.models import Synonym
from csx.search import search
from csx.search.words import THESAURUS, synonym_phrases
from tests.factories import make_company, make_resource, make_story

pytestmark = pytest.mark.django_db


def titles(query, **kwargs):
    return [result.title for result in search(query, **kwargs).results]


@pytest.mark.parametrize("typed", ["AT&T", "at&t", "AT & T", "AT and T", "ATT"])
def test_a_name_with_an_ampersand_is_found_however_it_is_typed(typed):
    make_company(title="AT&T", slug="att", summary="A telecoms company.")
    assert titles(typed) == ["AT&T"]


@pytest.mark.parametrize("typed", ["Ritz-Carlton", "ritz carlton", "ritzcarlton"])
def test_a_hyphenated_name_is_found_hyphenated_spaced_or_joined(typed):
    make_company(title="The Ritz-Carlton", slug="ritz", summary="A hotel company.")
    assert titles(typed) == ["The Ritz-Carlton"]


def test_two_words_typed_for_one_the_library_holds_find_it():
    make_resource(title="Zendesk", summary="A help desk tool.")
    make_story(title="A desk by the sea", body="Zen and the art of the front desk.")
    assert titles("zen desk")[0] == "Zendesk"


def test_an_items_own_name_comes_before_what_mentions_it():
    company = make_company(title="Trader Joe's", slug="tj", summary="A grocer.")
    make_story(title="Trader Joe's staff feel like family", company=company)
    assert titles("trader joes")[0] == "Trader Joe's"


def test_a_sections_name_offers_the_section_first(client):
    response = client.get(reverse("search"), {"q": "stats"})
    assert [s.url for s in response.context["found"].sections] == ["/statistics/"]
    assert 'href="/statistics/"' in response.text


def test_a_sections_name_is_not_offered_as_another_word(client):
    make_story(title="A quick start", body="It starts now.")
    response = client.get(reverse("search"), {"q": "stats"})
    assert "Did you mean" not in response.text


def test_a_query_that_only_mentions_a_section_offers_no_section():
    assert search("statistics on loyalty").sections == []


def test_an_acronym_is_never_corrected_without_asking():
    make_story(title="The cost of service", body="What it cost.")
    found = search("CSAT")
    assert (found.corrected, found.total) == (None, 0)


def test_a_real_word_the_library_does_not_use_is_only_suggested():
    make_story(title="Hostile staff", body="The staff were hostile.")
    found = search("hostel")
    assert (found.corrected, found.suggestion) == (None, "hostile")


def test_a_corrected_search_shows_what_was_typed_and_offers_it_as_typed(client):
    make_story(title="The giraffe who stayed on", body="A giraffe.")
    response = client.get(reverse("search"), {"q": "girafe"})
    assert "Results for “girafe”" in response.text
    assert "Showing results for <strong>“giraffe”</strong>" in response.text
    assert "?q=girafe&amp;as_typed=1" in response.text


def test_a_search_as_typed_corrects_nothing():
    make_story(title="The giraffe who stayed on", body="A giraffe.")
    found = search("girafe", as_typed=True)
    assert (found.corrected, found.total) == (None, 0)


# --- the library's thesaurus ----------------------------------------------------------


def test_a_word_the_texts_do_not_use_finds_the_library_word_from_the_thesaurus():
    make_story(title="Lost on the carousel", body="Her luggage never arrived.")
    assert titles("baggage") == ["Lost on the carousel"]


def test_an_acronym_finds_what_it_stands_for_from_the_thesaurus():
    make_resource(title="A survey", summary="Measures customer satisfaction.")
    assert titles("CSAT") == ["A survey"]


def test_an_editors_synonym_adds_to_the_thesaurus():
    Synonym.objects.create(terms="luggage, trunk")
    make_story(title="Lost on the carousel", body="Her luggage never arrived.")
    assert (titles("trunk"), titles("baggage")) == (["Lost on the carousel"],) * 2


def test_every_line_of_the_thesaurus_names_two_or_more_words():
    assert all(len(synonym_phrases(line)) >= 2 for line in THESAURUS)


# --- what comes first -------------------------------------------------------------------


def test_a_company_page_comes_after_the_story_whose_words_it_repeats():
    company = make_company(title="Acme", slug="acme", body="Acme once found a lost giraffe.")
    make_story(title="The lost giraffe", company=company, body="A lost giraffe came home.")
    assert titles("lost giraffe") == ["The lost giraffe", "Acme"]


def test_an_acronym_finds_the_item_named_for_what_it_stands_for_first():
    make_story(
        title="Solved on the first call",
        body="First contact resolution, first contact resolution.",
        tags=["first-contact resolution"],
    )
    assert titles("FCR")[0] == "first-contact resolution"


def test_an_isation_ending_finds_its_ization_spelling():
    make_story(title="Personal touches", body="Personalisation at every step.")
    assert titles("personalization") == ["Personal touches"]
