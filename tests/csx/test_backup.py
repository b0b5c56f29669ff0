"""A backup restores to an identical library: every row of every table (tags, slug history,
withdrawals, users, the search index) and the same search results.

Backups read committed data (pg_dump is another connection; SQLite refuses to restore into a
connection inside a transaction), so these tests commit for real and put the migrations'
rows (the Editors group, content types) back afterwards.
"""

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from csx import search
from csx.models import SearchEntry, SlugHistory, Withdrawal
from csx.serving.backup import SIGNATURES
from stories.models import Story
from tests.connections import others_let_go
from tests.factories import make_story

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

QUERIES = ["giraffe", "refund", "zappos", "nordstorm", "empathy"]


def snapshot():
    """Every row of every table the project's models know (through tables included), binary
    columns as their bytes (PostgreSQL gives a memoryview, whose repr is its address)."""
    return {
        model._meta.label: sorted(
            repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row))
            for row in model.objects.order_by("pk").values_list()
        )
        for model in apps.get_models(include_auto_created=True)
    }


def results():
    return {
        query: [(r.kind, r.title, r.url) for r in search.search(query).results] for query in QUERIES
    }


@pytest.fixture
def library(seeded):
    """The seed, with a renamed story, a withdrawn one and an editor's tag."""
    renamed = Story.objects.get(slug="ritz-carlton-joshie-the-giraffe")
    renamed.slug = "joshie-the-giraffe"
    renamed.save()
    withdrawn = Story.objects.exclude(pk=renamed.pk).first()
    withdrawn.status = "draft"
    withdrawn.save()
    make_story(title="Tagged late", tags=["late-tag", "giraffe"])
    assert SlugHistory.objects.exists() and Withdrawal.objects.exists()
    return snapshot(), results()


def test_a_backup_restores_every_row_and_the_search_index(library, tmp_path):
    before, found = library
    path = tmp_path / "library.backup"
    call_command("backup", str(path))
    # The library changes a great deal after the backup...
    Story.objects.get(slug="joshie-the-giraffe").tags.clear()
    Story.objects.filter(status="published").exclude(slug="joshie-the-giraffe").delete()
    make_story(title="Written after the backup")
    assert snapshot() != before
    # ...and the restore brings back exactly what was backed up.
    call_command("restore", str(path), interactive=False)
    assert snapshot() == before
    assert results() == found
    assert SearchEntry.objects.filter(title="Written after the backup").exists() is False


def test_a_backup_file_has_the_databases_own_format(library, tmp_path):
    path = tmp_path / "library.backup"
    call_command("backup", str(path))
    assert path.read_bytes().startswith(SIGNATURES[connection.vendor])


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a backup")
    with pytest.raises(CommandError, match="is not a backup of a"):
        call_command("restore", str(path), interactive=False)


@pytest.fixture
def libraries(library, tmp_path):
    """DATABASE_URLs of a copy of the test's library (for the site to write to while it is
    backed up) and of an empty database (to restore into), made apart from the code under
    test: SQLite's own backup API; PostgreSQL's createdb with the test database as template."""
    if connection.vendor == "sqlite":
        live = tmp_path / "live.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(live)
        connection.connection.backup(target)
        target.close()
        yield f"sqlite:///{live}", f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    db = connection.settings_dict
    host, port, user = db["HOST"] or "127.0.0.1", str(db["PORT"] or 5432), db["USER"]
    where = ["-h", host, "-p", port, "-U", user]
    live, fresh = f"{db['NAME']}_live", f"{db['NAME']}_fresh"
    others_let_go(wait=0)  # a template database must have no one connected: not the live
    connection.close()  # server's threads (browser tests before this one), not this test
    try:
        subprocess.run(["createdb", *where, "-T", db["NAME"], live], check=True)
        subprocess.run(["createdb", *where, fresh], check=True)
        yield tuple(f"postgres://{user}@{host}:{port}/{name}" for name in (live, fresh))
    finally:
        for name in (live, fresh):
            subprocess.run(["dropdb", *where, "--force", "--if-exists", name], check=True)


def test_a_backup_taken_while_the_library_takes_writes_restores_as_it_was_then(libraries, tmp_path):
    """`manage.py backup` while another process adds stories (each a transaction over
    several tables), then `manage.py restore` into an empty database: every table holds,
    row for row, what the library held at one moment while the backup ran."""
    live, fresh = libraries
    root = Path(__file__).resolve().parent.parent.parent
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "csx.settings", "DJANGO_DEBUG": "1",
           "DJANGO_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
    states, stop, backup = tmp_path / "states", tmp_path / "stop", tmp_path / "library.backup"

    def states_written():
        return states.read_text().count("\n") if states.exists() else 0

    def run(url, *command):
        url_env = {**env, "DATABASE_URL": url}
        done = subprocess.run(
            [sys.executable, *command], cwd=root, env=url_env, capture_output=True
        )
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout.decode()

    writing = ["-m", "tests.library_writer", "write", str(states), str(stop)]
    writer = subprocess.Popen([sys.executable, *writing], cwd=root,
                              env={**env, "DATABASE_URL": live})  # fmt: skip
    try:
        while states_written() < 3:  # the library before any write, and two writes
            assert writer.poll() is None, "the writer stopped"
            time.sleep(0.05)
        first = states_written() - 1  # the earliest state the backup can hold
        run(live, "manage.py", "backup", str(backup))
        last = states_written()  # the latest: its write may have been committed, not dumped
        while states_written() < last + 2:
            assert writer.poll() is None, "the writer stopped"
            time.sleep(0.05)
    finally:
        stop.touch()
        writer.wait(timeout=60)

    run(fresh, "manage.py", "restore", "--noinput", str(backup))
    restored = json.loads(run(fresh, "-m", "tests.library_writer", "dump"))
    held = [json.loads(line) for line in states.read_text().splitlines()]
    assert len({json.dumps(state) for state in held}) == len(held)  # each write changed it
    assert restored in held[first : last + 1]
