"""When a misspelt word may be corrected without asking, and when only suggested.

A search that finds nothing may run again with each unknown word swapped for the closest
word the library holds ("girafe" → "giraffe"), but only when that is clearly what the reader
meant: never an acronym typed in capitals ("CSAT"), never a real English word the library
happens not to use ("blizzard", "irate": pyspellchecker's English word list), and only a
close neighbour (one edit for a short word, most letters shared for a longer one).
Anything less sure is offered as "Did you mean …?" and the results stay the reader's own.
"""

import difflib
import re
from functools import cache

from spellchecker import SpellChecker

ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
SHORT = 5  # letters: a word this short may be one edit away at most
CLOSE = 0.8  # difflib's ratio a longer word must reach


@cache
def english():
    # distance=1: edit_distance_1 is all we ask of it; the word list loads once per process.
    return SpellChecker(language="en", distance=1)


def acronyms(text):
    """The words typed in capitals ("CSAT", "FCRs"), lower case as queries hold words."""
    return {word.lower() for word in ACRONYM.findall(text)}


def could_be_misspelt(word):
    """A word that, when no live item holds it, is looked up in the lexicon for the closest."""
    return word.isalpha() and len(word) >= 3


def is_real_word(word):
    return bool(english().known([word]))


def is_close(word, correction):
    if len(word) <= SHORT:
        return correction in english().edit_distance_1(word)
    return difflib.SequenceMatcher(None, word, correction).ratio() >= CLOSE


def clearly_meant(word, correction, typed):
    """Whether `correction` may replace `word` without asking; `typed` is the query as the
    reader wrote it."""
    return word not in acronyms(typed) and not is_real_word(word) and is_close(word, correction)
