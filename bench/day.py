"""An editorial day: readers at a steady rate over a mix of pages while a publisher saves a
story every minute; the page cache's hit rate, and whether any page was ever stale.

    python bench/day.py [--minutes 10] [--rate 20] [--workers 2] [--redis]

On gunicorn with production settings and the page cache (bench/pages.py's Server; with
--redis its pages in a private Redis, as deployed with REDIS_URL, else each worker's memory
with the tokens in DJANGO_CACHE_DIR; shared with this process either way). Readers: threads
sending `--rate` requests a second in all, each to a page drawn at random from the mix:
every published item's page, every tag's and company's, the lists, the home page, searches,
the feed, the sitemap, embeds and handouts. The editor: once a minute a publisher, signed
in, opens the next story's admin change form and publishes it with a new last sentence in
its body, the day's mark (this process's Django test client: the admin's real save path, on
the same database and caches as the server).

Staleness, checked after each save: every page of the mix that shows the story's body must
hold the new mark, and every page of the mix that shows the story at all (its pages, its
tags', its company's, the lists, the feed) must be the same as a fresh drawing of it by a
second server with the page cache off. The checker's requests are not counted as readers'.
`make bench-day` runs this (BENCH_DAY_MINUTES=3 for a short run). A benchmark, not a test.
"""

import argparse
import os
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import django

ROOT = Path(__file__).resolve().parent.parent

REDIS = None
if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csx.settings")
    if "--redis" in sys.argv:  # before the settings are read: the editor's saves bump there
        from bench.cluster import Redis

        REDIS = Redis()
        REDIS.start()
        os.environ["REDIS_URL"] = REDIS.url
    django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from taggit.models import Tag  # noqa: E402

from bench.pages import Server  # noqa: E402
from csx.content import registry  # noqa: E402
from stories.models import Company, Story  # noqa: E402
from tests.admin_forms import edit  # noqa: E402

STALE = settings.CACHE_DIR / "bench-day-stale"
MARK = re.compile(r" Editorial day mark \d+\.$")


def mix():
    """Every address readers ask for."""
    paths = ["/", "/stories/", "/companies/", "/principles/", "/tags/", "/feeds/stories/",
             "/sitemap.xml", "/search/?q=refund", "/search/?q=apology"]  # fmt: skip
    for kind in registry.TYPES:
        paths.append(f"/{kind.segment}/")
        paths += [item.get_absolute_url() for item in kind.model.objects.published()]
    stories = Story.objects.published()
    paths += [story.get_embed_url() for story in stories]
    paths += [f"{story.get_absolute_url()}handout/" for story in stories]
    paths += [f"/tags/{tag.slug}/" for tag in Tag.objects.filter(story__isnull=False).distinct()]
    paths += [company.get_absolute_url() for company in Company.objects.published()]
    return sorted(set(paths))


def get(server, path):
    """(status, body, was it a page-cache hit)."""
    try:
        with urllib.request.urlopen(server.url(path), timeout=30) as response:  # noqa: S310
            return response.status, response.read(), response.headers.get("X-Page-Cache") == "hit"
    except urllib.error.HTTPError as error:
        return error.code, error.read(), False


class Readers:
    def __init__(self, server, paths, rate, threads=4):
        self.server, self.paths, self.interval = server, paths, threads / rate
        self.counts = Counter()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.read, args=(n,)) for n in range(threads)]

    def read(self, n):
        chooser = random.Random(n)  # noqa: S311 - a benchmark's choice of pages
        due = time.monotonic() + self.interval * n / len(self.threads)
        while not self.stop.is_set():
            time.sleep(max(0.0, due - time.monotonic()))
            due += self.interval
            status, _, hit = get(self.server, chooser.choice(self.paths))
            self.counts["hit" if hit else "miss"] += 1
            self.counts[status] += 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()


def publisher():
    user, _ = User.objects.get_or_create(username="bench-day-publisher", is_staff=True)
    user.groups.add(Group.objects.get(name="Publishers"))
    client = Client(headers={"host": "127.0.0.1"})
    client.force_login(user)
    return client


def save(client, story, n):
    """Publish `story` with the day's mark `n` as its body's last sentence."""
    body = MARK.sub("", story.body) + f" Editorial day mark {n}."
    response = edit(client, story, "publish", body=body)
    if response.status_code != 302:
        raise RuntimeError(f"the save of {story.slug} answered {response.status_code}")
    return f"Editorial day mark {n}."


def showing(story, paths):
    """The pages of the mix that show `story`: its own, its tags', its company's, the lists."""
    own = {story.get_absolute_url(), f"{story.get_absolute_url()}handout/", story.get_embed_url()}
    near = {f"/tags/{slug}/" for slug in story.tags.values_list("slug", flat=True)}
    if story.company:
        near.add(story.company.get_absolute_url())
    near |= {"/", "/stories/", "/feeds/stories/"}
    return [p for p in paths if p in own | near], [story.get_absolute_url()]


def without_host(server, body):
    """`body` without the server's own address (pages show it, plain and in query strings)."""
    host = server.url("").split("//")[1]
    return body.replace(host.encode(), b"HOST").replace(quote(host).encode(), b"HOST")


def check(cached, fresh, story, mark, paths):
    """The stale answers among the pages that show `story`: [(path, why)]."""
    stale = []
    shown, with_body = showing(story, paths)
    for path in shown:
        status, body, _ = get(cached, path)
        if path in with_body and mark.encode() not in body:
            stale.append((path, "without the new mark"))
            continue
        served, drawn = without_host(cached, body), without_host(fresh, get(fresh, path)[1])
        if served != drawn:
            stale.append((path, "not as a fresh drawing"))
            name = path.strip("/").replace("/", "_") or "home"
            (STALE / f"{name}.served.html").write_bytes(served)  # kept for a diff
            (STALE / f"{name}.fresh.html").write_bytes(drawn)
    return stale


def loadavg():
    return Path("/proc/loadavg").read_text().split()[:3]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--minutes", type=float, default=float(os.environ.get("BENCH_DAY_MINUTES", 10))
    )
    parser.add_argument("--rate", type=float, default=20, help="readers' requests a second")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--redis", action="store_true", help="pages in a private Redis, as deployed with REDIS_URL"
    )
    options = parser.parse_args()

    STALE.mkdir(parents=True, exist_ok=True)  # the two answers of each page found stale
    setup_test_environment()  # the editor's client reads the admin form's context
    paths = mix()
    stories = list(Story.objects.published().order_by("slug"))
    editor = publisher()
    cached = Server("site", "csx.settings", options.workers, DJANGO_PAGE_CACHE="1")
    fresh = Server("fresh", "csx.settings", 1, DJANGO_PAGE_CACHE="0")
    stale, saves = [], 0
    try:
        # The day starts with the pages kept, as on a site that has been up: each worker
        # keeps its own without Redis, so each page is asked for a few times.
        for path in paths * 4:
            get(cached, path)
        print(f"{len(paths)} pages; load average {' '.join(loadavg())}", flush=True)
        started = time.monotonic()
        with Readers(cached, paths, options.rate) as readers:
            while time.monotonic() - started < options.minutes * 60 - 30:
                time.sleep(max(0.0, started + 30 + saves * 60 - time.monotonic()))
                story = Story.objects.get(pk=stories[saves % len(stories)].pk)
                mark = save(editor, story, saves)
                saves += 1
                found = check(cached, fresh, story, mark, paths)
                stale += found
                counts = readers.counts
                rate = counts["hit"] / max(1, counts["hit"] + counts["miss"])
                print(
                    f"{time.strftime('%H:%M:%S')} save {saves}: {story.slug}; stale {found or 0};"
                    f" hits so far {rate:.1%}; load average {' '.join(loadavg())}",
                    flush=True,
                )
            time.sleep(max(0.0, started + options.minutes * 60 - time.monotonic()))
    finally:
        cached.stop()
        fresh.stop()
        if REDIS:
            REDIS.stop()

    counts = readers.counts
    answered = counts["hit"] + counts["miss"]
    rate = counts["hit"] / max(1, answered)
    statuses = {k: v for k, v in counts.items() if isinstance(k, int)}
    print(f"{options.minutes:g} minutes, {saves} saves, {answered} reader requests "
          f"({answered / (options.minutes * 60):.1f}/s), statuses {statuses}")  # fmt: skip
    print(f"page-cache hit rate: {rate:.1%} (goal 95%); stale pages: {len(stale)}")
    print(f"load average at the end: {' '.join(loadavg())}")
    for path, why in stale:
        print(f"  stale: {path} {why}")
    if rate < 0.95 or stale or set(statuses) - {200}:
        sys.exit(1)


if __name__ == "__main__":
    main()
