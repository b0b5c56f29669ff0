"""A soak: many clients for many minutes with worker recycling off, and each worker's memory.

    python bench/soak.py [--clients 200] [--seconds 600] [--warmup 60] [--every 15] [--cache]
                         [--workers 2] [--spread 400] [--pss-limit 80]

wrk puts `--clients` connections on the mix of bench/load.py (one page of every public type),
and with `--spread N` on N stories across the library with some of their companies, tags and
searches, for `--seconds`, on gunicorn with production settings, `--workers` workers (without
it, as many as gunicorn.conf.py starts) and `--max-requests 0` (gunicorn.conf.py recycles
workers in production, which would hide growth instead of showing it). Every `--every`
seconds it records each worker's resident memory (RSS, judged), its share of the pages it
shares (PSS) and its own (USS), and the load average. The RSS at the end of `--warmup` is
each worker's baseline; the run fails (exit 1) when a worker grows more than 10% over it,
when a worker was replaced (recycling is off: only a crash or a timeout replaces one), when
any answer is not a 200, or with `--pss-limit` when a worker's PSS at the end is over it
(issue 27: "at most 80 MB per worker"; PSS, because RSS counts the pages every worker shares
with the master and the others in each of them: docs/performance.md, "Memory at 50,000
stories"). Requests wrk gives up on (20 s: 200 clients queue on a few uncached workers, longer
on a busy machine) are counted apart, not failures: what the soak judges is memory, and the
server's answers.

The page cache is off unless `--cache`: every request draws its page, so whatever drawing
keeps is seen (a cached page is a lookup). `make bench-soak` runs this on the seed
(SOAK_SECONDS, SOAK_CLIENTS), `make bench-soak-scale` on 50,000 stories. A benchmark, not a
test.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csx.settings")

from bench.load import answers, start_mix, status  # noqa: E402

GROWTH_ALLOWED = 0.10


def smaps_rollup(pid):
    """(RSS, PSS, USS) of process `pid` in MB. RSS counts every page the worker maps, the
    ones it shares with the master and the other workers (Django, the model, the index's
    matrix) in full; PSS splits a shared page between its users; USS is the worker's alone,
    what another worker would add."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, kb, *_ = line.split()
        fields[name.rstrip(":")] = int(kb) / 1024
    return fields["Rss"], fields["Pss"], fields["Private_Clean"] + fields["Private_Dirty"]


def worker_memory(server):
    """{worker pid: (RSS, PSS, USS) in MB} of `server`'s gunicorn workers."""
    ps = subprocess.run(["ps", "-o", "pid=", "--ppid", str(server.process.pid)],
                        capture_output=True, text=True, check=True)  # fmt: skip
    return {int(pid): smaps_rollup(pid) for pid in ps.stdout.split()}


def spread(count):
    """About `count` addresses across the library beyond the mix: stories evenly spaced by
    id, and for every fourth one its company, its first tag and a search for two words of
    its title, so that the workers draw (and keep what they keep of) many distinct pages,
    as readers of a large library do."""
    from stories.models import Story

    ids = list(Story.objects.published().order_by("pk").values_list("pk", flat=True))
    chosen = Story.objects.filter(pk__in=ids[:: max(len(ids) // count, 1)][:count])
    addresses = []
    for number, story in enumerate(chosen.select_related("company").order_by("pk")):
        addresses.append(story.get_absolute_url())
        if number % 4 == 0:
            tag = story.tags.order_by("slug").first()
            words = "+".join(story.title.split()[:2])
            addresses += [f"/search/?q={words}", *([f"/tags/{tag.slug}/"] if tag else [])]
            if story.company is not None:
                addresses.append(story.company.get_absolute_url())
    return addresses


def sample(server, started, samples):
    memory, load = worker_memory(server), os.getloadavg()[0]
    samples.append((time.monotonic() - started, memory, load))
    sizes = "  ".join(
        f"{pid}: {rss:6.1f} MB RSS {pss:6.1f} PSS {uss:6.1f} USS"
        for pid, (rss, pss, uss) in sorted(memory.items())
    )
    print(f"{samples[-1][0]:5.0f} s  {sizes}  load {load:.1f}", flush=True)


def verdict(samples, warmup):
    """(growth per worker pid over its baseline, pids that came or went after warm-up)."""
    after = [
        {pid: mb[0] for pid, mb in memory.items()} for at, memory, _ in samples if at >= warmup
    ]
    baseline = after[0]
    changed = set().union(*after) ^ set(baseline)
    growth = {
        pid: max(rss[pid] for rss in after if pid in rss) / mb - 1 for pid, mb in baseline.items()
    }
    return growth, changed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--warmup", type=int, default=60, help="seconds before the baseline")
    parser.add_argument("--every", type=int, default=15, help="seconds between samples")
    parser.add_argument("--workers", type=int, help="gunicorn.conf.py's count without it")
    parser.add_argument("--spread", type=int, default=0, help="stories across the library")
    parser.add_argument("--pss-limit", type=float, help="MB of PSS a worker may end with")
    parser.add_argument("--cache", action="store_true", help="DJANGO_PAGE_CACHE=1")
    options = parser.parse_args()
    if options.warmup >= options.seconds:
        sys.exit("--warmup must be shorter than --seconds")

    django.setup()
    from bench.pages import Server, pages  # needs Django set up

    paths = [*pages().values(), *(spread(options.spread) if options.spread else [])]
    server = Server("soak", "csx.settings", options.workers,
                    DJANGO_PAGE_CACHE="1" if options.cache else "0")  # fmt: skip
    samples = []
    try:
        wrk = start_mix(server, paths, options.clients, options.seconds)
        started = time.monotonic()
        while wrk.poll() is None and time.monotonic() - started < options.seconds:
            sample(server, started, samples)
            time.sleep(options.every - (time.monotonic() - started) % options.every)
        sample(server, started, samples)
        counts, _ = answers(wrk)
        # The workers still owe answers to the requests queued when wrk stopped (200 clients
        # on two workers without the cache: many seconds under load): wait for those.
        after = {path: status(server.url(path), timeout=300) for path in paths}
    finally:
        server.stop()

    growth, changed = verdict(samples, options.warmup)
    final = samples[-1][1]
    print("answers by status:", counts)
    print(f"{options.clients} clients, {options.seconds} s, {len(final)} workers, "
          f"{len(paths)} addresses, max_requests 0, "
          f"page cache {'on' if options.cache else 'off'}")  # fmt: skip
    print("growth after warm-up: "
          + ", ".join(f"{pid}: {share:+.1%}" for pid, share in sorted(growth.items())))  # fmt: skip
    if changed:
        print(f"workers replaced during the run: {sorted(changed)}")
    heaviest = max(pss for _, pss, _ in final.values())
    print(f"largest worker PSS at the end: {heaviest:.1f} MB"
          + (f" (limit {options.pss_limit:.0f})" if options.pss_limit else ""))  # fmt: skip
    late = counts.pop("timeouts", 0)
    if late:
        print(f"requests wrk gave up on after 20 s (queued, not refused): {late}")
    good = (
        set(counts) == {200}
        and set(after.values()) == {200}
        and not changed
        and max(growth.values()) <= GROWTH_ALLOWED
        and (options.pss_limit is None or heaviest <= options.pss_limit)
    )
    print("Memory flat, no error." if good else "FAILED.")
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
