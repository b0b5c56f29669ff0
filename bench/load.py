"""Load over a mix of every public page type, and the database stopped under it.

    python bench/load.py [--clients 50] [--seconds 60] [--no-cache]
    python bench/load.py --outage [postgresql|redis|receivers|store|lrs]
                         [--clients 50] [--seconds 45]

The mix: wrk with `--clients` connections for `--seconds`, each connection cycling through
one page of every public type (the pages `make bench` measures) on gunicorn with production
settings and two workers; it prints the answers by status and says whether any was an error.

--outage: the same against a private PostgreSQL (bench/cluster.py) holding the seed, with
the page cache off so that every request needs the database. PostgreSQL is stopped a third
of the way in and started again at two thirds. Every answer must be a 200 or a 503 with
Retry-After, none a 500, and afterwards every page must answer 200 from the same gunicorn.

--outage redis: the mix with the page cache, rate limits and API counts in a private Redis
(REDIS_URL), killed a third of the way in and started again, empty, at two thirds. A cache
is an accelerator: every answer must be a 200, during the outage too, and afterwards from
the same gunicorn.

--outage receivers: the mix with the page cache, beside readers doubting a statistic twice a
second (bench/receivers.py), each doubt emailing the statistic's owner and sending a webhook
through the background worker, while the webhook target and the mail server are closed a
third of the way in and opened at two thirds. Every page and every doubt must be answered
without a 5xx, and within three minutes afterwards every webhook delivered and every email
sent (the retries' back-off: 10 s, 20 s ... for webhooks; 1 min first for mail).

--outage store: the mix and a picture from the library, kept in a real S3-compatible server
(SeaweedFS) that is stopped and started again (bench/store.py).

--outage lrs: the mix beside learners walking a path, their xAPI statements sent by the
worker to a real Learning Record Store (Ralph) that is stopped and started again (bench/lrs.py).

`make bench-load`, `make bench-outage`, `make bench-outage-redis`, `make
bench-outage-receivers`, `make bench-outage-store` and `make bench-outage-lrs` run these.
A benchmark, not a test.
"""

import argparse
import os
import re
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

from bench.cluster import Cluster, Redis  # noqa: E402


def manage(*command):
    subprocess.run([sys.executable, "manage.py", *command, "-v", "0"], cwd=ROOT, check=True)


def status(url, timeout=20):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def start_mix(server, paths, clients, seconds):
    """wrk putting `clients` connections on `paths` for `seconds`, started (read its answers
    with answers())."""
    return subprocess.Popen(
        ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "20s",
         "-s", str(ROOT / "bench" / "mix.lua"), server.url(""), "--", *paths],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip


def answers(wrk):
    """wrk's answers by status ({status: count}, with "socket errors" and "timeouts")
    and the number of 503s without Retry-After, once it has finished."""
    out = wrk.communicate()[0]
    print(out)
    counts = {int(code): int(n) for code, n in re.findall(r"status (\d+): (\d+)", out)}
    missing = int(re.search(r"503 without Retry-After: (\d+)", out).group(1))
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    if sockets:
        connect, read, write, timeout = (int(n) for n in sockets.groups())
        if connect + read + write:
            counts["socket errors"] = connect + read + write
        if timeout:
            counts["timeouts"] = timeout  # wrk gave up waiting (--timeout 20s)
    return counts, missing


def run_mix(server, paths, options, outage=None):
    """wrk's answers (answers()), stopping and starting `outage` (a Cluster or a Redis) on
    the way if given."""
    wrk = start_mix(server, paths, options.clients, options.seconds)
    if outage:
        time.sleep(options.seconds / 3)
        outage.stop()
        print(f"{time.strftime('%H:%M:%S')} {outage.name} stopped", flush=True)
        time.sleep(options.seconds / 3)
        outage.start()
        print(f"{time.strftime('%H:%M:%S')} {outage.name} started", flush=True)
    return answers(wrk)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=None, help="60, or 45 with --outage")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-cache", action="store_true", help="DJANGO_PAGE_CACHE=0")
    parser.add_argument(
        "--outage",
        nargs="?",
        const="postgresql",
        choices=["postgresql", "redis", "receivers", "store", "lrs"],
    )
    options = parser.parse_args()
    options.seconds = options.seconds or (45 if options.outage else 60)

    if options.outage == "receivers":
        sys.exit(0 if receivers_outage(options) else 1)
    if options.outage == "store":
        from bench.store import store_outage

        sys.exit(0 if store_outage(options, run_mix, status) else 1)
    if options.outage == "lrs":
        from bench.lrs import lrs_outage

        sys.exit(0 if lrs_outage(options, run_mix, status) else 1)
    cluster = {"postgresql": Cluster, "redis": Redis}[options.outage]() if options.outage else None
    server = None
    env = {}
    try:
        if options.outage == "postgresql":
            cluster.start()
            cluster.create_database()
            os.environ["DATABASE_URL"] = cluster.url
            manage("migrate", "--noinput")
            manage("load_seed")
        elif options.outage == "redis":
            cluster.start()
            env["REDIS_URL"] = cluster.url
        django.setup()
        from bench.pages import Server, pages  # needs Django set up, on the right database

        paths = list(pages().values())
        # Without Redis the PostgreSQL outage measures the database alone: every request
        # needs it. The Redis outage measures the page cache, so it is on.
        cache = "0" if options.no_cache or options.outage == "postgresql" else "1"
        server = Server("site", "csx.settings", options.workers, DJANGO_PAGE_CACHE=cache, **env)
        processes = server.processes()
        counts, missing = run_mix(server, paths, options, outage=cluster)
        after = {path: status(server.url(path)) for path in paths}
        memory = server.worker_memory()
        kept = server.processes() == processes
    finally:
        if server:
            server.stop()
        if cluster:
            cluster.remove()

    print("answers by status:", counts)
    print("worker memory after the load: " + ", ".join(f"{mb:.0f} MB" for mb in memory))
    print("every page afterwards:", "200" if set(after.values()) == {200} else after)
    if options.outage == "postgresql":
        good = set(counts) <= {200, 503} and missing == 0 and set(after.values()) == {200}
        print(
            f"503s: {counts.get(503, 0)} (all with Retry-After: {missing == 0}); "
            f"500s: {counts.get(500, 0)}; gunicorn not restarted: {kept}"
        )
    else:
        good = set(counts) == {200} and set(after.values()) == {200}
        if options.outage:
            print(f"500s: {counts.get(500, 0)}; gunicorn not restarted: {kept}")
    print("No error." if good else "ERRORS.")
    sys.exit(0 if good else 1)


def receivers_outage(options):
    """The page mix and readers' doubts while the webhook target and the mail server are
    away; True when nothing answered 5xx and everything was sent once they were back."""
    django.setup()
    from bench.cluster import free_port
    from bench.pages import pages, site_with_worker
    from bench.receivers import Doubters, Receivers, wait_for
    from csx.api.models import Delivery
    from csx.models import Notification

    receivers = Receivers(free_port(), free_port())
    statistic, owner = receivers_setup(receivers.url)
    made = Delivery.objects.filter(subscription__url=receivers.url)
    notifications = Notification.objects.filter(recipient=owner)
    env = {"DJANGO_PAGE_CACHE": "1", "CSX_WEBHOOKS_ALLOW_PRIVATE": "1",
           "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
           "DJANGO_EMAIL_HOST": "127.0.0.1", "DJANGO_EMAIL_PORT": str(receivers.mail_port),
           "DJANGO_BEHIND_PROXY": "1"}  # fmt: skip
    try:
        receivers.start()
        with site_with_worker(options.workers, **env) as server:
            processes, paths = server.processes(), list(pages().values())
            doubters = Doubters(server, statistic.pk)
            doubters.start()
            counts, _ = run_mix(server, paths, options, outage=receivers)
            doubters.stop()
            after = {path: status(server.url(path)) for path in paths}
            kept = server.processes() == processes
            sent = wait_for(
                lambda: (
                    not made.exclude(status=Delivery.Status.DELIVERED).exists()
                    and not notifications.filter(emailed_at=None).exists()
                ),
                180,
            )
    finally:
        receivers.remove()
    doubts = {answer: doubters.statuses.count(answer) for answer in set(doubters.statuses)}
    print("pages by status:", counts)
    print("doubts by status:", doubts)
    print(f"webhooks: {made.count()} queued, {made.filter(status='delivered').count()} "
          f"delivered, {len(receivers.webhook_ids)} distinct ids received")  # fmt: skip
    print(f"emails: {notifications.count()} notifications, "
          f"{notifications.exclude(emailed_at=None).count()} emailed, "
          f"{len(receivers.emails)} received by the mail server")  # fmt: skip
    print("every page afterwards:", "200" if set(after.values()) == {200} else after)
    good = (
        set(counts) == {200} and set(doubts) <= {302} and sent
        and set(after.values()) == {200} and kept
    )  # fmt: skip
    print("No error." if good else "ERRORS.")
    return good


def receivers_setup(target):
    """A statistic whose owner is emailed at once, and a webhook subscription to `target`
    for readers' feedback: (statistic, owner)."""
    from django.contrib.auth import get_user_model

    from csx.api.models import Subscription
    from csx.models import Notification
    from principles.models import Statistic

    owner, _ = get_user_model().objects.update_or_create(
        username="bench-owner", defaults={"email": "owner@bench.example", "is_staff": True}
    )
    statistic = Statistic.objects.published().order_by("pk").first()
    Statistic.objects.filter(pk=statistic.pk).update(owner=owner)
    Notification.objects.filter(recipient=owner).delete()
    Subscription.objects.filter(note="bench").delete()
    Subscription.objects.create(url=target, events=["feedback.received"], note="bench")
    return statistic, owner


if __name__ == "__main__":
    main()
