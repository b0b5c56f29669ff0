"""The search syntax people already know: words, "quoted phrases", -exclusions and OR.

PostgreSQL reads it natively (websearch_to_tsquery); this parser gives the SQLite backend
the same meaning and makes every other character harmless: only runs of letters and digits
survive, so FTS operators, quotes, brackets and NUL bytes can never reach the database.
"""

import re
from dataclasses import dataclass

TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Term:
    words: tuple  # one word, or the words of a phrase
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    groups: tuple  # each group is a tuple of Terms joined by OR; groups are joined by AND
    excluded: tuple  # Terms that must not match

    @property
    def is_empty(self):
        return not self.groups

    def any_words(self):
        """The wanted words and phrases joined by OR: what ranking weighs."""
        return " OR ".join('"' + " ".join(t.words) + '"' for group in self.groups for t in group)

    def words(self):
        return [word for group in self.groups for term in group for word in term.words]


def parse(query):
    groups, excluded, pending_or = [], [], False
    for match in TOKEN.finditer(query.replace("\x00", " ")):
        minus, phrase, bare = match.groups()
        if bare == "OR":
            pending_or = bool(groups)
            continue
        if bare is not None:
            minus = "-" if bare.startswith("-") else ""
            phrase = bare.lstrip("-")
        words = tuple(word.lower() for word in WORD.findall(phrase) if word != "_")
        if not words:
            continue
        term = Term(words, negated=bool(minus))
        if term.negated:
            excluded.append(term)
        elif pending_or:
            groups[-1] = (*groups[-1], term)
        else:
            groups.append((term,))
        pending_or = False
    return ParsedQuery(tuple(groups), tuple(excluded))


def replace_words(query, replacements):
    """The query with misspelt words swapped for their corrections, syntax kept."""
    return WORD.sub(lambda m: replacements.get(m.group(0).lower(), m.group(0)), query)
