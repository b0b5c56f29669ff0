"""Search by meaning (csx/search/meaning.py): what a reader means, in words the item does
not use, finds it; fused with the words' ranking; related stories from the same vectors."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from csx.models import SearchEntry
from csx.search import meaning, rebuild, search
from tests.factories import make_principle, make_story

pytestmark = pytest.mark.django_db


def titles(text, **options):
    return [result.title for result in search(text, **options).results]


def test_a_paraphrase_finds_the_story_it_shares_no_word_with():
    make_story(title="Doctor dragged from an overbooked United flight", summary="Removed.")
    make_story(title="A hotel returns a stuffed giraffe", summary="Toy sent home.")
    assert titles("passenger pulled off an aeroplane")[0] == (
        "Doctor dragged from an overbooked United flight"
    )


def test_an_item_found_by_meaning_alone_is_counted():
    make_story(title="Doctor dragged from an overbooked United flight", summary="Removed.")
    assert search("passenger pulled off an aeroplane").counts == {"story": 1}


def test_nonsense_finds_nothing_by_meaning():
    make_story(title="A hotel returns a stuffed giraffe", summary="Toy sent home.")
    assert search("xqzvw blorf").total == 0


def test_exact_words_are_looked_for_as_words_only():
    make_story(title="Doctor dragged from an overbooked United flight", summary="Removed.")
    assert search('"passenger pulled"').total == 0


def test_a_word_match_named_by_the_query_stays_first():
    make_story(title="Harbour", summary="A story about a port.")
    make_principle(title="Harbour master", summary="Ships and ports and harbours.")
    assert titles("harbour")[0] == "Harbour"


def test_the_rebuild_fills_every_entry_with_its_vector():
    make_story(title="A hotel returns a stuffed giraffe")
    rebuild()
    sizes = {len(bytes(blob)) for blob in SearchEntry.objects.values_list("meaning", flat=True)}
    assert sizes == {meaning.DIMENSIONS * 2}  # float16


def test_a_change_to_the_index_is_seen_by_the_next_search():
    make_story(title="A hotel returns a stuffed giraffe", summary="Toy sent home.")
    assert search("passenger pulled off an aeroplane").total == 0
    make_story(title="Doctor dragged from an overbooked United flight", summary="Removed.")
    assert search("passenger pulled off an aeroplane").total == 1


def test_the_model_is_loaded_once_per_process():
    assert meaning.model() is meaning.model()


def test_the_vectors_are_read_once_until_the_index_changes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_story(title="A hotel returns a stuffed giraffe")
    meaning.vectors()
    with CaptureQueriesContext(connection) as second:
        meaning.vectors()
    assert len(second.captured_queries) == 0


def test_a_committed_change_to_the_index_is_read_at_the_next_search(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        make_story(title="A hotel returns a stuffed giraffe")
    before = len(meaning.vectors().ids)
    with django_capture_on_commit_callbacks(execute=True):
        make_story(title="Doctor dragged from an overbooked United flight")
    assert len(meaning.vectors().ids) == before + 1


def test_vectors_read_before_a_change_is_rolled_back_are_not_kept():
    make_story(title="A hotel returns a stuffed giraffe")
    kept = len(meaning.vectors().ids)
    with pytest.raises(RuntimeError), transaction.atomic():
        make_story(title="Doctor dragged from an overbooked United flight")
        assert len(meaning.vectors().ids) == kept + 1  # seen inside its own transaction
        raise RuntimeError("rolled back")
    assert len(meaning.vectors().ids) == kept
