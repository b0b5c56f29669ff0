"""Every public page type drawn cold: every cache cleared before each request (Django's caches,
the per-version memos and fragments, the Markdown kept per text), the page cache off. For each
page, the SQL queries, the mean time of a cold render in this process, and with --profile the
functions that cost most (cProfile, cumulative).

    python bench/cold.py [--repeat 20] [--profile 12] [--pages story,home] [--warm]

--warm keeps the caches between requests (still no page cache): what `make bench` measures
with the page cache off, once each process has drawn a page under the content version.

On the database DATABASE_URL names, holding the seed (`make bench-cold` prepares one in /tmp).
A benchmark, not a test: the query budgets are asserted by tests/test_query_budget.py."""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csx.settings")
    os.environ["DJANGO_PAGE_CACHE"] = "0"
    django.setup()

from django.core.cache import caches  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from taggit.models import Tag  # noqa: E402

from csx.content import markdown, registry  # noqa: E402
from csx.paths.models import Path as LearningPath  # noqa: E402
from csx.public import feeds  # noqa: E402,F401 (imported so its import is not timed)


def pages():
    """{page type: address}: one real page of each public type, from the database. A library
    without learning paths or sources (bench/generate_stories.py makes neither) has no such
    pages in the list."""
    first = {
        kind.name: kind.model.objects.published().order_by("slug").first()
        for kind in registry.TYPES
    }
    story = first["story"]
    tag = Tag.objects.filter(slug__in=story.tags.values("slug")).order_by("slug").first()
    found = {
        "home": "/",
        "story list": "/stories/",
        "story list filtered": f"/stories/?tag={tag.slug}&outcome=exemplary",
        "story": story.get_absolute_url(),
        "story present": f"{story.get_absolute_url()}present/",
        "company list": "/companies/",
        "principle list": "/principles/",
        "cheat sheet": "/principles/cheat-sheet/",
        "statistic list": "/statistics/",
        "resources": "/resources/",
        "tag list": "/tags/",
        "tag": f"/tags/{tag.slug}/",
        "search": "/search/?q=service",
        "search misspelt": "/search/?q=servise",
        "sources": "/sources/",
        "path list": "/paths/",
        "embed": story.get_embed_url(),
        "feed": "/feeds/stories/",
        "sitemap": "/sitemap.xml",
    }
    source = story.sources.order_by("slug").first()
    if source is not None:
        found["source"] = source.get_absolute_url()
    path = LearningPath.objects.published().order_by("slug").first()
    if path is not None:
        step = list(path.steps())[1]
        found["path"] = path.get_absolute_url()
        found["path step"] = f"{path.get_absolute_url()}steps/{step.number}/"
        found["path handout"] = f"{path.get_absolute_url()}handout/"
    for name in ("company", "principle", "statistic"):
        if first.get(name) is not None:
            found[name] = first[name].get_absolute_url()
    return found


def cold():
    for cache in caches.all():
        if cache is not caches["ratelimit"]:
            cache.clear()
    markdown._render_alone.cache_clear()


WARM = False


def draw(client, url):
    if not WARM:
        cold()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)


def measure(client, url, repeat):
    reset_queries()  # each request resets the log: count from an empty one
    with CaptureQueriesContext(connection) as context:
        draw(client, url)
    queries = len(context.captured_queries)  # read from the log the next request resets
    started = time.perf_counter()
    for _ in range(repeat):
        draw(client, url)
    return queries, (time.perf_counter() - started) / repeat * 1000


def profile(client, url, repeat, lines):
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        draw(client, url)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    return out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", type=int, default=0, help="lines of profile per page")
    parser.add_argument("--pages", default="", help="page types, comma-separated")
    parser.add_argument("--warm", action="store_true", help="keep the caches between requests")
    options = parser.parse_args()
    global WARM
    WARM = options.warm
    client = Client()
    chosen = pages()
    if options.pages:
        chosen = {name: chosen[name] for name in options.pages.split(",")}
    for url in chosen.values():  # warm imports and templates, as a running process has
        draw(client, url)
    label = "warm ms" if WARM else "cold ms"
    print(f"{'page':22} {'queries':>7} {label:>8}  address")
    for name, url in chosen.items():
        queries, ms = measure(client, url, options.repeat)
        print(f"{name:22} {queries:7} {ms:8.1f}  {url}")
        if options.profile:
            print(profile(client, url, options.repeat, options.profile))


if __name__ == "__main__":
    main()
