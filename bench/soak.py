"""A soak: many clients for many minutes with worker recycling off, and each worker's memory.

    python bench/soak.py [--clients 200] [--seconds 600] [--warmup 60] [--every 15] [--cache]

wrk puts `--clients` connections on the mix of bench/load.py (one page of every public type)
for `--seconds`, on gunicorn with production settings, two workers and `--max-requests 0`
(gunicorn.conf.py recycles workers in production, which would hide growth instead of
showing it). Every `--every` seconds it records each worker's resident memory (RSS, judged),
its share of the pages it shares (PSS) and its own (USS), and the load average. The RSS
at the end of `--warmup` is each worker's baseline; the run fails
(exit 1) when a worker grows more than 10% over it, when a worker was replaced (recycling
is off: only a crash or a timeout replaces one) or when any answer is not a 200. Requests
wrk gives up on (20 s: 200 clients queue on two uncached workers, longer on a busy machine)
are counted apart, not failures: what the soak judges is memory, and the server's answers.

The page cache is off unless `--cache`: every request draws its page, so whatever drawing
keeps is seen (a cached page is a lookup). `make bench-soak` runs this on the seed
(SOAK_SECONDS, SOAK_CLIENTS). A benchmark, not a test.
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


def sample(server, started, samples):
    memory, load = worker_memory(server), os.getloadavg()[0]
    samples.append((time.monotonic() - started, {pid: mb[0] for pid, mb in memory.items()}, load))
    sizes = "  ".join(
        f"{pid}: {rss:6.1f} MB RSS {pss:6.1f} PSS {uss:6.1f} USS"
        for pid, (rss, pss, uss) in sorted(memory.items())
    )
    print(f"{samples[-1][0]:5.0f} s  {sizes}  load {load:.1f}", flush=True)


def verdict(samples, warmup):
    """(growth per worker pid over its baseline, pids that came or went after warm-up)."""
    baseline = next(rss for at, rss, _ in samples if at >= warmup)
    after = [rss for at, rss, _ in samples if at >= warmup]
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
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cache", action="store_true", help="DJANGO_PAGE_CACHE=1")
    options = parser.parse_args()
    if options.warmup >= options.seconds:
        sys.exit("--warmup must be shorter than --seconds")

    django.setup()
    from bench.pages import Server, pages  # needs Django set up

    paths = list(pages().values())
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
    print("answers by status:", counts)
    print(f"{options.clients} clients, {options.seconds} s, {options.workers} workers, "
          f"max_requests 0, page cache {'on' if options.cache else 'off'}")  # fmt: skip
    print("growth after warm-up: "
          + ", ".join(f"{pid}: {share:+.1%}" for pid, share in sorted(growth.items())))  # fmt: skip
    if changed:
        print(f"workers replaced during the run: {sorted(changed)}")
    late = counts.pop("timeouts", 0)
    if late:
        print(f"requests wrk gave up on after 20 s (queued, not refused): {late}")
    good = (
        set(counts) == {200}
        and set(after.values()) == {200}
        and not changed
        and max(growth.values()) <= GROWTH_ALLOWED
    )
    print("Memory flat, no error." if good else "FAILED.")
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
