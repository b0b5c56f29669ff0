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

from django.db import connection

from csx.search.backends.common import CANDIDATES, HIT_END, HIT_START
from csx.search.backends.postgres import PostgresBackend
from csx.search.backends.sqlite import SqliteBackend

__all__ = ["CANDIDATES", "HIT_END", "HIT_START", "backend"]


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
