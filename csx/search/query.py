"""The search syntax people already know: words, "quoted phrases", -exclusions and OR.

    query = parse('"overbooked flight" -spirit')   once, from the reader's text
    query.websearch()                              PostgreSQL's websearch_to_tsquery input
    query.fts5()                                   SQLite's FTS5 MATCH expression
    query.corrected({"girafe": "giraffe"})         new queries, never a re-parse
    query.with_alternatives(alternatives)          spellings and synonyms as OR groups
    query.any_word(), query.holding_any()

SQLite sees only runs of letters and digits, each inside a quoted string, so FTS operators,
quotes, brackets and NUL bytes can never reach it. PostgreSQL gets each term as the reader
wrote it, because its own parser reads "amazon.com", "4.5" and "ritz-carlton" as single
tokens, the way it indexed them; websearch_to_tsquery accepts any text. Both read "or" in
any case as OR, and both ignore the same stop words ("how", "to", "an"), outside quotes.

A query with NATURAL_WORDS or more meaningful words and no syntax is a sentence ("how to
handle an angry customer"): it finds what holds any of them, most of them first.

Names are found however they are typed (tokens.py): "AT&T", "AT & T", "AT and T" and "ATT"
are one word, and so are "ritz-carlton" and "ritzcarlton"; two words typed for one the
library holds ("zen desk") find it too.
"""

import re
from dataclasses import dataclass, replace
from itertools import combinations
from math import comb

from csx.search.tokens import is_plain_word, joined, name_key, name_parts, typed_together
from csx.search.words import STOP_WORDS, WORD, words_of

TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
NATURAL_WORDS = 3
# A sentence's relevance floor is asked of the text index itself, as "every `floor` of its
# groups, in any one way" (floor_sets), while those ways are at most this many: 70 is eight
# groups, four of them. Past that each candidate counts the groups it holds, which costs a
# look-up per group and candidate.
FLOOR_SETS = 70


def replace_words(text, replacements):
    """The text with misspelt words swapped for their corrections, everything else kept."""
    return WORD.sub(lambda m: replacements.get(m.group(0).lower(), m.group(0)), text)


@dataclass(frozen=True)
class Term:
    words: tuple  # one word, or the words of a phrase, lower case
    text: str  # as written, without its minus or quotes
    quoted: bool = False
    negated: bool = False
    alternative: bool = False  # a spelling or synonym of what the reader typed

    @classmethod
    def of_words(cls, words, negated=False):
        """A term for these words, written plainly: an alternative the reader did not type."""
        return cls(words, " ".join(words), len(words) > 1, negated, alternative=True)

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
            self.alternative,
        )

    def widened(self, alternatives):
        """This term and every other way to write it."""
        return (self, *(Term.of_words(w, self.negated) for w in alternatives.of(self.words)))


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # what the reader typed (with any corrections): what the page shows
    groups: tuple  # each group is a tuple of Terms joined by OR; groups are joined by AND
    excluded: tuple  # Terms that must not match
    natural: bool = False  # a sentence: NATURAL_WORDS or more words, no syntax
    # Groups an item is ranked by holding: the more it holds, the higher (sentences only).
    ranked_by: tuple = ()
    # How many of ranked_by an item must hold to be listed: the relevance floor (sentences).
    floor: int = 0
    relaxed: bool = False  # any of the words (any_word): a list of words, no one's name

    @classmethod
    def of_word(cls, word):
        """A query for one known word, as the lexicon holds it (no parsing needed)."""
        return cls(text=word, groups=((Term((word,), word),),), excluded=())

    def names(self):
        """The names this query may be (tokens.name_key): "trader joes" → "traderjoes"; a
        query of one word or phrase, its other spellings and synonyms too ("FCR" is also
        "first contact resolution"), never a sentence's words one by one."""
        if self.relaxed:
            return []
        names = {name_key(self.text)}
        if len(self.groups) == 1 and not self.ranked_by:
            names.update(name_key(term.text) for term in self.groups[0])
        return sorted(names)

    @property
    def is_empty(self):
        return not self.groups

    @property
    def exact(self):
        """The reader asked for exact words ("a phrase", -word): not for what they mean."""
        return bool(self.excluded) or any(t.quoted and not t.alternative for t in self.wanted())

    def wanted(self):
        return [term for group in self.groups for term in group]

    def words(self):
        return [word for term in self.wanted() for word in term.words]

    def alternatives(self):
        """The spellings and synonyms this query also looks for, as written."""
        return [term.text for term in self.wanted() if term.alternative]

    def corrected(self, replacements):
        """This query with misspelt words ({misspelt: correction}) swapped, syntax kept."""
        return replace(
            self,
            text=replace_words(self.text, replacements),
            groups=tuple(
                tuple(term.corrected(replacements) for term in group) for group in self.groups
            ),
            excluded=tuple(term.corrected(replacements) for term in self.excluded),
        )

    def with_alternatives(self, alternatives):
        """Each term OR every other way to write it (words.Alternatives): British and
        American spellings, and editors' synonyms. Bare words that together make a synonym
        phrase ("money back") become that phrase first."""
        groups, rest = [], list(self.groups)
        while rest:
            size = phrase_length(rest, alternatives)
            if size > 1:
                words = tuple(group[0].words[0] for group in rest[:size])
                text = " ".join(group[0].text for group in rest[:size])
                rest[:size] = [(Term(words, text, quoted=True),)]
            group = rest.pop(0)
            groups.append(unique(alt for term in group for alt in term.widened(alternatives)))
        excluded = unique(alt for term in self.excluded for alt in term.widened(alternatives))
        return replace(self, groups=tuple(groups), excluded=excluded)

    def any_word(self):
        """Any one of the wanted words, phrases taken apart: for when nothing has them all."""
        words = self.words()
        terms = (tuple(Term((w,), w) for w in words),)
        return ParsedQuery(" OR ".join(words), terms, (), relaxed=True)

    def holding_any(self):
        """Whatever holds any of the groups, ranked by how many it holds: for sentences.
        Only what holds at least half of them is listed (the floor; weaker() lifts it)."""
        floor = (len(self.groups) + 1) // 2
        return replace(self, groups=(tuple(self.wanted()),), ranked_by=self.groups, floor=floor)

    def weaker(self):
        """This query with no relevance floor: the weaker matches of a sentence too."""
        return replace(self, floor=0)

    def floor_sets(self):
        """Every way to hold the floor's number of the groups ranked by (each a tuple of
        groups), or None when there is no floor or more than FLOOR_SETS ways."""
        if not self.floor or comb(len(self.ranked_by), self.floor) > FLOOR_SETS:
            return None
        return list(combinations(self.ranked_by, self.floor))

    def every_group(self):
        """What holds every group this query is ranked by (a sentence's best matches)."""
        return replace(self, groups=self.ranked_by, ranked_by=(), floor=0)

    def websearch(self):
        """The query as websearch_to_tsquery reads it, a part per group (its terms joined by
        OR) and per exclusion: ['"overbooked flight"', "comcast OR spirit", "-delay"]. The
        backend joins the parts with AND, as websearch_to_tsquery itself would not: it reads
        "a b OR c" as (a & b) | c."""
        groups = [" OR ".join(term.websearch() for term in group) for group in self.groups]
        return groups + [term.websearch() for term in self.excluded]

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

    def fts5_ranked(self):
        """Each group ranked by, as an FTS5 MATCH expression."""
        return [" OR ".join(term.phrase() for term in group) for group in self.ranked_by]

    def fts5_floor(self):
        """What holds the floor's number of the groups ranked by, as an FTS5 MATCH
        expression (the ways of floor_sets joined by OR), or None (floor_sets)."""
        ways = self.floor_sets()
        if ways is None:
            return None
        return " OR ".join(
            "("
            + " AND ".join("(" + " OR ".join(t.phrase() for t in group) + ")" for group in way)
            + ")"
            for way in ways
        )

    def websearch_floor(self):
        """floor_sets as websearch_to_tsquery reads them, a list of parts per way (the
        backend joins a way's parts with AND and the ways with OR); [] for None."""
        return [
            [" OR ".join(term.websearch() for term in group) for group in way]
            for way in self.floor_sets() or []
        ]


def unique(terms):
    """The terms in order, each set of words once."""
    seen = {}
    for term in terms:
        seen.setdefault(term.words, term)
    return tuple(seen.values())


def is_bare_word(group):
    return len(group) == 1 and len(group[0].words) == 1 and not group[0].quoted


def phrase_length(groups, alternatives):
    """How many of the leading bare words make a synonym phrase together (1 if none do)."""
    for size in range(min(alternatives.longest, len(groups)), 1, -1):
        leading = groups[:size]
        words = tuple(group[0].words[0] for group in leading if is_bare_word(group))
        if len(words) == size and alternatives.is_phrase(words):
            return size
    return 1


def bare_terms(bare, negated):
    """The terms one bare token stands for: the token, and for a name with symbols in it
    ("at&t", "ritz-carlton") the name written as one word and as separate words."""
    words = tuple(word for word in words_of(bare) if word not in STOP_WORDS)
    terms = [Term(words, bare, negated=negated)] if words else []
    parts = name_parts(bare)
    if parts:
        terms.append(Term((joined(parts),), joined(parts), negated=negated))
        terms.append(Term.of_words(parts, negated))
    return unique(terms)


def parse(text, compounds=frozenset()):
    """The reader's text as a query; two bare words that together make a word of
    `compounds` ("zen desk": the lexicon holds "zendesk") are read as that word too."""
    text = text.replace("\x00", " ")
    shown, text = text, typed_together(text)
    groups, excluded, pending_or, syntax = [], [], False, False
    tokens = list(TOKEN.finditer(text))
    skip = False
    for at, match in enumerate(tokens):
        following = tokens[at + 1] if at + 1 < len(tokens) else None
        if skip:
            skip = False
            continue
        minus, phrase, bare = match.groups()
        if bare is not None and bare.upper() == "OR":  # websearch_to_tsquery's reading too
            pending_or = bool(groups)
            syntax = True
            continue
        if bare is not None:
            minus = "-" if bare.startswith("-") else ""
            bare = bare.lstrip("-")
            compound = compound_of(bare, following, compounds) if not minus else None
            if compound:
                terms, skip = compound, True
            else:
                terms = bare_terms(bare, negated=bool(minus))
        else:  # a quoted phrase keeps its little words
            words = words_of(phrase)
            terms = [Term(words, phrase, quoted=True, negated=bool(minus))] if words else []
        if not terms:
            continue
        syntax = syntax or terms[0].quoted or terms[0].negated
        if terms[0].negated:
            excluded.extend(terms)
        elif pending_or:
            groups[-1] = (*groups[-1], *terms)
        else:
            groups.append(tuple(terms))
        pending_or = False
    natural = not syntax and len(groups) >= NATURAL_WORDS
    return ParsedQuery(shown, tuple(groups), tuple(excluded), natural)


def compound_of(bare, following, compounds):
    """The terms for `bare` and the next bare token read as one known word, or None."""
    after = following.group(3) if following else None
    if not compounds or after is None or not (is_plain_word(bare) and is_plain_word(after)):
        return None
    parts = (bare.lower(), following.group(3).lower())
    word = joined(parts)
    if word not in compounds:
        return None
    return (Term((word,), word), Term.of_words(parts))


def compound_candidates(text):
    """The words two neighbouring bare tokens of `text` would make together: the lexicon
    says which it holds (parse's `compounds`)."""
    bare = [m.group(3) for m in TOKEN.finditer(typed_together(text))]
    plain = [token if token and is_plain_word(token) else None for token in bare]
    pairs = zip(plain, plain[1:], strict=False)
    return {joined((a, b)).lower() for a, b in pairs if a and b}
