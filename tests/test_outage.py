"""A real PostgreSQL stopped under the site: pages answer 503 with Retry-After, never 500; the
health check says so; started again, pages come back without restarting the app, and a
restart between requests costs readers no error (connections are health-checked).

The test starts its own PostgreSQL cluster (bench/cluster.py: Debian's initdb and pg_ctl, run
as the `postgres` user, on a free port, data under /tmp) and gunicorn with gunicorn.conf.py,
so it runs the same on a developer's machine and in CI, whichever database the suite uses.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from bench.cluster import Cluster, free_port
from tests.served import answer

# The site runs on a database of its own, whatever DATABASE_URL says (pyproject.toml).
pytestmark = pytest.mark.own_site

ROOT = Path(settings.BASE_DIR)


@pytest.fixture(scope="module")
def site():
    """gunicorn (two workers, kept database connections) on a private PostgreSQL."""
    cluster = Cluster()
    server = None
    try:
        cluster.start()
        cluster.create_database()
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS"))},
            "DJANGO_SETTINGS_MODULE": "tests.settings",  # static files without collectstatic
            "DATABASE_URL": cluster.url,
        }
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v", "0"], env=env, cwd=ROOT, check=True, timeout=300)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "csx.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--access-logfile", "/dev/null"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                answer(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.2)
        yield base, cluster
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        cluster.remove()


def statuses(base, paths, times=4):
    """The statuses of each path asked `times` times (so both workers answer)."""
    return {(path, answer(base + path)[0]) for path in paths for _ in range(times)}


PAGES = ["/", "/stories/", "/tags/", "/search/?q=service"]


def test_a_stopped_database_gives_503_with_retry_after_then_pages_come_back(site):
    base, cluster = site
    assert statuses(base, PAGES) == {(path, 200) for path in PAGES}
    cluster.stop()
    try:
        assert statuses(base, PAGES) == {(path, 503) for path in PAGES}
        status, headers, body = answer(base + "/stories/")
        assert headers["Retry-After"] == "30"
        assert "The library is back in a moment" in body
        status, headers, body = answer(base + "/healthz")
        assert status == 503
        assert json.loads(body)["database"] == "unavailable"
        assert answer(base + "/healthz", method="HEAD")[0] == 503
    finally:
        cluster.start()
    assert statuses(base, [*PAGES, "/healthz"]) == {(path, 200) for path in [*PAGES, "/healthz"]}


def test_a_restart_between_requests_costs_readers_no_error(site):
    base, cluster = site
    assert statuses(base, PAGES) == {(path, 200) for path in PAGES}
    cluster.stop()
    cluster.start()
    # Every worker's kept connection died with the server: each is checked, and replaced.
    assert statuses(base, PAGES) == {(path, 200) for path in PAGES}
