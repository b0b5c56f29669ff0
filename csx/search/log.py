"""What readers look for: every search counted by its normalised query and the day, with
the number of results it had. Nothing about the person who searched is kept.

    record("  Hug  Haters ", 1)        one more search for "hug haters" today
    top_queries()                      the most searched for, last 30 days
    zero_result_queries()              the ones that find nothing now, last 30 days
"""

import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.db.models import OuterRef, Subquery, Sum
from django.utils import timezone

from csx.models import SearchLog

DAYS = 30
# One statement on both databases (PostgreSQL, and SQLite since 3.24): two readers searching
# for the same thing at the same moment both count.
RECORD = """
    INSERT INTO csx_searchlog (query, day, searches, results) VALUES (%s, %s, 1, %s)
    ON CONFLICT (query, day) DO UPDATE
    SET searches = csx_searchlog.searches + 1, results = excluded.results
"""


def normalised(text):
    """One spelling per query: Unicode-normalised, lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.lower().split())[: SearchLog._meta.get_field("query").max_length]


def record(text, results):
    query = normalised(text)
    if query:
        with connection.cursor() as cursor:
            cursor.execute(RECORD, [query, timezone.localdate(), results])


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
    return as_counts(counted(days)[:limit])


def zero_result_queries(days=DAYS, limit=10):
    """What readers searched for in the last `days` days that found nothing the last time:
    words to add as synonyms, or content to write. Once a synonym makes one find something,
    its next search takes it off this list."""
    return as_counts(counted(days).filter(latest=0)[:limit])
