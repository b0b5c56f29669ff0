"""pyspellchecker's English words as a file every process maps (csx/search/corrections.py):
the same answers as the package's own SpellChecker, without its dictionary in each process."""

import numpy as np
import pytest
from spellchecker import SpellChecker

from csx.search.corrections import LETTERS, english, is_close, is_real_word


@pytest.fixture(scope="module")
def package():
    return SpellChecker(language="en", distance=1)


def test_the_english_words_are_a_map_of_a_file_sorted_for_bisection():
    words = english()
    assert isinstance(words, np.memmap)
    assert len(words) > 100_000
    assert bool(np.all(words[:-1] < words[1:]))


def test_the_letters_an_edit_may_bring_in_are_the_packages():
    assert set(LETTERS) == set(SpellChecker(language="en").word_frequency.letters)


@pytest.mark.parametrize(
    "word", ["blizzard", "Irate", "giraffe", "girafe", "zendesk", "café", "naïve", "a", "zzzzz"]
)
def test_a_real_word_is_one_the_package_knows(package, word):
    assert is_real_word(word) == bool(package.known([word]))


@pytest.mark.parametrize(
    ("word", "correction"),
    [("servise", "service"), ("refnud", "refund"), ("teh", "the"), ("cafe", "café"),
     ("abc", "abcd"), ("abcd", "ab"), ("nite", "night"), ("Rude", "rude")],
)  # fmt: skip
def test_a_short_word_is_close_as_the_package_says(package, word, correction):
    expected = correction in package.edit_distance_1(word)
    assert is_close(word, correction) == expected


def test_a_cache_folder_it_cannot_write_still_leaves_the_words(settings, tmp_path):
    settings.CACHE_DIR = tmp_path / "a-file"
    settings.CACHE_DIR.write_text("not a folder")
    english.cache_clear()
    try:
        assert is_real_word("blizzard")
        assert not isinstance(english(), np.memmap)
    finally:
        english.cache_clear()
