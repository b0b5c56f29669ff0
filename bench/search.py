"""Time a fixed set of searches against whatever database is configured.

    python bench/generate_stories.py --count 50000 --seed 1
    python bench/search.py

A benchmark, not a test: it prints the median and 95th percentile per query and overall.
Run it with DEBUG off, so Django does not keep a log of every query while it is timed.

Beside the wall clock it gives the CPU time a search costs (this process's, plus, when
PostgreSQL runs on this machine, that of the server process answering it, read from
/proc): on a busy machine the wall clock measures the queue for a core as much as the work.
"""

import argparse
import math
import os
import statistics
import sys
import time
from pathlib import Path

import django

if __name__ == "__main__":
    # A plain script: the project first on the path and Django set up, as manage.py would.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csx.settings")
    django.setup()

from django.conf import settings
from django.core.management.color import color_style, no_style
from django.core.paginator import EmptyPage
from django.db import connection

from csx.models import Synonym
from csx.search import search
from stories.models import Story

# (query, kind, page): each exercises a different part of the search syntax or code path.
QUERIES = [
    ("refund", None, 1),  # one word
    ("lost luggage", None, 1),  # two words, both required
    ('"missed connection"', None, 1),  # a phrase
    ("delivery -parcel", None, 1),  # an exclusion
    ("flowers OR voucher", None, 1),  # OR
    ("girafe", None, 1),  # misspelt: corrected to "giraffe"
    ("nordstorm", None, 1),  # misspelt: corrected to "nordstrom"
    ("empathy", "story", 1),  # a kind filter
    ("refund", None, 2),  # the second page
    ("zappos", None, 1),  # a rare word
    ("customer", None, 1),  # a word in nearly every story
    ('"stayed on the line" -script', "story", 2),  # phrase, exclusion, kind and page
    ("apologize", None, 1),  # American spelling: finds "apologise" too
    ("money back", None, 1),  # an editors' synonym of "refund" (SYNONYM, added if missing)
    ("how to handle an angry customer", None, 1),  # a sentence: most words held first
    # A long sentence with a spelling variant ("cancelled", "canceled") and common words.
    ("what to do when a flight is cancelled and the customer wants a refund", None, 1),
    # A paraphrase sharing few words with its stories: found by meaning (csx/search/meaning.py).
    ("a passenger taken off a plane by force", None, 1),
]
SYNONYM = "refund, money back"

TARGET_MS = 50


def percentile(samples, fraction):
    """Nearest-rank percentile: the smallest sample at or above `fraction` of them."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def describe_database():
    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    return connection.display_name


def describe_cpu():
    if server_process() is not None:
        return "this process and the PostgreSQL server's"
    if connection.vendor == "postgresql":
        return "this process only: the PostgreSQL server's is not readable from here"
    return "this process, SQLite included"


def bench(repeat=20, warmup=1, stdout=None, stderr=None):
    """Time every query `repeat` times after `warmup` untimed runs, and report on `stdout`."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    stories = Story.objects.count()
    if not stories:
        raise SystemExit(
            "There are no stories to search. Fill a scratch database first: "
            "python bench/generate_stories.py --count 50000"
        )
    if settings.DEBUG:
        print(
            "DEBUG is on, so Django logs every query; timings will be a little high.", file=stderr
        )

    Synonym.objects.get_or_create(terms=SYNONYM)
    rows, everything = [], []
    for query, kind, page in QUERIES:
        for _ in range(warmup):
            run(query, kind, page)
        samples, outcome = [], None
        cpu_before = cpu_time()
        for _ in range(repeat):
            started = time.perf_counter()
            outcome = run(query, kind, page)
            samples.append((time.perf_counter() - started) * 1000)
        cpu = (cpu_time() - cpu_before) * 1000 / repeat
        everything += samples
        rows.append((query, kind, page, outcome, samples, cpu))

    report(stories, repeat, warmup, rows, everything, stdout, stderr)


def server_process():
    """The /proc/<pid>/stat of the PostgreSQL process serving this connection, if it runs on
    this machine and can be read; else None."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")
    try:
        stat.read_text()
    except OSError:
        return None
    return stat


def cpu_time():
    """Seconds of CPU used so far by this process and the database server's process for it
    (its user and system time, fields 14 and 15 of /proc/<pid>/stat, in clock ticks)."""
    used = time.process_time()
    stat = server_process()
    if stat is not None:
        fields = stat.read_text().rpartition(")")[2].split()
        used += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used


def report(stories, repeat, warmup, rows, everything, stdout, stderr):
    def write(line):
        print(line, file=stdout)

    style = color_style() if stdout.isatty() else no_style()
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    write(
        f"{describe_database()}, {stories:,} stories; "
        f"{repeat} timed runs per query after {warmup} warm-up; "
        f"{os.cpu_count()} CPUs, load average {load} at the end."
    )
    write("")
    write("| query | kind | page | found | shown | corrected to | median ms | p95 ms | CPU ms |")
    write("|---|---|--:|--:|--:|---|--:|--:|--:|")
    for query, kind, page, (total, shown, corrected), samples, cpu in rows:
        query_cell = query.replace("|", "\\|")
        write(
            f"| `{query_cell}` | {kind or 'all'} | {page} | {total:,} | {shown} | "
            f"{corrected or ''} | {statistics.median(samples):.1f} | "
            f"{percentile(samples, 0.95):.1f} | {cpu:.1f} |"
        )
    write("")
    cpu = statistics.mean(row[-1] for row in rows)
    write(f"CPU time per search, mean over the queries: {cpu:.1f} ms ({describe_cpu()}).")
    median, p95 = statistics.median(everything), percentile(everything, 0.95)
    verdict = (
        style.SUCCESS(f"under the {TARGET_MS} ms target")
        if p95 < TARGET_MS
        else style.WARNING(f"over the {TARGET_MS} ms target")
    )
    write(
        f"Overall ({len(everything):,} searches): median {median:.1f} ms, "
        f"p95 {p95:.1f} ms, {verdict}."
    )
    empty = [query for query, _, _, (total, _, _), _, _ in rows if not total]
    if empty:
        print(
            "These queries found nothing, so they time very little: " + ", ".join(empty),
            file=stderr,
        )


def run(query, kind, page):
    """One search: (total, shown, corrected). A library too small to have the page (the site
    answers 404) shows nothing there; the total then costs a second search, and its time."""
    try:
        found = search(query, kind=kind, page=page)
    except EmptyPage:
        found = search(query, kind=kind)
        return found.total, 0, found.corrected
    return found.total, len(found.results), found.corrected


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Time a fixed set of searches: median and 95th percentile, per query and "
        "overall."
    )
    parser.add_argument("--repeat", type=int, default=20, help="Timed runs per query.")
    parser.add_argument("--warmup", type=int, default=1, help="Untimed runs per query.")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.warmup < 0:
        parser.error("--repeat must be at least 1 and --warmup at least 0.")
    bench(args.repeat, args.warmup)


if __name__ == "__main__":
    main()
