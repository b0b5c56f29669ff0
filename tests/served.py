"""The site served as in production, for tests that need more than one process: gunicorn
with N workers and the page cache on, over a SQLite file of the test's own (tests start and
stop it; nothing is shared with the test's own database)."""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import django
from django.apps import apps
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
        with error:  # it holds the socket open until closed or collected
            return error.code, error.headers, error.read().decode()


def site_env(folder, **env):
    """The environment of a site whose database and caches live in `folder`."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS"))},
        "DJANGO_SETTINGS_MODULE": "tests.served_settings",
        "DATABASE_URL": f"sqlite:///{folder}/site.sqlite3",
        "DJANGO_CACHE_DIR": str(Path(folder) / "cache"),
        **env,
    }


def manage(env, *command):
    done = subprocess.run(
        [sys.executable, "manage.py", *command], env=env, cwd=ROOT,
        check=True, timeout=300, capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout


@cache
def migrations_key():
    """A digest of every installed app's migration files and Django's version: what a
    migrated database holds depends on nothing else."""
    digest = hashlib.sha256(django.get_version().encode())
    for app in apps.get_app_configs():
        for file in sorted(Path(app.path).glob("migrations/*.py")):
            digest.update(f"{app.label}/{file.name}".encode() + file.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def template_held(name):
    """The template `name` (a migrated database), held by this process until the block ends
    (a file lock of its own: the first process builds it while the others wait); the folder
    that holds such files."""
    folder = Path(tempfile.gettempdir()) / "csx-test-templates"
    folder.mkdir(exist_ok=True)
    with (folder / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder


@cache
def migrated_database():
    """A SQLite file migrated once for these migrations, shared by every test process and
    run of this machine: every site (and every worker's test database: tests/migrated.py)
    starts from a copy, since migrating costs seconds of CPU and gives the same file each
    time."""
    name = f"served-{migrations_key()}"
    with template_held(name) as folder:
        template = folder / f"{name}.sqlite3"
        if not template.exists():
            building = Path(tempfile.mkdtemp(prefix="csx-served-", dir=folder))
            manage(site_env(building), "migrate", "-v", "0")
            (building / "site.sqlite3").rename(template)  # whole, or not at all
            shutil.rmtree(building, ignore_errors=True)
    return template


class Site:
    """A migrated SQLite file in `folder`; `manage()` runs commands on it, `serve()` starts
    gunicorn on it. `env` adds settings (REDIS_URL, say)."""

    def __init__(self, folder, **env):
        self.env = site_env(folder, **env)
        shutil.copyfile(migrated_database(), Path(folder) / "site.sqlite3")

    def manage(self, *command):
        return manage(self.env, *command)

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
