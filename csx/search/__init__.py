"""Search across the whole library, the same on PostgreSQL and on SQLite.

    search("the giraffe one")            ranked results with highlighted snippets
    search('"overbooked flight" -spirit', kind="story", page=2)
    rebuild()                            the whole index, from the database

Misspelt words are corrected from the words published items contain ("girafe" finds the
giraffe) and the page says so; British and American spellings and editors' synonyms are
looked for too (words.py); a sentence finds what holds most of its words. The index follows
every save through signals (signals.py); log.py counts what readers look for.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

from csx.search import backends, meaning, sections
from csx.search.backends import HIT_END, HIT_START, backend
from csx.search.corrections import clearly_meant
from csx.search.documents import GATHERING_KINDS, KIND_NAMES, KINDS
from csx.search.index import index_item, index_tags, rebuild
from csx.search.query import ParsedQuery, compound_candidates, parse
from csx.search.words import THESAURUS, Alternatives

__all__ = ["KINDS", "QueryError", "index_item", "index_tags", "rebuild", "search"]

MAX_QUERY_LENGTH = 200
PER_PAGE = 10
# The first results rank the words and the meaning together; then the words alone.
FUSED = 50
# Reciprocal rank fusion's constant: the larger, the more a lower rank still counts.
RRF_K = 60
# How much the meaning's ranking counts beside the words' (which count 1).
MEANING_WEIGHT = 0.5


class QueryError(ValueError):
    """A query we will not run; the message says why, for the reader."""


@dataclass
class Result:
    kind: str
    title: str
    url: str
    summary: str
    snippet: list  # (text, is_match) pieces, so templates escape every piece

    @property
    def kind_label(self):
        return KIND_NAMES[self.kind]


@dataclass
class Matches:
    """The matches of a search, as Paginator reads them: their number is known from the
    counts; rows are fetched only for the page asked for.

    The first FUSED results fuse the words' ranking with the meaning's (`head`, from
    `fused`); later pages go on down the words' ranking, without the entries already listed.
    """

    db: object
    query: ParsedQuery
    kind: str | None
    total: int
    head: list = field(default_factory=list)  # the first entries' ids, fused
    by_meaning: int = 0  # how many of them the words' ranking did not find
    more: bool = False  # the words' ranking goes on after its part of the head

    def __len__(self):
        return self.total

    def __getitem__(self, window: slice):
        if window.start >= window.stop:
            return []
        ids = self.head[window]
        if window.stop > len(self.head) and self.more:
            start = max(window.start, len(self.head))
            listed = set(self.head)
            rest = self.db.matches(
                self.query, self.kind, window.stop - start, start - self.by_meaning
            )
            ids += [pk for pk, _ in rest if pk not in listed]
        rows = self.db.snippets(self.query, ids)
        return [
            Result(kind=k, title=title, url=url, summary=summary, snippet=split_snippet(snip))
            for k, title, url, summary, snip in (rows[i] for i in ids if i in rows)
        ]


@dataclass
class SearchPage:
    query: ParsedQuery  # as the reader typed it
    kind: str | None
    counts: dict = field(default_factory=dict)
    corrected: str | None = None  # the query we ran instead, when words were misspelt
    as_typed: bool = False  # the reader asked for no correction
    with_weaker: bool = False  # the reader asked for a sentence's weaker matches too
    weaker: int = 0  # how many weaker matches the relevance floor left out
    relaxed: bool = False  # no item had every word, so these results have any of them
    natural: bool = False  # a sentence: results hold any of its words, most of them first
    also: list = field(default_factory=list)  # spellings and synonyms looked for as well
    kind_count: int | None = None  # the chosen kind's own count, when the total was capped
    suggestion: str | None = None  # a query that might find something, when nothing did
    sections: list = field(default_factory=list)  # the site's sections the query names
    page: Page | None = None  # the page of results shown, from Django's Paginator

    @property
    def results(self):
        return self.page.object_list

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def capped(self):
        """Counting stopped at backends.CANDIDATES: there are more; the best found are shown."""
        return self.total > backends.CANDIDATES

    @property
    def matching(self):
        """How many results the chosen kind (or all kinds) has, up to backends.CANDIDATES."""
        if not self.kind:
            found = self.total
        elif self.capped:
            found = self.kind_count or 0
        else:
            found = self.counts.get(self.kind, 0)
        return min(found, backends.CANDIDATES)

    @property
    def limit(self):
        return f"{backends.CANDIDATES:,}"

    @property
    def total_label(self):
        return f"more than {self.limit}" if self.capped else f"{self.total:,}"

    @property
    def kinds(self):
        """(kind, label, count) for each kind with results, in the library's order."""
        if self.capped:  # counts from a sample would mislead: offer every kind, uncounted
            return [(kind, label, None) for kind, label in KINDS.items()]
        return [
            (kind, label, self.counts[kind]) for kind, label in KINDS.items() if kind in self.counts
        ]

    @property
    def querystring(self):
        """The query and kind, for links to the other pages of these results."""
        return urlencode(self.options())

    def options(self, **changes):
        """The query string's parameters for this search, with `changes`."""
        options = {
            "q": self.query.text,
            "kind": self.kind,
            "as_typed": 1 if self.as_typed else None,
            "weaker": 1 if self.with_weaker else None,
        } | changes
        return {name: value for name, value in options.items() if value is not None}

    @property
    def as_typed_querystring(self):
        """This search again, with no word corrected: "Search instead for …"."""
        return urlencode(self.options(as_typed=1))

    @property
    def weaker_querystring(self):
        """This search again, with the weaker matches: "Show weaker matches"."""
        return urlencode(self.options(weaker=1))


def split_snippet(text):
    pieces = []
    for part in (text or "").split(HIT_START):
        hit, _, rest = part.rpartition(HIT_END)
        if hit:
            pieces.append((hit, True))
        if rest:
            pieces.append((rest, False))
    return pieces


def clean(text):
    text = (text or "").replace("\x00", " ").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(
            f"That search is {len(text)} characters long; please keep it under {MAX_QUERY_LENGTH}."
        )
    return text


def corrections(words, db):
    """{misspelt word: the closest word live items hold}, for words none holds."""
    fixes = {}
    for word, closest in db.closest_words(words).items():
        # The lexicon also holds the words of approved items not live yet (or any more): a
        # word only they hold must not be suggested, so it has to find one.
        if closest and closest != word and db.counts(ParsedQuery.of_word(closest)):
            fixes[word] = closest
    return fixes


def known_compounds(text, db):
    """The words the lexicon holds that two neighbouring words of `text` make together
    ("zen desk" → "zendesk"); no query for a single word."""
    candidates = compound_candidates(text)
    if not candidates:
        return frozenset()
    return frozenset(db.known_words(candidates))


def alternatives():
    """Spellings, the library's thesaurus and the synonyms editors have added: read once
    per search."""
    from csx.models import Synonym

    return Alternatives([*THESAURUS, *Synonym.objects.values_list("terms", flat=True)])


def prepared(query, alternatives, with_weaker=False):
    """The query as it runs: with its spellings and synonyms, and a sentence as any word
    (above the relevance floor, unless `with_weaker`)."""
    query = query.with_alternatives(alternatives)
    if not query.natural:
        return query
    return query.holding_any().weaker() if with_weaker else query.holding_any()


def count(found, db, alternatives):
    """Count matches per kind of found.query as it runs, correcting misspelt words (unless
    the reader asked for the query as typed, or the correction is not clearly what they
    meant: then it is only suggested) or settling for any of the words when nothing has
    them all; returns the query counted."""
    query = prepared(found.query, alternatives, found.with_weaker)
    found.counts = db.counts(query)
    if not found.counts:
        fixes = corrections(found.query.words(), db)
        if fixes:
            corrected = found.query.corrected(fixes)
            query_corrected = prepared(corrected, alternatives, found.with_weaker)
            counts = db.counts(query_corrected)
            sure = all(clearly_meant(w, fix, found.query.text) for w, fix in fixes.items())
            if counts and sure and not found.as_typed:
                query, found.counts = query_corrected, counts
                found.corrected = corrected.text
            else:
                found.suggestion = corrected.text
    if not found.counts and len(query.words()) > 1 and not query.excluded and not query.natural:
        query = query.any_word()
        found.counts = db.counts(query)
        found.relaxed = bool(found.counts)
    if query.floor:
        query = below_the_floor(found, db, query)
    if found.kind and found.capped:
        found.kind_count = db.counts(query, found.kind).get(found.kind, 0)
    found.natural = query.natural and bool(found.counts)
    found.also = query.alternatives()
    return query


def below_the_floor(found, db, query):
    """Count a sentence's weaker matches, the ones below its relevance floor, for "show
    weaker matches"; when nothing is above the floor, list them all instead."""
    weaker = query.weaker()
    if found.capped:  # counting stops there: none would be counted beyond it
        return query
    every = db.counts(weaker)
    if not found.counts:
        found.counts = every
        return weaker
    found.weaker = sum(every.values()) - found.total
    return query


def search(text, kind=None, page=1, as_typed=False, with_weaker=False):
    """One page of what the library has for the reader's `text` (`as_typed`: with no word
    corrected; `with_weaker`: a sentence's weaker matches too). Raises QueryError for a
    query we will not run, and Paginator's InvalidPage for a page that is not there."""
    text = clean(text)
    db = backend()
    query = parse(text, known_compounds(text, db))
    if kind is not None and kind not in KINDS:
        raise QueryError(f"“{kind}” is not a kind of item the library holds.")
    found = SearchPage(query=query, kind=kind, as_typed=as_typed, with_weaker=with_weaker)
    if kind is None:
        found.sections = sections.named(text)
    if query.is_empty:
        matches = Matches(db, query, kind, 0)
    else:
        counted = count(found, db, alternatives())
        matches = fused(found, db, counted)
    found.page = Paginator(matches, PER_PAGE).page(page)
    return found


def fused(found, db, query):
    """The matches of `query` with the entries closest in meaning to what was typed (or
    its correction) fused in: reciprocal rank fusion of the two rankings' first FUSED, the
    entries found by meaning alone added to the counts. An entry the query names stays
    first. Words only for exact words ("a phrase", -word) and for a search as typed."""
    by_words = db.matches(query, found.kind, FUSED, 0)
    named = [pk for pk, is_named in by_words if is_named]
    head = [pk for pk, is_named in by_words if not is_named]
    if not (query.exact or found.as_typed):
        by_meaning = meaning.nearest(found.corrected or found.query.text)
        # Pages that gather other items (a company's, a tag's) are found by their names
        # only: a tag's short name is close in meaning to many queries about its items.
        by_meaning = [(pk, kind) for pk, kind in by_meaning if kind not in GATHERING_KINDS]
        # Past CANDIDATES the page says "more than" and counts no kind: nothing to add.
        if by_meaning and not found.capped:
            holding = db.holding(query, [pk for pk, _ in by_meaning])
            for pk, kind in by_meaning:
                if pk not in holding:
                    found.counts[kind] = found.counts.get(kind, 0) + 1
        meant = [pk for pk, kind in by_meaning if found.kind in (None, kind) and pk not in named]
        head = reciprocal_rank_fusion((head, 1.0), (meant, MEANING_WEIGHT))
    head = named + head
    return Matches(
        db, query, found.kind, found.matching,
        head=head, by_meaning=len(head) - len(by_words), more=len(by_words) == FUSED,
    )  # fmt: skip


def reciprocal_rank_fusion(*rankings, k=None):
    """The ids of several (ranking, weight) in one order: each id counts weight / (k + its
    rank) in each ranking that has it."""
    k = RRF_K if k is None else k
    scores = {}
    for ranking, weight in rankings:
        for rank, pk in enumerate(ranking, start=1):
            scores[pk] = scores.get(pk, 0.0) + weight / (k + rank)
    return sorted(scores, key=lambda pk: -scores[pk])
