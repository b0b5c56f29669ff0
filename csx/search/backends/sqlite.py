"""SQLite's full-text search (FTS5) behind the three questions (csx/search/backends/)."""

import difflib
import json

from csx.search.backends.common import (
    CANDIDATES,
    GATHERS,
    HIT_END,
    HIT_START,
    LIVE,
    Counting,
    arm_size,
    fetch,
    now,
)
from csx.search.corrections import could_be_misspelt
from csx.search.tokens import search_name


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
