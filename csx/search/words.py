"""What words mean to search, the same on PostgreSQL and on SQLite.

- STOP_WORDS: words too common to search for ("how", "to", "an"). PostgreSQL drops them
  itself; SQLite's FTS5 would require them, so the parser drops them for both.
- Spellings: British and American spellings of a word find each other ("apologise",
  "apologize"), from breame's lists.
- Synonyms: words and phrases alike ("refund", "money back"): the library's own thesaurus
  (thesaurus.txt, shipped with the code) and those editors add in the admin.

Spellings and synonyms are applied when a query runs, never to the index, so a synonym
added in the admin works at once on both databases (ParsedQuery.with_alternatives).
"""

import re
from itertools import islice, product
from pathlib import Path

from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS

# PostgreSQL's own English list (share/tsearch_data/english.stop, from Snowball), so that
# both databases ignore exactly the same words; written as one string to read like that file.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against
    between into through during before after above below to from up down in out on off over
    under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very s t can will just don
    should now
    """.split()  # noqa: SIM905
)

WORD = re.compile(r"\w+", re.UNICODE)


def words_of(text):
    """The words of a text as search reads them: runs of letters and digits, lower case."""
    return tuple(word.lower() for word in WORD.findall(text) if word != "_")


THESAURUS_FILE = Path(__file__).with_name("thesaurus.txt")


def read_thesaurus(path=THESAURUS_FILE):
    """The thesaurus's groups, each as an editor would write it ("refund, money back")."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


THESAURUS = read_thesaurus()


def synonym_phrases(terms):
    """An editor's "refund, money back" as phrases: [("refund",), ("money", "back")]."""
    phrases = []
    for term in terms.split(","):
        words = words_of(term)
        if words and words not in phrases:
            phrases.append(words)
    return phrases


# A phrase gets at most this many respellings ("colour of the centre": 4), so a long quoted
# phrase cannot turn into hundreds of alternatives.
MAX_PHRASE_SPELLINGS = 8


def spelling_groups():
    """{word: its other spellings}: "colour" → {"color"}, "anaesthetise" → two others."""
    groups = {}
    for table in (BRITISH_ENGLISH_SPELLINGS, AMERICAN_ENGLISH_SPELLINGS):
        for one, other in table.items():
            group = groups.get(one, {one}) | groups.get(other, {other})
            for word in group:
                groups[word] = group
    return {word: frozenset(group - {word}) for word, group in groups.items()}


SPELLINGS = spelling_groups()


# Endings spelt either way that breame's lists miss for some words ("personalisation").
EITHER_ENDING = {"isation": "ization", "ization": "isation", "isations": "izations",
                 "izations": "isations"}  # fmt: skip


def other_spellings(word):
    """breame's other spellings of `word`, or else its -isation/-ization twin."""
    if word in SPELLINGS:
        return SPELLINGS[word]
    for ending, other in EITHER_ENDING.items():
        if word.endswith(ending):
            return frozenset({word.removesuffix(ending) + other})
    return frozenset()


def respellings(words):
    """The other ways to spell a word or phrase (a tuple of words), as tuples of words."""
    choices = [(word, *sorted(other_spellings(word))) for word in words]
    return list(islice(product(*choices), 1, MAX_PHRASE_SPELLINGS + 1))


class Alternatives:
    """What else a word or phrase may be written as: its spellings and its synonyms.

    `synonyms` holds editors' synonyms as they wrote them ("refund, money back"). A plural
    finds the synonyms of its singular ("refunds" → "money back").
    """

    def __init__(self, synonyms=()):
        self.synonyms = {}
        for terms in synonyms:
            group = synonym_phrases(terms)
            for phrase in group:
                others = self.synonyms.setdefault(phrase, set())
                others.update(other for other in group if other != phrase)
        self.longest = max((len(phrase) for phrase in self.synonyms), default=1)

    def synonyms_of(self, words):
        found = self.synonyms.get(words)
        if found is None and len(words) == 1 and words[0].endswith("s"):
            found = self.synonyms.get((words[0][:-1],))
        return found or set()

    def of(self, words):
        """Every other way to write `words`, a tuple of words, in a stable order."""
        found = set(respellings(words))
        for synonym in self.synonyms_of(words):
            found.add(synonym)
            found.update(respellings(synonym))
        found.discard(words)
        return sorted(found)

    def is_phrase(self, words):
        """Whether `words` (two or more) is a synonym phrase, read as one term."""
        return len(words) > 1 and bool(self.synonyms_of(words))
