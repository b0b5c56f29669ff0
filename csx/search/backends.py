"""The two databases' own full-text search, behind the same three questions:
which entries match (ranked, with snippets), how many of each kind, and which known word
is closest to a misspelt one. Each asks the ParsedQuery (query.py) for its own syntax.

Both rank a bounded set of candidates rather than every match, so a word found in nearly
every story costs no more than a rare one: the first CANDIDATES entries matching in the
title, summary or keywords, and the first CANDIDATES matching anywhere. Counts stop at
CANDIDATES too; past that the page says "more than". See docs/performance.md.
"""

import difflib

from django.db import connection
from django.utils import timezone

# Snippet markers: control characters never typed by an editor, split out before display.
HIT_START, HIT_END = "\x01", "\x02"
CANDIDATES = 500

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


class PostgresBackend:
    """Stored weighted tsvectors + GIN indexes, websearch_to_tsquery, pg_trgm for typos.

    `vector` holds every field (A title, B summary, C keywords, D body); `head` only the
    first three, so that entries matching there can be found without reading bodies.
    """

    WEIGHTS = "{0.05, 0.1, 0.3, 1.0}"  # D, C, B, A
    HEADLINE = (
        f"StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=30, MinWords=12, "
        'MaxFragments=2, FragmentDelimiter=" … "'
    )
    # MATERIALIZED: computed once, so the planner sees a constant and uses the GIN index.
    QUERY = """q AS MATERIALIZED (SELECT websearch_to_tsquery('english', %s) AS q,
                                         websearch_to_tsquery('english', %s) AS wanted)"""

    def terms(self, query):
        """The parameters of QUERY: the whole query, and the wanted words that rank."""
        return [query.websearch(), query.websearch_wanted()]

    def matches(self, query, kind, limit, offset):
        # Rank by the wanted words alone: with AND or -word, ts_rank gives every match ~0.
        sql = f"""
            WITH {self.QUERY},
            candidates AS (
                (SELECT e.id FROM csx_searchentry e, q
                 WHERE e.head @@ q.q AND e.vector @@ q.q AND (%s = '' OR e.kind = %s)
                 AND {LIVE} LIMIT %s)
                UNION
                (SELECT e.id FROM csx_searchentry e, q
                 WHERE e.vector @@ q.q AND (%s = '' OR e.kind = %s) AND {LIVE} LIMIT %s)
            ),
            hits AS (
                SELECT e.id, ts_rank(%s, e.vector, q.wanted) AS rank
                FROM candidates JOIN csx_searchentry e ON e.id = candidates.id, q
                ORDER BY rank DESC, e.title, e.id
                LIMIT %s OFFSET %s
            )
            SELECT e.kind, e.title, e.url, e.summary,
                   ts_headline('english', e.summary || ' ' || e.body, q.wanted, %s)
            FROM hits JOIN csx_searchentry e ON e.id = hits.id, q
            ORDER BY hits.rank DESC, e.title, e.id
        """
        kind, at = kind or "", now()
        params = [*self.terms(query), kind, kind, at, at, CANDIDATES, kind, kind, at, at]
        return fetch(sql, [*params, CANDIDATES, self.WEIGHTS, limit, offset, self.HEADLINE])

    def counts(self, query, kind=None):
        sql = f"""
            WITH {self.QUERY}
            SELECT kind, count(*) FROM (
                SELECT e.kind FROM csx_searchentry e, q
                WHERE e.vector @@ q.q AND (%s = '' OR e.kind = %s) AND {LIVE} LIMIT %s
            ) hits GROUP BY kind
        """
        kind, at = kind or "", now()
        return dict(fetch(sql, [*self.terms(query), kind, kind, at, at, CANDIDATES + 1]))

    def closest_word(self, word):
        sql = """
            SELECT word FROM csx_searchterm WHERE word %% %s
            ORDER BY similarity(word, %s) DESC, word LIMIT 1
        """
        rows = fetch(sql, [word, word])
        return rows[0][0] if rows else None


class SqliteBackend:
    """FTS5 with the porter stemmer and bm25 ranking (weights: title, summary, keywords,
    body); difflib for typos."""

    # The first matches of one kind (or any), in index order: one arm of the candidate set.
    # LIMIT without ORDER BY lets FTS5 stop early, so bm25 is computed for these rows only.
    FIRST = f"""
        SELECT f.rowid AS id, bm25(csx_search_fts, 10.0, 4.0, 2.0, 1.0) AS rank
        FROM csx_search_fts f JOIN csx_searchentry e ON e.id = f.rowid
        WHERE csx_search_fts MATCH %s AND (%s = '' OR e.kind = %s) AND {LIVE} LIMIT %s
    """

    def matches(self, query, kind, limit, offset):
        full = query.fts5()
        head = query.fts5(["title", "summary", "keywords"])
        kind, at = kind or "", now()
        # An entry in both arms keeps its whole-entry rank (the lower bm25 is the better).
        ranked = fetch(
            f"""
            SELECT candidates.id FROM (
                SELECT * FROM ({self.FIRST}) UNION ALL SELECT * FROM ({self.FIRST})
            ) candidates JOIN csx_searchentry e ON e.id = candidates.id
            GROUP BY candidates.id ORDER BY min(candidates.rank), e.title, e.id
            LIMIT %s OFFSET %s
            """,
            [head, kind, kind, at, at, CANDIDATES, full, kind, kind, at, at, CANDIDATES]
            + [limit, offset],
        )
        ids = [row[0] for row in ranked]
        if not ids:
            return []
        # Snippets only for the page's entries, in the ranked order.
        rows = fetch(
            f"""
            SELECT f.rowid, e.kind, e.title, e.url, e.summary,
                   snippet(csx_search_fts, -1, %s, %s, ' … ', 24)
            FROM csx_search_fts f JOIN csx_searchentry e ON e.id = f.rowid
            WHERE csx_search_fts MATCH %s AND f.rowid IN ({", ".join(["%s"] * len(ids))})
            """,
            [HIT_START, HIT_END, full, *ids],
        )
        by_id = {row[0]: row[1:] for row in rows}
        return [by_id[i] for i in ids]

    def counts(self, query, kind=None):
        sql = f"""
            SELECT kind, count(*) FROM (
                SELECT e.kind FROM ({self.FIRST}) hits JOIN csx_searchentry e ON e.id = hits.id
            ) GROUP BY kind
        """
        kind, at = kind or "", now()
        return dict(fetch(sql, [query.fts5(), kind, kind, at, at, CANDIDATES + 1]))

    def closest_word(self, word):
        # Typos rarely touch the first letter; that keeps the candidate list short.
        sql = """
            SELECT word FROM csx_searchterm
            WHERE word >= %s AND word < %s AND length(word) BETWEEN %s AND %s
        """
        first = word[0]
        candidates = [
            row[0] for row in fetch(sql, [first, chr(ord(first) + 1), len(word) - 2, len(word) + 2])
        ]
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
        return close[0] if close else None


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
