"""The site served as in production, for tests that need more than one process: gunicorn
with N workers and the page cache on, over a SQLite file of the test's own (tests start and
stop it; nothing is shared with the test's own database)."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

from bench.cluster import free_port

ROOT = Path(settings.BASE_DIR)


def answer(url, method="GET"):
    """(status, headers, body) of one request; an HTTP error is an answer too."""
    request = urllib.request.Request(url, method=method)  # noqa: S310 - our own loopback
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class Site:
    """A migrated SQLite file in `folder`; `manage()` runs commands on it, `serve()` starts
    gunicorn on it. `env` adds settings (REDIS_URL, say)."""

    def __init__(self, folder, **env):
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS"))},
            "DJANGO_SETTINGS_MODULE": "tests.served_settings",
            "DATABASE_URL": f"sqlite:///{folder}/site.sqlite3",
            "DJANGO_CACHE_DIR": str(Path(folder) / "cache"),
            **env,
        }
        self.manage("migrate", "-v", "0")

    def manage(self, *command):
        done = subprocess.run(
            [sys.executable, "manage.py", *command], env=self.env, cwd=ROOT,
            check=True, timeout=300, capture_output=True, text=True,
        )  # fmt: skip
        return done.stdout

    def serve(self, workers, **env):
        return Server(self, workers, env)


class Server:
    def __init__(self, site, workers, env):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "csx.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--access-logfile", "/dev/null"],
            env={**site.env, **env}, cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def __enter__(self):
        for _ in range(200):
            try:
                answer(f"{self.base}/healthz")
                return self
            except OSError:
                time.sleep(0.05)  # gunicorn is still starting
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)

    def get(self, path):
        return answer(self.base + path)
