"""Every public page type, and the editors' busiest admin pages, at the size of the library
in DATABASE_URL (50,000 stories: `make bench-scale`): p50, p95 and SQL queries of each.

    python bench/scale.py [--samples 40] [--warm] [--pages "story;tag"]

Each page type is drawn --samples times in this process with Django's test client, over as
many different addresses as the type has (stories, tags, list pages, sitemap files), with
the page cache off and every cache cleared before each request (bench/cold.py: the cold
render, the slowest a reader can meet; --warm keeps the caches between requests, as a
server with the page cache off would; --first-draw makes a new content version before each
request, as an editor's save of a story's text does, so that each page is drawn afresh, as
the first reader after such a change meets it, while what is kept until its own names
change (the tag counts) and the search index's token stay: with every cache cleared the
search's meaning vectors are read again at each request, which a server does once after a
change to the index). --pages takes page types separated by ";" (some names hold commas).
The admin pages are drawn signed in as a superuser
(created once, `bench-scale`). Goals (issue 27): public pages p95 <= 100 ms, admin change
lists <= 500 ms, the dashboard <= 300 ms; the last line names any page over its goal.
A benchmark, not a test: the machine's load average is printed beside the table."""

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csx.settings")
    os.environ["DJANGO_PAGE_CACHE"] = "0"
    # Production settings, answering the test client's host over plain HTTP.
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from taggit.models import Tag, TaggedItem  # noqa: E402

from bench.cold import cold  # noqa: E402
from csx.content import markdown, registry  # noqa: E402
from csx.serving import versions  # noqa: E402
from stories.models import Story  # noqa: E402

PUBLIC_P95_MS = 100
ADMIN_P95_MS = {"dashboard": 300}  # every other admin page: 500
ADMIN_LIST_P95_MS = 500


def spread(addresses, samples):
    """`samples` addresses taken round-robin from `addresses`."""
    return list(itertools.islice(itertools.cycle(addresses), samples))


def public_pages(samples):
    """{page type: [address, ...]}: real addresses from the database, as varied as it has."""
    stories = list(Story.objects.published().order_by("?").values_list("slug", flat=True)[:samples])
    # The busiest tags (thousands of stories) and some of the long tail.
    tags = Tag.objects.annotate(n=Count("taggit_taggeditem_items")).order_by("-n")
    busy = list(tags.values_list("slug", flat=True)[:5])
    tail = list(tags.order_by("n", "slug").values_list("slug", flat=True)[:5])
    pages = Story.objects.published().count() // 12
    list_pages = [1, 2, 10, 100, max(pages // 2, 1), max(pages, 1)]
    found = {
        "home": ["/"],
        "story list": [f"/stories/?page={n}" for n in list_pages],
        "story list filtered": [f"/stories/?tag={slug}&outcome=exemplary" for slug in busy],
        "story": [f"/stories/{slug}/" for slug in stories],
        "tag list": ["/tags/"],
        "tag": [f"/tags/{slug}/" for slug in busy + tail],
        "tag, one type's page": [f"/tags/{slug}/?kind=story&page=2" for slug in busy],
        "search": ["/search/?q=lost+luggage", "/search/?q=refund", "/search/?q=giraffe"],
        "feed": ["/feeds/stories/"],
        "sitemap index": ["/sitemap.xml"],
        "sitemap file": [f"/sitemap-stories.xml?p={n}" for n in range(1, 6)],
    }
    for kind in registry.TYPES:
        first = kind.model.objects.published().order_by("slug").first()
        if first is None:
            continue
        found[f"{kind.name} list"] = [reverse(kind.list_url_name)]
        if kind.own_page and kind.name != "story":
            items = kind.model.objects.published().order_by("?")[:samples]
            found[kind.name] = [item.get_absolute_url() for item in items]
    return {name: spread(addresses, samples) for name, addresses in found.items()}


def admin_pages(samples):
    return {
        "admin: dashboard": spread(["/admin/"], samples),
        "admin: stories": spread(["/admin/stories/story/", "/admin/stories/story/?p=100"], samples),
        "admin: stories, searched": spread(["/admin/stories/story/?q=luggage"], samples),
        "admin: companies": spread(["/admin/stories/company/"], samples),
        "admin: tags": spread(["/admin/taggit/tag/"], samples),
        "admin: feedback": spread(["/admin/feedback/feedback/"], samples),
    }


def superuser_client():
    user, _ = get_user_model().objects.get_or_create(
        username="bench-scale", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    return client


def first_draw():
    """The library as the first reader after an editor's save of a story's text meets it: a
    new content version (what pages keep per version, memos and fragments, is made afresh),
    with the names such a save touches changed (csx/serving/invalidation.py); what is kept
    while its own names hold (reuse.while_unchanged: the tag counts) stays. Cold (every cache
    cleared) is the first reader after a change that touched everything."""
    story = Story.objects.order_by("pk").values_list("pk", flat=True).first()
    table = Story._meta.db_table
    versions.bump(
        (f"row:{table}:{story}", f"rows:{table}", f"col:{table}.body", f"col:{table}.updated")
    )
    markdown._render_alone.cache_clear()


def prepare(warm):
    if warm == "first-draw":
        first_draw()
    elif not warm:
        cold()


def draw(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)


def measure(client, addresses, warm):
    """(p50 ms, p95 ms, queries of the first address), each request timed after the caches
    were prepared for it."""
    draw(client, addresses[0])  # imports, templates, the meaning matrix: loaded
    reset_queries()
    prepare(warm)
    with CaptureQueriesContext(connection) as context:
        draw(client, addresses[0])
    queries = len(context.captured_queries)
    times = []
    for url in addresses:
        prepare(warm)
        started = time.perf_counter()
        draw(client, url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, queries


def goal(name):
    if not name.startswith("admin: "):
        return PUBLIC_P95_MS
    return ADMIN_P95_MS.get(name.removeprefix("admin: "), ADMIN_LIST_P95_MS)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=40, help="requests per page type")
    parser.add_argument("--warm", action="store_true", help="keep the caches between requests")
    parser.add_argument(
        "--first-draw",
        action="store_true",
        help="clear only the rendered fragments and memos before each request",
    )
    parser.add_argument("--pages", default="", help="page types, separated by ;")
    options = parser.parse_args()

    stories = Story.objects.published().count()
    if not stories:
        sys.exit("The database holds no stories: run bench/generate_stories.py first.")
    chosen = public_pages(options.samples)
    admin = admin_pages(options.samples)
    if options.pages:
        wanted = options.pages.split(";")
        chosen = {name: urls for name, urls in chosen.items() if name in wanted}
        admin = {name: urls for name, urls in admin.items() if name in wanted}
    reader, editor = Client(), superuser_client()

    vendor = connection.vendor
    warm = "first-draw" if options.first_draw else options.warm
    mode = {
        True: "warm caches",
        False: "every cache cleared before each request",
        "first-draw": "a new content version (a story's text saved) before each request",
    }[warm]
    print(
        f"{vendor}, {stories:,} stories, {Tag.objects.count():,} tags, "
        f"{TaggedItem.objects.count():,} taggings; page cache off, {mode}; "
        f"load average {os.getloadavg()[0]:.1f} at the start",
        flush=True,
    )
    print("| page | p50 ms | p95 ms | queries | goal p95 ms |\n|---|---:|---:|---:|---:|")
    missed = []
    for client, pages in ((reader, chosen), (editor, admin)):
        for name, addresses in pages.items():
            p50, p95, queries = measure(client, addresses, warm)
            mark = "" if p95 <= goal(name) else " (over)"
            if mark:
                missed.append(name)
            print(
                f"| {name} | {p50:.1f} | {p95:.1f} | {queries} | {goal(name)}{mark} |", flush=True
            )
    print(f"load average {os.getloadavg()[0]:.1f} at the end; DEBUG {settings.DEBUG}")
    print(f"Over the goal: {', '.join(missed)}" if missed else "Every page within its goal.")


if __name__ == "__main__":
    main()
