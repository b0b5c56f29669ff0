"""The two databases' own full-text search, behind the same three questions:
which entries match (ranked, with snippets), how many of each kind, and which known word
is closest to a misspelt one."""

import difflib

from django.db import connection

from csx.search.query import ParsedQuery

# Snippet markers: control characters never typed by an editor, split out before display.
HIT_START, HIT_END = "\x01", "\x02"


class PostgresBackend:
    """Stored weighted tsvector + GIN index, websearch_to_tsquery, pg_trgm for typos."""

    # Weights for body (D), keywords (C), summary (B), title (A).
    WEIGHTS = "{0.05, 0.1, 0.3, 1.0}"
    HEADLINE = (
        f"StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=30, MinWords=12, "
        'MaxFragments=2, FragmentDelimiter=" … "'
    )

    def matches(self, query, parsed, kind, limit, offset):
        # Rank by the wanted words alone: with AND or -word, ts_rank gives every match ~0.
        sql = """
            WITH q AS (SELECT websearch_to_tsquery('english', %s) AS q,
                              websearch_to_tsquery('english', %s) AS wanted),
            hits AS (
                SELECT e.id, ts_rank(%s, e.vector, q.wanted) AS rank
                FROM csx_searchentry e, q
                WHERE e.vector @@ q.q AND (%s = '' OR e.kind = %s)
                ORDER BY rank DESC, e.title, e.id
                LIMIT %s OFFSET %s
            )
            SELECT e.kind, e.title, e.url, e.summary,
                   ts_headline('english', e.summary || ' ' || e.body, q.wanted, %s)
            FROM hits JOIN csx_searchentry e ON e.id = hits.id, q
            ORDER BY hits.rank DESC, e.title, e.id
        """
        params = [query, parsed.any_words(), self.WEIGHTS, kind or "", kind or ""]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset, self.HEADLINE])
            return cursor.fetchall()

    def counts(self, query, parsed):
        sql = """
            SELECT e.kind, count(*) FROM csx_searchentry e,
                websearch_to_tsquery('english', %s) q
            WHERE e.vector @@ q GROUP BY e.kind
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [query])
            return dict(cursor.fetchall())

    def closest_word(self, word):
        sql = """
            SELECT word FROM csx_searchterm WHERE word %% %s
            ORDER BY similarity(word, %s) DESC, word LIMIT 1
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [word, word])
            row = cursor.fetchone()
        return row[0] if row else None


class SqliteBackend:
    """FTS5 with the porter stemmer and bm25 ranking (weights: title, summary, keywords,
    body); difflib for typos."""

    def expression(self, parsed: ParsedQuery):
        """An FTS5 MATCH expression in which every word is a quoted string."""

        def quoted(term):
            return '"' + " ".join(term.words) + '"'

        groups = ["(" + " OR ".join(quoted(t) for t in group) + ")" for group in parsed.groups]
        expression = " AND ".join(groups)
        for term in parsed.excluded:
            expression += f" NOT {quoted(term)}"
        return expression

    def matches(self, query, parsed, kind, limit, offset):
        sql = """
            SELECT e.kind, e.title, e.url, e.summary,
                   snippet(csx_search_fts, -1, %s, %s, ' … ', 24)
            FROM csx_search_fts JOIN csx_searchentry e ON e.id = csx_search_fts.rowid
            WHERE csx_search_fts MATCH %s AND (%s = '' OR e.kind = %s)
            ORDER BY bm25(csx_search_fts, 10.0, 4.0, 2.0, 1.0), e.title, e.id
            LIMIT %s OFFSET %s
        """
        params = [HIT_START, HIT_END, self.expression(parsed), kind or "", kind or ""]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            return cursor.fetchall()

    def counts(self, query, parsed):
        sql = """
            SELECT e.kind, count(*)
            FROM csx_search_fts JOIN csx_searchentry e ON e.id = csx_search_fts.rowid
            WHERE csx_search_fts MATCH %s GROUP BY e.kind
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.expression(parsed)])
            return dict(cursor.fetchall())

    def closest_word(self, word):
        # Typos rarely touch the first letter; that keeps the candidate list short.
        sql = """
            SELECT word FROM csx_searchterm
            WHERE word >= %s AND word < %s AND length(word) BETWEEN %s AND %s
        """
        first = word[0]
        with connection.cursor() as cursor:
            cursor.execute(sql, [first, chr(ord(first) + 1), len(word) - 2, len(word) + 2])
            candidates = [row[0] for row in cursor.fetchall()]
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
        return close[0] if close else None


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
