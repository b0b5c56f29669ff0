"""Search across the whole library, the same on PostgreSQL and on SQLite.

    search("the giraffe one")            ranked results with highlighted snippets
    search('"overbooked flight" -spirit', kind="story", page=2)
    rebuild()                            the whole index, from the database

Misspelt words are corrected from the words the library contains ("girafe" finds the
giraffe) and the page says so; the index follows every save through signals (signals.py).
"""

from dataclasses import dataclass, field

from csx.search import backends
from csx.search.backends import HIT_END, HIT_START, backend
from csx.search.documents import KIND_NAMES, KINDS
from csx.search.index import index_item, index_tags, rebuild
from csx.search.query import parse, replace_words

__all__ = ["KINDS", "QueryError", "index_item", "index_tags", "rebuild", "search"]

MAX_QUERY_LENGTH = 200
PER_PAGE = 10


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
class SearchPage:
    query: str
    kind: str | None
    page: int
    results: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    corrected: str | None = None  # the query we ran instead, when words were misspelt
    relaxed: bool = False  # no item had every word, so these results have any of them
    kind_count: int | None = None  # the chosen kind's own count, when the total was capped
    suggestion: str | None = None  # a query that might find something, when nothing did

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
    def first_number(self):
        return (self.page - 1) * PER_PAGE + 1

    @property
    def pages(self):
        return max(1, -(-self.matching // PER_PAGE))


def split_snippet(text):
    pieces = []
    for part in (text or "").split(HIT_START):
        hit, _, rest = part.rpartition(HIT_END)
        if hit:
            pieces.append((hit, True))
        if rest:
            pieces.append((rest, False))
    return pieces


def clean(query):
    query = (query or "").replace("\x00", " ").strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(
            f"That search is {len(query)} characters long; please keep it under {MAX_QUERY_LENGTH}."
        )
    return query


def corrections(words, db):
    """{misspelt word: the closest word the library knows}, for words it does not know."""
    from csx.models import SearchTerm

    known = set(SearchTerm.objects.filter(word__in=words).values_list("word", flat=True))
    found = {}
    for word in set(words) - known:
        if word.isalpha() and len(word) >= 3:
            closest = db.closest_word(word)
            if closest and closest != word:
                found[word] = closest
    return found


def search(query, kind=None, page=1):
    query = clean(query)
    if kind is not None and kind not in KINDS:
        raise QueryError(f"“{kind}” is not a kind of item the library holds.")
    result = SearchPage(query=query, kind=kind, page=page)
    parsed = parse(query)
    if parsed.is_empty:
        return result
    db = backend()
    result.counts = db.counts(query, parsed)
    if not result.counts:
        fixes = corrections(parsed.words(), db)
        if fixes:
            corrected = replace_words(query, fixes)
            counts = db.counts(corrected, parse(corrected))
            if counts:
                query, parsed, result.counts, result.corrected = (
                    corrected, parse(corrected), counts, corrected,
                )  # fmt: skip
            else:
                result.suggestion = corrected
    if not result.counts and len(parsed.words()) > 1 and not parsed.excluded:
        # Nothing has every word: show what has some of them, and say so.
        relaxed = " OR ".join(parsed.words())
        query, parsed = relaxed, parse(relaxed)
        result.counts = db.counts(query, parsed)
        result.relaxed = bool(result.counts)
    if kind and result.capped:
        result.kind_count = db.counts(query, parsed, kind).get(kind, 0)
    if result.matching:
        rows = db.matches(query, parsed, kind, PER_PAGE, (page - 1) * PER_PAGE)
        result.results = [
            Result(kind=k, title=title, url=url, summary=summary, snippet=split_snippet(snip))
            for k, title, url, summary, snip in rows
        ]
    return result
