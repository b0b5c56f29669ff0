"""What readers look for: every search counted by its normalised query and the day, with
the number of results it had. Nothing about the person who searched is kept.

    record("  Hug  Haters ", 1)        one more search for "hug haters" today (buffered)
    flush()                            write the buffered searches, in one batch
    top_queries()                      the most searched for, last 30 days
    zero_result_queries()              the ones that find nothing now, last 30 days

A search writes nothing to the database by itself: it is counted in a buffer
(csx/search/log_buffer.py: Redis when REDIS_URL is set, else this process's memory), and
the request that finds FLUSH_AT searches waiting, or the oldest older than FLUSH_SECONDS,
writes them all in one transaction. Flushed at that threshold rather than by a background
task: a buffer in memory is only reachable from its own process, and queuing a task would
itself be a write per batch. The readers of the log (top_queries, the admin) flush first,
so what editors see is exact; a process that stops flushes what its memory holds.
"""

import atexit
import logging
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import OuterRef, Subquery, Sum
from django.utils import timezone

from csx.models import SearchLog
from csx.search import log_buffer
from csx.serving import outages

logger = logging.getLogger(__name__)

DAYS = 30
# One statement on both databases (PostgreSQL, and SQLite since 3.24): two readers searching
# for the same thing at the same moment both count.
RECORD = """
    INSERT INTO csx_searchlog (query, day, searches, results) VALUES (%s, %s, %s, %s)
    ON CONFLICT (query, day) DO UPDATE
    SET searches = csx_searchlog.searches + excluded.searches, results = excluded.results
"""


def normalised(text):
    """One spelling per query: Unicode-normalised, lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.lower().split())[: SearchLog._meta.get_field("query").max_length]


def record(text, results):
    """Count one search for `text` that found `results` items (written at the next flush)."""
    query = normalised(text)
    if not query:
        return
    day = timezone.localdate()
    for buffer in log_buffer.buffers():
        try:
            waiting, age = buffer.add(day, query, results)
            break
        except outages.UNREACHABLE:
            continue  # Redis is away: this process's memory keeps the count meanwhile
    if waiting >= settings.SEARCH_COUNTS_FLUSH_AT or age >= settings.SEARCH_COUNTS_FLUSH_SECONDS:
        flush()


def flush():
    """Write every buffered search to the log, one statement per query and day, in one
    transaction; a batch the database refuses goes back to its buffer. Returns the number of
    searches written."""
    written = 0
    for buffer in log_buffer.buffers():
        try:
            batch = buffer.take()
        except outages.UNREACHABLE:
            continue
        if not batch:
            continue
        rows = [
            [query, day, searches, results]
            for (day, query), (searches, results) in sorted(batch.items())
        ]
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(RECORD, rows)
        except DatabaseError:
            buffer.give_back(batch)
            raise
        written += batch.searches
    return written


@atexit.register
def flush_at_exit():
    """A process that stops (a recycled gunicorn worker) writes what its memory holds."""
    if not log_buffer.MEMORY.batch:
        return
    try:
        flush()
    except Exception:  # noqa: BLE001 - the process is ending: say so, lose nothing silently
        logger.exception("Searches still buffered at exit could not be written.")


@dataclass(frozen=True)
class QueryCount:
    query: str
    searches: int  # in the period
    results: int  # at its latest search


def counted(days):
    """The period's queries, each with its searches and the results of its latest search."""
    since = timezone.localdate() - timedelta(days=days - 1)
    rows = SearchLog.objects.filter(day__gte=since)
    latest = rows.filter(query=OuterRef("query")).order_by("-day").values("results")[:1]
    return (
        rows.values("query")
        .annotate(total=Sum("searches"), latest=Subquery(latest))
        .order_by("-total", "query")
    )


def as_counts(rows):
    return [QueryCount(row["query"], row["total"], row["latest"]) for row in rows]


def top_queries(days=DAYS, limit=10):
    """What readers searched for most in the last `days` days."""
    flush()
    return as_counts(counted(days)[:limit])


def zero_result_queries(days=DAYS, limit=10):
    """What readers searched for in the last `days` days that found nothing the last time:
    words to add as synonyms, or content to write. Once a synonym makes one find something,
    its next search takes it off this list."""
    flush()
    return as_counts(counted(days).filter(latest=0)[:limit])
