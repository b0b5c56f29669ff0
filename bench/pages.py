"""Requests per second of every public page type, with the page cache and without, each
beside the ceiling (bench/ceiling.py) measured just before and just after it, in one run.

    python bench/pages.py [--seconds 10] [--connections 8] [--redis redis://127.0.0.1:6379/12]
                          [--pages story,search]

Three gunicorn servers with production settings (DEBUG off, gunicorn.conf.py, two workers):
the project with its page cache, the project with DJANGO_PAGE_CACHE=0, and the ceiling. wrk
drives one at a time; the table gives requests/s, p50, p99 and the ratio to the mean of the
ceiling runs just before and after, then each server's worker memory after its load.
`make bench` prepares the database (the seed, in /tmp) and static files and runs this.
A benchmark, not a test."""

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csx.settings")
    django.setup()

from bench import cold  # noqa: E402
from bench.cluster import free_port  # noqa: E402

# The goals of issues 12 and 27, as shares of the ceiling: (page, with the page cache) →
# share; every page type at least EVERY_PAGE_UNCACHED without the page cache (issue 27).
GOALS = {("story", True): 0.80}
EVERY_PAGE_CACHED = 0.60
EVERY_PAGE_UNCACHED = 0.25


def pages():
    """{page type: address}: one real page of every public type (bench/cold.py's list), from
    the database, and the API's."""
    every = cold.pages()
    story, tag = (every[page].rstrip("/").rsplit("/", 1)[1] for page in ("story", "tag"))
    return {
        **every,
        # The JSON API (csx/api): never kept by the page cache, so "on" and "off" differ
        # only by the cache's look-up; its rate limit is lifted for the run (below).
        "api stories": "/api/v1/stories/",
        "api story": f"/api/v1/stories/{story}/",
        "api tag": f"/api/v1/tags/{tag}/",
        "api search": "/api/v1/search/?q=service",
    }


class Server:
    """gunicorn serving `settings` on a free local port, with `workers` workers (None: as
    many as gunicorn.conf.py starts in production)."""

    def __init__(self, name, settings, workers, **env):
        self.name = name
        self.port = free_port()
        count = [] if workers is None else ["--workers", str(workers)]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "csx.wsgi", "--bind", f"127.0.0.1:{self.port}",
             *count, "--max-requests", "0"],
            cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": settings,
                           "CSX_API_RATE": "100000000/minute", **env},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(150):
            try:
                urllib.request.urlopen(self.url("/"), timeout=5)  # noqa: S310 - loopback
                return
            except urllib.error.HTTPError:
                return  # it answers
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{name} did not start")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def processes(self):
        """The master's pid and its workers', or None once the master has exited: the same
        before and after a run means nothing was restarted (a worker that dies or is
        recycled comes back under a new pid)."""
        if self.process.poll() is not None:
            return None
        ps = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
                            capture_output=True, text=True, check=False)  # fmt: skip
        return self.process.pid, frozenset(ps.stdout.split())

    def worker_memory(self):
        """Each worker's resident memory, in MB."""
        ps = subprocess.run(["ps", "-o", "rss=", "--ppid", str(self.process.pid)],
                            capture_output=True, text=True, check=True)  # fmt: skip
        return [int(line) / 1024 for line in ps.stdout.split()]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


@contextlib.contextmanager
def site_with_worker(workers, **env):
    """The site (a Server of csx.settings) with `manage.py worker` beside it, both with `env`,
    for an outage whose tasks the worker must finish; both stopped after the block."""
    server = worker = None
    try:
        server = Server("site", "csx.settings", workers, **env)
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--interval", "0.5"],
            cwd=ROOT, env={**os.environ, **env},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,  # a line per task
        )  # fmt: skip
        yield server
    finally:
        for process in (worker, server and server.process):
            if process:
                process.terminate()
                process.wait()


def warm_up(url, workers):
    """A few requests, however slow, before wrk's: the first search in a worker loads the
    model for meaning (csx/search/meaning.py), which wrk's second of warm-up may not wait for."""
    for _ in range(2 * workers):
        with contextlib.suppress(urllib.error.HTTPError):  # it answers; wrk counts how
            urllib.request.urlopen(url, timeout=120).read()  # noqa: S310 - loopback


def milliseconds(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url, seconds, connections, threads):
    """(requests/s, p50 ms, p99 ms, errors) of `seconds` of load after a second's warm-up."""
    subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", "-d1s", url],
                   capture_output=True, check=True)  # fmt: skip
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = milliseconds(*re.search(r"50%\s+([\d.]+)(us|ms|s)", out).groups())
    p99 = milliseconds(*re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups())
    return rate, p50, p99, errors(out)


def errors(wrk_output):
    """Responses that were not 2xx or 3xx, and socket errors, in wrk's summary."""
    found = re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", wrk_output)
    found += re.findall(r"(?:connect|read|write|timeout) (\d+)", wrk_output)
    return sum(int(n) for n in found)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="of load per measurement")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1, help="wrk's")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's, per server")
    parser.add_argument("--redis", help="REDIS_URL for the cached server (default: local memory)")
    parser.add_argument("--pages", help="comma-separated page types (default: every one)")
    parser.add_argument(
        "--cache", choices=["on", "off", "both"], default="both", help="page cache settings"
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk (make bench installs it)")

    addresses = pages()
    if options.pages:
        addresses = {page: addresses[page] for page in options.pages.split(",")}
    cache = {"REDIS_URL": options.redis} if options.redis else {}
    servers = {
        "ceiling": Server("ceiling", "bench.ceiling", options.workers, DJANGO_PAGE_CACHE="0"),
        True: Server("cached", "csx.settings", options.workers, DJANGO_PAGE_CACHE="1", **cache),
        False: Server("uncached", "csx.settings", options.workers, DJANGO_PAGE_CACHE="0"),
    }
    load = (options.seconds, options.connections, options.threads)
    rows = []
    try:
        # Ceiling, page, ceiling, page, ...: each page is compared with the mean of the
        # ceilings measured just before and just after it, so a machine that gets busier
        # or quieter during the run moves both alike.
        before = wrk(servers["ceiling"].url("/"), *load)
        for page, path in addresses.items():
            for cached in {"on": (True,), "off": (False,), "both": (True, False)}[options.cache]:
                warm_up(servers[cached].url(path), options.workers)
                measured = wrk(servers[cached].url(path), *load)
                after = wrk(servers["ceiling"].url("/"), *load)
                ceiling = tuple((a + b) / 2 for a, b in zip(before, after, strict=True))
                rows.append((page, cached, measured, ceiling))
                report_row(*rows[-1])
                before = after
        memory = {server.name: server.worker_memory() for server in servers.values()}
    finally:
        for server in servers.values():
            server.stop()
    summarise(rows, memory, options)


def goal(page, cached):
    if page.startswith("api "):  # the API's goals are its own (docs/performance.md)
        return None
    return GOALS.get((page, cached), EVERY_PAGE_CACHED if cached else EVERY_PAGE_UNCACHED)


def report_row(page, cached, measured, ceiling):
    if not hasattr(report_row, "header"):
        report_row.header = True
        print(f"{'page':<20} {'cache':<5} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
              f"{'ceiling':>8} {'ratio':>6} {'goal':>5}  errors")  # fmt: skip
    rate, p50, p99, failed = measured
    ratio = rate / ceiling[0]
    target = goal(page, cached)
    verdict = "" if target is None else ("met" if ratio >= target else "MISSED")
    print(
        f"{page:<20} {'on' if cached else 'off':<5} {rate:>7.0f} {p50:>7.2f} {p99:>7.2f} "
        f"{ceiling[0]:>8.0f} {ratio:>6.1%} {f'{target:.0%}' if target else '':>5}  "
        f"{failed} {verdict}",
        flush=True,
    )


def summarise(rows, memory, options):
    missed = [
        (page, cached)
        for page, cached, measured, ceiling in rows
        if goal(page, cached) is not None and measured[0] / ceiling[0] < goal(page, cached)
    ]
    print()
    for name, sizes in memory.items():
        print(f"worker memory after the load, {name}: " + ", ".join(f"{mb:.0f} MB" for mb in sizes))
    cache = f"Redis ({options.redis})" if options.redis else "local memory"
    print(f"{options.workers} workers per server, wrk {options.threads} thread(s), "
          f"{options.connections} connections, {options.seconds} s per measurement; "
          f"page cache in {cache}")  # fmt: skip
    print("Goals met." if not missed else f"Goals missed: {missed}")


if __name__ == "__main__":
    main()
