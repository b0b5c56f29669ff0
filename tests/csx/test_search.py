"""Search: ranking, syntax, typos, bad input and an index that follows every edit.

These run on whichever database the suite runs on; CI runs them on SQLite and PostgreSQL.
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from taggit.models import Tag

import csx.search
from csx.models import SearchEntry
from csx.models.search import WeightedVector
from csx.search import KINDS, QueryError, backends, search
from csx.search.index import rebuild
from csx.search.query import parse
from csx.search.tokens import SYMBOLED, typed_together
from tests import markup
from tests.factories import (
    make_company,
    make_practice,
    make_principle,
    make_resource,
    make_statistic,
    make_story,
)

pytestmark = pytest.mark.django_db


def titles(query, **kwargs):
    return [result.title for result in search(query, **kwargs).results]


def test_title_outranks_summary_outranks_body():
    make_story(title="Plain", summary="Nothing here.", body="A word: lighthouse.")
    make_story(title="Lighthouse", summary="Nothing here.")
    make_story(title="Other", summary="About a lighthouse keeper.")
    assert titles("lighthouse") == ["Lighthouse", "Other", "Plain"]


def test_tag_and_company_names_count():
    make_story(title="Tagged", tags=["snowstorm"])
    make_story(title="At the company", company=make_company(title="Tempest Books"))
    assert set(titles("snowstorm")) == {"Tagged", "snowstorm"}
    assert "At the company" in titles("tempest")


def test_searches_every_type():
    make_story(title="Harbour story")
    make_principle(title="Harbour principle")
    make_statistic(title="Harbour figure")
    make_resource(title="Harbour book")
    make_company(title="Harbour Company")
    make_story(title="Tagged", tags=["harbour"])
    assert search("harbour").counts == {
        "story": 2, "principle": 1, "statistic": 1, "resource": 1, "company": 1, "tag": 1,
    }  # fmt: skip


def test_narrowing_by_type_keeps_counts_for_all_types():
    make_story(title="Harbour story")
    make_principle(title="Harbour principle")
    found = search("harbour", kind="principle")
    assert [r.title for r in found.results] == ["Harbour principle"]
    assert found.counts == {"story": 1, "principle": 1}


def test_results_highlight_the_matched_words():
    make_story(title="Flowers", summary="The representative sent flowers to her mother.")
    snippet = search("mother").results[0].snippet
    assert ("mother", True) in snippet
    assert all(isinstance(text, str) for text, _ in snippet)


def test_quoted_phrase_needs_the_words_together():
    make_story(title="Together", summary="A free upgrade was offered.")
    make_story(title="Apart", summary="The upgrade was not free.")
    assert titles('"free upgrade"') == ["Together"]


def test_minus_excludes_a_word():
    make_story(title="Airline with lounge", summary="Lounge access after a delay.")
    make_story(title="Airline without", summary="A delay and nothing else.")
    assert titles("delay -lounge") == ["Airline without"]


def test_or_finds_either_word():
    make_story(title="Comcast call")
    make_story(title="Spirit delay")
    make_story(title="Unrelated")
    assert sorted(titles("comcast OR spirit")) == ["Comcast call", "Spirit delay"]


def test_all_words_are_required_unless_none_has_them_all():
    make_story(title="Giraffe at the hotel")
    make_story(title="Giraffe at the zoo")
    found = search("giraffe hotel")
    assert [r.title for r in found.results] == ["Giraffe at the hotel"]
    assert not found.relaxed


def test_when_no_item_has_every_word_results_have_some_and_say_so():
    make_story(title="Giraffe at the hotel")
    found = search("giraffe spaceship")
    assert [r.title for r in found.results] == ["Giraffe at the hotel"]
    assert found.relaxed


def test_a_misspelling_is_corrected_and_said():
    make_story(title="Nordstrom takes back tires")
    found = search("nordstorm")
    assert found.corrected == "nordstrom"
    assert [r.title for r in found.results] == ["Nordstrom takes back tires"]


def test_nothing_found_says_so_and_offers_browsing(client):
    make_story(title="Something")
    response = client.get(reverse("search"), {"q": "xylophone"})
    assert response.status_code == 200
    empty = markup.one(response, "main .empty")
    assert "Nothing in the library matches “xylophone”" in markup.text(empty)
    assert markup.hrefs(empty) == [
        reverse("stories:story_list"),
        reverse("principles:principle_list"),
        reverse("principles:statistic_list"),
        reverse("tag_list"),
    ]


def test_drafts_never_appear():
    make_story(title="Secret harbour", status="draft")
    assert search("harbour").total == 0


def test_search_pages_are_paginated(client):
    for i in range(12):
        make_story(title=f"Harbour {i:02}")
    first = client.get(reverse("search"), {"q": "harbour"})
    second = client.get(reverse("search"), {"q": "harbour", "page": 2})
    assert len(first.context["found"].results) == 10
    assert len(second.context["found"].results) == 2
    assert "page=2" in first.text


def test_pagination_links_keep_the_query_and_the_kind(client):
    for i in range(12):
        make_story(title=f"Harbour {i:02}")
    response = client.get(reverse("search"), {"q": "harbour", "kind": "story"})
    assert 'href="?q=harbour&amp;kind=story&amp;page=2"' in response.text


def test_the_second_page_numbers_its_results_from_eleven(client):
    for i in range(12):
        make_story(title=f"Harbour {i:02}")
    response = client.get(reverse("search"), {"q": "harbour", "page": 2})
    assert '<ol class="results" start="11">' in response.text


def test_a_page_fetches_only_its_own_rows(monkeypatch):
    for i in range(12):
        make_story(title=f"Harbour {i:02}")
    db, asked = type(backends.backend()), []
    matches = db.matches

    def spy(self, query, kind, limit, offset):
        asked.append((limit, offset))
        return matches(self, query, kind, limit, offset)

    monkeypatch.setattr(db, "matches", spy)
    monkeypatch.setattr("csx.search.FUSED", 5)
    search("harbour", page=2, as_typed=True)  # as typed: by words alone
    # The first FUSED rows once, for the fused head; then the second page's two rows.
    assert asked == [(5, 0), (2, 10)]


# --- the kind filter, and links that still say `type` ---------------------------------


def test_links_name_the_filter_kind(client):
    make_story(title="Harbour story")
    make_principle(title="Harbour principle")
    text = client.get(reverse("search"), {"q": "harbour", "kind": "story"}).text
    assert 'href="?q=harbour&amp;kind=principle"' in text
    assert '<input type="hidden" name="kind" value="story">' in text
    assert "type=story" not in text and "type=principle" not in text


def test_old_links_with_type_still_choose_the_kind(client):
    make_story(title="Harbour story")
    make_principle(title="Harbour principle")
    response = client.get(reverse("search"), {"q": "harbour", "type": "principle"})
    assert [r.title for r in response.context["found"].results] == ["Harbour principle"]


def test_kind_wins_over_an_old_type(client):
    make_story(title="Harbour story")
    make_principle(title="Harbour principle")
    response = client.get(reverse("search"), {"q": "harbour", "kind": "story", "type": "principle"})
    assert [r.title for r in response.context["found"].results] == ["Harbour story"]


# --- the query, parsed once and rendered for each database ----------------------------


def test_a_query_is_parsed_into_groups_and_exclusions():
    query = parse('"Overbooked flight" comcast OR spirit -delay')
    assert query.text == '"Overbooked flight" comcast OR spirit -delay'
    assert [[term.words for term in group] for group in query.groups] == [
        [("overbooked", "flight")], [("comcast",), ("spirit",)],
    ]  # fmt: skip
    assert [term.words for term in query.excluded] == [("delay",)]


def test_postgresql_gets_each_term_as_written_and_a_name_joined_and_spaced():
    query = parse('"Overbooked flight" amazon.com OR ritz-carlton -spirit')
    assert query.websearch() == [
        '"Overbooked flight"',
        "amazon.com OR amazoncom OR ritz-carlton OR ritzcarlton",
        "-spirit",
    ]


def test_an_or_stays_inside_its_group_on_both_databases():
    # websearch_to_tsquery alone reads "nordstrom tires OR tyres spaceship" as
    # (nordstrom & tires) | (tyres & spaceship), which this story would match.
    make_story(title="Nordstrom takes back tires")
    assert backends.backend().counts(parse("nordstrom tires OR tyres spaceship")) == {}
    assert backends.backend().counts(parse("nordstrom tires OR tyres")) == {"story": 1}


def test_ranking_weighs_any_wanted_word_or_phrase():
    query = parse('"overbooked flight" Comcast -spirit')
    assert query.websearch_wanted() == '"overbooked flight" OR "comcast"'


def test_sqlite_gets_only_quoted_runs_of_letters_and_digits():
    query = parse('title:giraffe* OR NEAR(an -"b)c')  # "an" is a stop word
    assert query.fts5() == '(("title giraffe" OR "near")) NOT "b c"'
    assert query.fts5(["title"]) == '{title} : (("title giraffe" OR "near")) NOT "b c"'


def test_nul_bytes_never_reach_either_database():
    query = parse("harbour\x00lights")
    assert "\x00" not in query.text + "".join(query.websearch()) + query.fts5()


def test_corrected_swaps_misspelt_words_and_keeps_the_syntax():
    query = parse('"Nordstorm tires" -girafe').corrected(
        {"nordstorm": "nordstrom", "girafe": "giraffe"}
    )
    assert query.text == '"nordstrom tires" -giraffe'
    assert query.websearch() == ['"nordstrom tires"', "-giraffe"]
    assert query.fts5() == '(("nordstrom tires")) NOT "giraffe"'


def test_any_word_takes_phrases_apart():
    query = parse('"giraffe hotel" Spaceship').any_word()
    assert query.words() == ["giraffe", "hotel", "spaceship"]
    assert query.websearch() == ["giraffe OR hotel OR spaceship"]
    assert query.fts5() == '(("giraffe" OR "hotel" OR "spaceship"))'


def test_search_parses_the_readers_text_once(monkeypatch):
    make_story(title="Nordstrom takes back tires")
    parsed = []

    def spy(text, compounds=frozenset()):
        parsed.append(text)
        return parse(text, compounds)

    monkeypatch.setattr(csx.search, "parse", spy)
    monkeypatch.setattr(csx.search.query, "parse", spy)
    # Corrected, still nothing, then relaxed (the quotes keep it from reading as a sentence).
    found = search('nordstorm tires "spaceship"')
    assert found.suggestion == 'nordstrom tires "spaceship"' and found.relaxed
    assert parsed == ['nordstorm tires "spaceship"']


@pytest.mark.parametrize(
    "text",
    ["the giraffe one", "ritz-carlton", "amazon.com", "4.5 stars", "e-mail", "don't",
     '"stayed on the line" -script', "comcast OR spirit", "flowers or vouchers", "a & b | !c",
     "title:giraffe*", "' OR 1=1 --", '-"phrase', "AND OR NOT"],
)  # fmt: skip
def test_the_database_reads_the_rendered_query_as_the_readers_text(text):
    query = parse(text)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The parts joined as the backend joins them (none of these mixes OR and AND,
            # where websearch_to_tsquery's own reading differs: see the test above).
            cursor.execute(
                "SELECT websearch_to_tsquery('english', %s)::text, "
                f"{backends.PostgresBackend.ALL_OF}::text",
                [text, query.websearch()],
            )
            typed, rendered = cursor.fetchone()
            # A name with symbols inside ("ritz-carlton") is also looked for joined
            # ("ritzcarlton"): every word the database reads in the text is still there.
            lexemes = re.compile(r"'[^']*'")
            if SYMBOLED.search(typed_together(text)):
                assert set(lexemes.findall(typed)) <= set(lexemes.findall(rendered))
            else:
                assert rendered == typed
        elif not query.is_empty:  # an empty query never reaches the database
            # FTS5 has no reading of its own to compare with: the rendering must be valid FTS5
            # (a syntax error would raise here) and keep every word the reader typed.
            cursor.execute(
                "SELECT count(*) FROM csx_search_fts WHERE csx_search_fts MATCH %s",
                [query.fts5()],
            )
            assert all(word in query.fts5() for word in query.words())


def test_the_vectors_declared_on_the_model_are_the_ones_stored():
    make_story(title="Harbour lights", summary="A keeper.", body="A stormy night.", tags=["sea"])
    entry = SearchEntry.objects.annotate(
        declared_vector=WeightedVector("title", "summary", "keywords", "body"),
        declared_head=WeightedVector("title", "summary", "keywords"),
    ).get(title="Harbour lights")
    assert (entry.vector, entry.head) == (entry.declared_vector, entry.declared_head)


# --- the index follows every edit -----------------------------------------------------


def test_new_content_is_found_at_once():
    make_story(title="Fresh harbour story")
    assert titles("harbour") == ["Fresh harbour story"]


def test_edits_show_in_the_next_search():
    story = make_story(title="Old harbour name")
    story.title = "Lighthouse keeper"
    story.save()
    assert titles("harbour") == []
    assert titles("lighthouse") == ["Lighthouse keeper"]


def test_unpublishing_removes_and_publishing_adds():
    story = make_story(title="Harbour story")
    story.status = "draft"
    story.save()
    assert titles("harbour") == []
    story.status = "published"
    story.save()
    assert titles("harbour") == ["Harbour story"]


def test_deleting_removes_from_the_index():
    story = make_story(title="Harbour story")
    story.delete()
    assert titles("harbour") == []
    assert not SearchEntry.objects.filter(title="Harbour story").exists()


def test_tagging_shows_in_the_next_search():
    story = make_story(title="Plain story")
    story.tags.add("harbour")
    assert "Plain story" in titles("harbour")
    story.tags.remove("harbour")
    assert titles("harbour") == []


def test_renaming_a_company_reindexes_its_stories():
    company = make_company(title="Old Name Inc")
    make_story(title="A story", company=company)
    company.title = "Lighthouse Ltd"
    company.save()
    assert "A story" in titles("lighthouse")


def test_practices_are_searched_with_their_principle():
    principle = make_principle(title="Listening")
    make_practice(principle, title="Mirror the words", description="Repeat back the harbour.")
    assert titles("harbour") == ["Listening"]


def test_deleting_a_practice_reindexes_its_principle():
    principle = make_principle(title="Listening")
    practice = make_practice(principle, title="Mirror", description="Repeat back the harbour.")
    practice.delete()
    assert titles("harbour") == []


def test_a_deleted_tag_leaves_search():
    make_story(title="Plain story", tags=["harbour"])
    Tag.objects.get(name="harbour").delete()
    assert search("harbour").counts == {}
    assert not SearchEntry.objects.filter(kind="tag").exists()


def test_published_admin_edit_shows_in_the_next_search(publisher_client):
    story = make_story(title="Harbour story", summary="S.", takeaway="T.")
    publisher_client.post(
        reverse("admin:stories_story_change", args=[story.pk]),
        {
            "title": "Lighthouse story", "slug": story.slug, "summary": "S.", "body": "B.",
            "kind": "anecdote", "provenance": "review", "outcome": "exemplary", "channel": "",
            "takeaway": "T.",
            "discussion_questions": "", "tags": "beacon", "_action": "publish",
            "published_at_0": "2026-01-01", "published_at_1": "10:00:00",
        },
    )  # fmt: skip
    assert titles("lighthouse") == ["Lighthouse story"]
    assert "Lighthouse story" in titles("beacon")


def test_rebuild_indexes_published_items_and_their_tags_only():
    make_story(title="Harbour story", tags=["lighthouse"])
    make_story(title="Harbour draft", status="draft", tags=["lighthouse", "secret"])
    SearchEntry.objects.all().delete()
    assert rebuild() == 2
    assert set(SearchEntry.objects.values_list("kind", "title")) == {
        ("story", "Harbour story"), ("tag", "lighthouse"),
    }  # fmt: skip


def test_rebuild_command_restores_a_lost_index(capsys):
    make_story(title="Harbour story")
    SearchEntry.objects.all().delete()
    assert titles("harbour") == []
    call_command("rebuild_search_index")
    assert titles("harbour") == ["Harbour story"]
    assert "Search index rebuilt" in capsys.readouterr().out


# --- bad input ---------------------------------------------------------------------


def test_empty_query_shows_a_helpful_page(client):
    response = client.get(reverse("search"))
    assert response.status_code == 200
    assert "Type what you remember" in response.text


def test_overlong_query_is_refused_with_a_message(client):
    response = client.get(reverse("search"), {"q": "x" * 201})
    assert response.status_code == 400
    assert "please keep it under 200" in response.text
    with pytest.raises(QueryError):
        search("x" * 201)


def test_unknown_type_is_a_400(client):
    assert client.get(reverse("search"), {"q": "a", "type": "planet"}).status_code == 400


@pytest.mark.parametrize("page", ["abc", "0", "-3", "99"])
def test_bad_page_is_404(client, page):
    make_story(title="Harbour")
    assert client.get(reverse("search"), {"q": "harbour", "page": page}).status_code == 404


@pytest.mark.parametrize(
    "query",
    ['"', '""', "'", "*", ":", "(", ")", "NEAR", "NEAR(a b)", "a AND", "OR", "-", "--", "!!!",
     "title:giraffe", "giraffe*", "^giraffe", "' OR 1=1 --", "'; DROP TABLE csx_searchentry; --",
     "a\x00b", "\x00", "{}[]", "\\", "%", "_", "é", "😀", "AND OR NOT", "-\"phrase", "a & b | !c"],
)  # fmt: skip
def test_odd_input_never_fails(client, query):
    make_story(title="Harbour")
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert SearchEntry.objects.exists()


def test_search_box_on_every_page(client):
    for url in ["/", "/stories/", "/principles/", "/tags/"]:
        assert 'role="search"' in client.get(url).text, url


# --- very common words: a bounded set of candidates -----------------------------------


@pytest.fixture
def few_candidates(monkeypatch):
    from csx.search import backends

    monkeypatch.setattr(backends, "CANDIDATES", 3)


def test_a_very_common_word_says_more_than_and_pages_the_best(few_candidates, client):
    for i in range(6):
        make_story(title=f"Story {i}", body="A word about the harbour.")
    found = search("harbour")
    assert found.capped
    assert found.total_label == "more than 3"
    assert found.matching == 3
    response = client.get(reverse("search"), {"q": "harbour"})
    assert "More than 3 items match" in response.text


def test_a_title_match_found_late_still_ranks_first(few_candidates):
    for i in range(6):
        make_story(title=f"Story {i}", body="A word about the harbour.")
    make_story(title="Harbour lights")
    assert search("harbour").results[0].title == "Harbour lights"


def test_choosing_a_type_counts_that_type_when_the_total_is_capped(few_candidates):
    for i in range(6):
        make_story(title=f"Story {i}", body="A word about the harbour.")
    make_principle(title="Harbour principle")
    found = search("harbour", kind="principle")
    assert found.kind_count == 1
    assert [r.title for r in found.results] == ["Harbour principle"]
    assert [kind for kind, _, _ in found.kinds] == list(KINDS)


def test_when_titles_alone_match_more_than_the_candidates_the_count_says_more_than(
    few_candidates,
):
    for i in range(4):
        make_story(title=f"Harbour {i}")
    make_story(title="Quiet", body="A word about the harbour.")
    found = search("harbour")
    assert found.capped and found.total_label == "more than 3"
    # The first three are found by their titles, before the story that holds the word only
    # in its body. Which three of the four: their ranks differ by their summaries' lengths
    # (the factories number them, from whichever tests ran before), so any.
    titles = [r.title for r in found.results[:3]]
    assert len(set(titles)) == 3 and set(titles) < {f"Harbour {i}" for i in range(4)}
