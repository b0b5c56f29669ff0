"""PostgreSQL's full-text search behind the three questions (csx/search/backends/)."""

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
