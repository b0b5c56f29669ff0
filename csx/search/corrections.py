"""When a misspelt word may be corrected without asking, and when only suggested.

A search that finds nothing may run again with each unknown word swapped for the closest
word the library holds ("girafe" → "giraffe"), but only when that is clearly what the reader
meant: never an acronym typed in capitals ("CSAT"), never a real English word the library
happens not to use ("blizzard", "irate": pyspellchecker's English word list), and only a
close neighbour (one edit for a short word, most letters shared for a longer one).
Anything less sure is offered as "Did you mean …?" and the results stay the reader's own.
"""

import difflib
import logging
import re
from functools import cache
from pathlib import Path

import numpy as np
from django.conf import settings
from spellchecker import SpellChecker
from spellchecker.info import __version__ as spellchecker_version

from csx.search.mapped import read_mapped, write_mapped

logger = logging.getLogger(__name__)

ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
SHORT = 5  # letters: a word this short may be one edit away at most
CLOSE = 0.8  # difflib's ratio a longer word must reach
# pyspellchecker's English words in UTF-8 are 45 bytes at most (its list's longest).
WORD_BYTES = 48
# The letters of pyspellchecker's English words: the only ones its edit_distance_1 inserts
# or substitutes (tests/csx/test_search_corrections.py holds the two the same).
LETTERS = "'abcdefghijklmnopqrstuvwxyzàáâäåçèéêëíïñóôöûü"


@cache
def english():
    """pyspellchecker's English words (160,000), sorted, as fixed-width records in a file
    every process maps. As the package's own dictionary they are 25 MB of each process's
    memory; mapped, 7.7 MB of the machine's, shared, of which a process holds the pages its
    look-ups touched (docs/performance.md, "Memory at 50,000 stories"). Written once, by
    the first process to need it."""
    path = Path(settings.CACHE_DIR) / "english" / f"words-{spellchecker_version}.npy"
    try:
        return read_mapped(path)
    except (OSError, ValueError):  # not written yet (or cannot be), or half written by a crash
        pass
    dictionary = SpellChecker(language="en", distance=1).word_frequency.dictionary
    words = np.array(sorted(word.encode() for word in dictionary), dtype=f"S{WORD_BYTES}")
    try:
        return write_mapped(path, words, words.dtype)
    except OSError:  # a folder it cannot write: this process keeps its own copy
        logger.exception("The English words could not be shared in %s", path.parent)
        return words


def edit_distance_1(word):
    """Every string one deletion, transposition, substitution or insertion away from
    `word` (and `word` itself), as pyspellchecker's SpellChecker.edit_distance_1 makes."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [head + tail[1:] for head, tail in splits if tail]
    transposes = [head + tail[1] + tail[0] + tail[2:] for head, tail in splits if len(tail) > 1]
    replaces = [head + c + tail[1:] for head, tail in splits if tail for c in LETTERS]
    inserts = [head + c + tail for head, tail in splits for c in LETTERS]
    return set(deletes + transposes + replaces + inserts)


def acronyms(text):
    """The words typed in capitals ("CSAT", "FCRs"), lower case as queries hold words."""
    return {word.lower() for word in ACRONYM.findall(text)}


def could_be_misspelt(word):
    """A word that, when no live item holds it, is looked up in the lexicon for the closest."""
    return word.isalpha() and len(word) >= 3


def is_real_word(word):
    words, key = english(), word.lower().encode()
    at = np.searchsorted(words, key)
    return bool(at < len(words) and words[at] == key)


def is_close(word, correction):
    if len(word) <= SHORT:
        return correction in edit_distance_1(word.lower())
    return difflib.SequenceMatcher(None, word, correction).ratio() >= CLOSE


def clearly_meant(word, correction, typed):
    """Whether `correction` may replace `word` without asking; `typed` is the query as the
    reader wrote it."""
    return word not in acronyms(typed) and not is_real_word(word) and is_close(word, correction)
