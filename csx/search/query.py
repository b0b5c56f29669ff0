"""The search syntax people already know: words, "quoted phrases", -exclusions and OR.

    query = parse('"overbooked flight" -spirit')   once, from the reader's text
    query.websearch()                              PostgreSQL's websearch_to_tsquery input
    query.fts5()                                   SQLite's FTS5 MATCH expression
    query.corrected({"girafe": "giraffe"})         new queries, never a re-parse
    query.any_word()

SQLite sees only runs of letters and digits, each inside a quoted string, so FTS operators,
quotes, brackets and NUL bytes can never reach it. PostgreSQL gets each term as the reader
wrote it, because its own parser reads "amazon.com", "4.5" and "ritz-carlton" as single
tokens, the way it indexed them; websearch_to_tsquery accepts any text.
"""

import re
from dataclasses import dataclass

TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"\w+", re.UNICODE)


def replace_words(text, replacements):
    """The text with misspelt words swapped for their corrections, everything else kept."""
    return WORD.sub(lambda m: replacements.get(m.group(0).lower(), m.group(0)), text)


@dataclass(frozen=True)
class Term:
    words: tuple  # one word, or the words of a phrase, lower case
    text: str  # as written, without its minus or quotes
    quoted: bool = False
    negated: bool = False

    def phrase(self):
        """The words as one quoted string: a phrase to FTS5 and to websearch_to_tsquery."""
        return '"' + " ".join(self.words) + '"'

    def websearch(self):
        # A bare word stays bare: quoting "foo!bar" would make PostgreSQL read a phrase.
        text = self.text.replace('"', " ")
        if self.quoted or text != self.text:
            text = f'"{text}"'
        return f"-{text}" if self.negated else text

    def corrected(self, replacements):
        return Term(
            tuple(replacements.get(word, word) for word in self.words),
            replace_words(self.text, replacements),
            self.quoted,
            self.negated,
        )


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # what the reader typed (with any corrections): what the page shows
    groups: tuple  # each group is a tuple of Terms joined by OR; groups are joined by AND
    excluded: tuple  # Terms that must not match

    @property
    def is_empty(self):
        return not self.groups

    def wanted(self):
        return [term for group in self.groups for term in group]

    def words(self):
        return [word for term in self.wanted() for word in term.words]

    def corrected(self, replacements):
        """This query with misspelt words ({misspelt: correction}) swapped, syntax kept."""
        return ParsedQuery(
            replace_words(self.text, replacements),
            tuple(tuple(term.corrected(replacements) for term in group) for group in self.groups),
            tuple(term.corrected(replacements) for term in self.excluded),
        )

    def any_word(self):
        """Any one of the wanted words, phrases taken apart: for when nothing has them all."""
        words = self.words()
        return ParsedQuery(" OR ".join(words), (tuple(Term((w,), w) for w in words),), ())

    def websearch(self):
        """The query as websearch_to_tsquery reads it, e.g. `"overbooked flight" -spirit`."""
        groups = [" OR ".join(term.websearch() for term in group) for group in self.groups]
        return " ".join(groups + [term.websearch() for term in self.excluded])

    def websearch_wanted(self):
        """The wanted words and phrases joined by OR: what ranking and highlighting weigh."""
        return " OR ".join(term.phrase() for term in self.wanted())

    def fts5(self, columns=None):
        """An FTS5 MATCH expression in which every word is a quoted string; the wanted words
        limited to `columns` if given, the excluded ones never."""
        groups = ["(" + " OR ".join(term.phrase() for term in group) + ")" for group in self.groups]
        expression = "(" + " AND ".join(groups) + ")"
        if columns:
            expression = "{" + " ".join(columns) + "} : " + expression
        for term in self.excluded:
            expression += f" NOT {term.phrase()}"
        return expression


def parse(text):
    text = text.replace("\x00", " ")
    groups, excluded, pending_or = [], [], False
    for match in TOKEN.finditer(text):
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
        term = Term(words, phrase, quoted=bare is None, negated=bool(minus))
        if term.negated:
            excluded.append(term)
        elif pending_or:
            groups[-1] = (*groups[-1], term)
        else:
            groups.append((term,))
        pending_or = False
    return ParsedQuery(text, tuple(groups), tuple(excluded))
