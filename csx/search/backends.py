"""The two databases' own full-text search, behind the same three questions:
which entries match (ranked, with snippets), how many of each kind, and which known word
is closest to a misspelt one. Each asks the ParsedQuery (query.py) for its own syntax.

Both rank a bounded set of candidates rather than every match, so a word found in nearly
every story costs no more than a rare one: the first CANDIDATES entries matching in the
title, summary or keywords, and, unless those already make CANDIDATES, the first CANDIDATES
matching anywhere. Counts stop at CANDIDATES too; past that the page says "more than"
(PostgreSQL stops counting as soon as the titles, summaries and keywords have that many).
See docs/performance.md.

A sentence (ParsedQuery.ranked_by) matches any of its words; its candidates also include
the first entries holding every word, and entries holding more of its words rank first
(`held`), then by the database's own ranking. Ranking in two ways costs more, so each of its
three arms brings SENTENCE_CANDIDATES.
"""

import difflib
import json

from django.db import connection
from django.utils import timezone

from csx.search.corrections import could_be_misspelt
from csx.search.documents import GATHERING_KINDS
from csx.search.tokens import search_name

# Snippet markers: control characters never typed by an editor, split out before display.
HIT_START, HIT_END = "\x01", "\x02"
CANDIDATES = 500
# A sentence's words are ranked in more ways (held, then rank), on three arms: fewer each.
SENTENCE_CANDIDATES = 200


# Pages that gather other items (a company's, a tag's) hold their items' words too; a reader
# typing those words, not the page's name, wants the item: such pages come after it.
GATHERS = "(e.kind IN ({}))".format(", ".join(f"'{kind}'" for kind in GATHERING_KINDS))


def arm_size(query):
    """How many candidates each arm of a search for `query` brings."""
    return SENTENCE_CANDIDATES if query.ranked_by else CANDIDATES


# Entries readers may see now: between their go-live and take-down times (one parameter,
# the time now, for each %s). Every query over csx_searchentry below keeps to it.
LIVE = (
    "(e.go_live_at IS NULL OR e.go_live_at <= %s)"
    " AND (e.take_down_at IS NULL OR e.take_down_at > %s)"
)


def now():
    """The time now, as this database compares it with a stored datetime."""
    return connection.ops.adapt_datetimefield_value(timezone.now())


def fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class Counting:
    """What both backends share: a search counts each query once. A corrected word is
    counted to see that it finds a live item, then again as the corrected query; the
    second count is the first's."""

    def __init__(self):
        self.counted = {}

    def counts(self, query, kind=None):
        key = (self.as_counted(query), kind)
        if key not in self.counted:
            self.counted[key] = self.count(query, kind)
        return dict(self.counted[key])


class PostgresBackend(Counting):
    """Stored weighted tsvectors + GIN indexes, websearch_to_tsquery, pg_trgm for typos.

    `vector` holds every field (A title, B summary, C keywords, D body); `head` only the
    first three, so that entries matching there can be found without reading bodies.
    """

    WEIGHTS = "{0.05, 0.1, 0.3, 1.0}"  # D, C, B, A
    # Whether an entry's title is one of the query's names (ParsedQuery.names), however the
    # name is typed ("trader joes" is "Trader Joe's"): a reader typing an item's name wants
    # that item first. One parameter: the list of names.
    NAMED = f"({search_name('e.title')} = ANY(%s))"
    HEADLINE = (
        f"StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=30, MinWords=12, "
        'MaxFragments=2, FragmentDelimiter=" … "'
    )
    # The parts of a ParsedQuery.websearch() (a text[]), each read by websearch_to_tsquery
    # and joined with AND, so that an OR stays inside its group.
    ALL_OF = """(SELECT coalesce(string_agg('(' || part::text || ')', ' & '), '')::tsquery
                 FROM unnest(%s::text[]) text, websearch_to_tsquery('english', text) part
                 WHERE numnode(part) > 0)"""
    # A sentence's floor (ParsedQuery.websearch_floor, a JSON list of ways, each a list of
    # parts): each way's parts joined by AND, the ways by OR; a way with a part that has no
    # word the index keeps (only stop words) can never be held. NULL for no ways.
    FLOOR = """(SELECT string_agg(way, ' | ')::tsquery FROM (
                  SELECT '(' || string_agg('(' || part::text || ')', ' & ') || ')' AS way,
                         bool_and(numnode(part) > 0) AS whole
                  FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY ways(parts, n),
                       jsonb_array_elements_text(ways.parts) text,
                       websearch_to_tsquery('english', text) part
                  GROUP BY ways.n) ways WHERE whole)"""
    # MATERIALIZED: computed once, so the planner sees a constant and uses the GIN index.
    QUERY = f"""q AS MATERIALIZED (
        SELECT {ALL_OF} AS q, websearch_to_tsquery('english', %s) AS wanted, {ALL_OF} AS every,
               ARRAY(SELECT websearch_to_tsquery('english', part)
                     FROM unnest(%s::text[]) part) AS parts, {FLOOR} AS floor)"""

    def in_head(self, query):
        """Whether an entry matches `query` in its title, summary or keywords. What matches
        there matches the whole entry too, unless the query excludes words (which the body
        may hold): only then is `vector` asked as well, since asking it reads the GIN index's
        lists for every word again (30 ms for a sentence holding "customer")."""
        return "e.head @@ q.q AND e.vector @@ q.q" if query.excluded else "e.head @@ q.q"

    def holds_floor(self, query, each=False):
        """(SQL, parameters): whether an entry holds at least the query's floor of the groups
        it is ranked by (sentences). One tsquery when the floor can be written as one
        (q.floor, which the GIN index answers), else, or for `each` of a few candidates
        (which the index would only slow), each group looked for in each entry."""
        if not query.floor:
            return "TRUE", []
        if query.floor_sets() and not each:
            return "e.vector @@ q.floor", []
        count = "(SELECT count(*) FROM unnest(q.parts) part WHERE e.vector @@ part)"
        return f"{count} >= %s", [query.floor]

    def terms(self, query):
        """The parameters of QUERY: the whole query, the wanted words that rank, for a
        sentence, all of its words together and each group it is ranked by, and its floor."""
        every = query.every_group() if query.ranked_by else query
        ranked = every.websearch() if query.ranked_by else []
        floor = json.dumps(query.websearch_floor())
        return [query.websearch(), query.websearch_wanted(), every.websearch(), ranked, floor]

    def matches(self, query, kind, limit, offset):
        """(id, whether the query is its name) of the entries matching `query`, best first."""
        # Rank by the wanted words alone: with AND or -word, ts_rank gives every match ~0.
        holds, floor = self.holds_floor(query, each=True)
        sql = f"""
            WITH {self.QUERY},
            head AS MATERIALIZED (
                SELECT e.id FROM csx_searchentry e, q
                WHERE {self.in_head(query)} AND (%s = '' OR e.kind = %s) AND {LIVE}
                LIMIT %s
            ),
            candidates AS (
                SELECT id FROM head
                UNION
                (SELECT e.id FROM csx_searchentry e, q
                 WHERE (SELECT count(*) FROM head) < %s
                 AND e.vector @@ q.q AND (%s = '' OR e.kind = %s) AND {LIVE} LIMIT %s)
                UNION
                (SELECT e.id FROM csx_searchentry e, q
                 WHERE e.vector @@ q.every AND (%s = '' OR e.kind = %s) AND {LIVE} LIMIT %s)
            ),
            hits AS (
                SELECT e.id, ts_rank(%s, e.vector, q.wanted) AS rank,
                       (SELECT count(*) FROM unnest(q.parts) part WHERE e.vector @@ part) AS held,
                       {self.NAMED} AS named, {GATHERS} AS gathers
                FROM candidates JOIN csx_searchentry e ON e.id = candidates.id, q
                WHERE {holds}
                ORDER BY named DESC, held DESC, gathers, rank DESC, e.title, e.id
                LIMIT %s OFFSET %s
            )
            SELECT id, named FROM hits
        """
        kind, size, at = kind or "", arm_size(query), now()
        every = size if query.ranked_by else 0  # a plain query's first arm is enough
        params = [*self.terms(query), kind, kind, at, at, size, size, kind, kind, at, at, size]
        params += [kind, kind, at, at, every, self.WEIGHTS, query.names(), *floor]
        params += [limit, offset]
        return [(pk, bool(named)) for pk, named in fetch(sql, params)]

    def holding(self, query, ids):
        """Which of the entries `ids` match `query` (above its floor), of any kind."""
        holds, floor = self.holds_floor(query)
        sql = f"""
            WITH {self.QUERY}
            SELECT e.id FROM csx_searchentry e, q
            WHERE e.id = ANY(%s) AND e.vector @@ q.q AND {holds}
        """
        return {row[0] for row in fetch(sql, [*self.terms(query), list(ids), *floor])}

    def snippets(self, query, ids):
        # An entry found by its meaning alone holds none of the words: its snippet is the
        # beginning of its text.
        sql = f"""
            WITH {self.QUERY}
            SELECT e.id, e.kind, e.title, e.url, e.summary,
                   ts_headline('english', e.summary || ' ' || e.body, q.wanted, %s)
            FROM csx_searchentry e, q WHERE e.id = ANY(%s)
        """
        rows = fetch(sql, [*self.terms(query), self.HEADLINE, list(ids)])
        return {row[0]: row[1:] for row in rows}

    def as_counted(self, query):
        return repr((self.terms(query), self.holds_floor(query), bool(query.floor_sets())))

    def count(self, query, kind=None):
        # When more than CANDIDATES entries match in their title, summary or keywords, the
        # page says "more than" and counts no kind: the count stops there, without reading
        # every match of a word found in nearly every entry.
        if query.floor_sets():
            return self.counts_at_floor(query, kind)
        holds, floor = self.holds_floor(query)
        sql = f"""
            WITH {self.QUERY},
            head AS MATERIALIZED (
                SELECT e.kind FROM csx_searchentry e, q
                WHERE {self.in_head(query)} AND (%s = '' OR e.kind = %s) AND {LIVE}
                AND {holds}
                LIMIT %s
            )
            SELECT kind, count(*) FROM (
                SELECT kind FROM head WHERE (SELECT count(*) FROM head) > %s
                UNION ALL
                (SELECT e.kind FROM csx_searchentry e, q
                 WHERE (SELECT count(*) FROM head) <= %s
                 AND e.vector @@ q.q AND (%s = '' OR e.kind = %s) AND {LIVE}
                 AND {holds} LIMIT %s)
            ) hits GROUP BY kind
        """
        kind, at = kind or "", now()
        more = CANDIDATES + 1
        params = [*self.terms(query), kind, kind, at, at, *floor, more, CANDIDATES, CANDIDATES]
        return dict(fetch(sql, [*params, kind, kind, at, at, *floor, more]))

    def counts_at_floor(self, query, kind):
        """counts() for a sentence whose floor is one tsquery (q.floor), which already asks
        the GIN index for few entries: the same totals without first asking it for every
        entry holding any of the words in its head, which costs more than the floor itself."""
        sql = f"""
            WITH {self.QUERY}
            SELECT kind, count(*) FROM (
                SELECT e.kind FROM csx_searchentry e, q
                WHERE e.vector @@ q.floor AND (%s = '' OR e.kind = %s) AND {LIVE} LIMIT %s
            ) hits GROUP BY kind
        """
        kind, at = kind or "", now()
        return dict(fetch(sql, [*self.terms(query), kind, kind, at, at, CANDIDATES + 1]))

    def known_words(self, words):
        """Which of `words` the lexicon holds. A join with the list: for `word IN (...)`
        PostgreSQL picks the trigram index over the unique one (18 ms instead of 0.2 ms for
        a sentence's thirteen word pairs, at 1,000 words)."""
        sql = "SELECT t.word FROM unnest(%s::text[]) w JOIN csx_searchterm t ON t.word = w"
        return {row[0] for row in fetch(sql, [list(words)])}

    def closest_words(self, words):
        """{word: the closest word the lexicon holds, or None} for each of `words` it does
        not hold that could be a misspelling (corrections.could_be_misspelt)."""
        unknown = set(words) - self.known_words(words)
        return {word: self.closest_word(word) for word in unknown if could_be_misspelt(word)}

    def closest_word(self, word):
        sql = """
            SELECT word FROM csx_searchterm WHERE word %% %s
            ORDER BY similarity(word, %s) DESC, word LIMIT 1
        """
        rows = fetch(sql, [word, word])
        return rows[0][0] if rows else None


class SqliteBackend(Counting):
    """FTS5 with the porter stemmer and bm25 ranking (weights: title, summary, keywords,
    body); difflib for typos."""

    # PostgresBackend.NAMED, the names as a JSON list.
    NAMED = f"({search_name('e.title')} IN (SELECT value FROM json_each(%s)))"

    # The first matches of one kind (or any), in index order: one arm of the candidate set.
    # LIMIT without ORDER BY lets FTS5 stop early, so bm25 is computed for these rows only.
    FIRST = f"""
        SELECT f.rowid AS id, bm25(csx_search_fts, 10.0, 4.0, 2.0, 1.0) AS rank
        FROM csx_search_fts f JOIN csx_searchentry e ON e.id = f.rowid
        WHERE csx_search_fts MATCH %s AND (%s = '' OR e.kind = %s) AND {LIVE} LIMIT %s
    """

    def matches(self, query, kind, limit, offset):
        """(id, whether the query is its name) of the entries matching `query`, best first."""
        full = query.fts5()
        head = query.fts5(["title", "summary", "keywords"])
        every = query.every_group().fts5() if query.ranked_by else full
        kind, size, at = kind or "", arm_size(query), now()
        # An entry in several arms keeps its best rank (the lower bm25 is the better). For a
        # sentence, the entries holding all its groups are one arm; for the others, `held`
        # counts the groups (a JSON list of MATCH expressions) each holds. FTS5 reads each
        # group's matches once, within the candidates' rowids (they are the first found,
        # so that range is short where matches are many); the unary plus keeps SQLite from
        # seeking them one candidate at a time instead, which is many times slower.
        ranked = fetch(
            f"""
            WITH head AS MATERIALIZED ({self.FIRST}),
            some AS MATERIALIZED (
                SELECT * FROM head UNION ALL
                SELECT * FROM ({self.FIRST}) WHERE (SELECT count(*) FROM head) < %s
            ),
            held AS (
                SELECT f.rowid AS id, count(*) AS held
                FROM csx_search_fts f, json_each(%s) part
                WHERE csx_search_fts MATCH part.value
                AND f.rowid BETWEEN (SELECT min(id) FROM some) AND (SELECT max(id) FROM some)
                AND +f.rowid IN (SELECT id FROM some)
                GROUP BY f.rowid
            ),
            candidates AS (
                SELECT id, rank, %s AS held FROM ({self.FIRST})
                UNION ALL
                SELECT some.id, some.rank, coalesce(held.held, 0)
                FROM some LEFT JOIN held ON held.id = some.id
            )
            SELECT candidates.id, {self.NAMED} FROM candidates
            JOIN csx_searchentry e ON e.id = candidates.id
            GROUP BY candidates.id
            HAVING max(candidates.held) >= %s
            ORDER BY {self.NAMED} DESC, max(candidates.held) DESC, {GATHERS}, min(candidates.rank),
                     e.title, e.id
            LIMIT %s OFFSET %s
            """,
            [head, kind, kind, at, at, size, full, kind, kind, at, at, size, size,
             json.dumps(query.fts5_ranked()), len(query.ranked_by),
             every, kind, kind, at, at, size if query.ranked_by else 0,
             json.dumps(query.names()), query.floor, json.dumps(query.names()), limit, offset],
        )  # fmt: skip
        return [(pk, bool(named)) for pk, named in ranked]

    # Whether a row (`{}`: its id) holds at least a sentence's floor of its groups, when
    # FTS5 cannot be asked that in its MATCH (match_with_floor): a look-up per group. Three
    # parameters: the floor, the groups (a JSON list of MATCH expressions), the floor.
    HOLDS_FLOOR = """(%s = 0 OR (
        SELECT count(*) FROM json_each(%s) part
        WHERE EXISTS (SELECT 1 FROM csx_search_fts g
                      WHERE g.csx_search_fts MATCH part.value AND g.rowid = {})
    ) >= %s)"""

    def match_with_floor(self, query):
        """(MATCH expression, floor left to HOLDS_FLOOR's parameters): the query with its
        floor in the expression when it can be written there (ParsedQuery.fts5_floor), so
        that FTS5 finds only what holds enough of a sentence's groups."""
        floor = query.fts5_floor()
        if floor is None:
            return query.fts5(), [query.floor, json.dumps(query.fts5_ranked()), query.floor]
        return f"({query.fts5()}) AND ({floor})", [0, "[]", 0]

    def holding(self, query, ids):
        """Which of the entries `ids` match `query` (above its floor), of any kind."""
        some = ", ".join(["%s"] * len(ids))
        match, floor = self.match_with_floor(query)
        sql = f"""
            SELECT f.rowid FROM csx_search_fts f
            WHERE csx_search_fts MATCH %s AND f.rowid IN ({some})
            AND {self.HOLDS_FLOOR.format("f.rowid")}
        """
        return {row[0] for row in fetch(sql, [match, *ids, *floor])}

    def snippets(self, query, ids):
        # FTS5 draws snippets for matching rows only: an entry found by its meaning alone
        # holds none of the words, and its snippet is its summary.
        if not ids:
            return {}
        some = ", ".join(["%s"] * len(ids))
        rows = fetch(
            f"""
            SELECT e.id, e.kind, e.title, e.url, e.summary, coalesce(hits.snippet, e.summary)
            FROM csx_searchentry e LEFT JOIN (
                SELECT f.rowid AS id, snippet(csx_search_fts, -1, %s, %s, ' … ', 24) AS snippet
                FROM csx_search_fts f WHERE csx_search_fts MATCH %s AND f.rowid IN ({some})
            ) hits ON hits.id = e.id
            WHERE e.id IN ({some})
            """,
            [HIT_START, HIT_END, query.fts5(), *ids, *ids],
        )
        return {row[0]: row[1:] for row in rows}

    def as_counted(self, query):
        return repr(self.match_with_floor(query))

    def count(self, query, kind=None):
        # An entry below a sentence's floor (holding too few of its groups) is not counted.
        match, floor = self.match_with_floor(query)
        sql = f"""
            SELECT kind, count(*) FROM (
                SELECT e.kind FROM ({self.FIRST}) hits JOIN csx_searchentry e ON e.id = hits.id
                WHERE {self.HOLDS_FLOOR.format("hits.id")}
            ) GROUP BY kind
        """
        kind, at = kind or "", now()
        return dict(fetch(sql, [match, kind, kind, at, at, CANDIDATES + 1, *floor]))

    def known_words(self, words):
        """Which of `words` the lexicon holds."""
        sql = "SELECT word FROM csx_searchterm WHERE word IN (SELECT value FROM json_each(%s))"
        return {row[0] for row in fetch(sql, [json.dumps(list(words))])}

    def closest_words(self, words):
        """PostgresBackend.closest_words: which words the lexicon holds and the candidates
        close to the others, in one query. Typos rarely touch the first letter, and change
        a word's length by two at most: that keeps the candidate list short."""
        unknown = [word for word in set(words) if could_be_misspelt(word)]
        if not unknown:
            return {}
        one = "(word >= %s AND word < %s AND length(word) BETWEEN %s AND %s)"
        near = " OR ".join([one] * len(unknown))
        params = [p for word in unknown for p in self.near(word)]
        sql = f"SELECT word FROM csx_searchterm WHERE {near}"  # noqa: S608 (placeholders only)
        held = {row[0] for row in fetch(sql, params)}
        return {word: self.closest_among(word, held) for word in unknown if word not in held}

    @staticmethod
    def near(word):
        first = word[0]
        return [first, chr(ord(first) + 1), len(word) - 2, len(word) + 2]

    @staticmethod
    def closest_among(word, held):
        first, after, shortest, longest = SqliteBackend.near(word)
        candidates = [w for w in held if first <= w < after and shortest <= len(w) <= longest]
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
        return close[0] if close else None


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
