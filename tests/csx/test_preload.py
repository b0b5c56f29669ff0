"""What gunicorn's master loads before the fork (csx/serving/preload.py): everything the
workers would load at their first requests, without touching the database."""

import gc
import logging
import os
import runpy
from pathlib import Path
from types import SimpleNamespace

from django.db.backends.signals import connection_created

from csx.serving import preload


def test_before_fork_opens_no_database_connection():
    # No `db` mark: any query here fails the test. A connection made in the master would be
    # inherited by every worker.
    opened = []

    def record(sender, connection, **kwargs):
        opened.append(connection.alias)

    connection_created.connect(record)
    try:
        preload.before_fork()
    finally:
        gc.unfreeze()
        connection_created.disconnect(record)
    assert opened == []


def test_every_site_template_compiles_before_the_fork(caplog):
    names = preload.site_templates()
    with caplog.at_level(logging.INFO, logger="csx.serving.preload"):
        preload.compile_templates(names)
    assert "base.html" in names
    assert caplog.messages == []


def test_the_urlconfs_lookups_for_reversing_are_built_before_the_fork(settings):
    from django.urls import clear_url_caches, get_resolver

    clear_url_caches()  # as a new process finds it
    try:
        preload.before_fork()
    finally:
        gc.unfreeze()
    # Built for the language every request is served in: no worker builds its own.
    assert settings.LANGUAGE_CODE in get_resolver()._reverse_dict


def resident_mb():
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_a_worker_gives_back_the_heap_its_requests_freed_every_trim_every_requests():
    hooks = runpy.run_path(str(Path(__file__).parents[2] / "gunicorn.conf.py"))
    blocks = [bytes(1000) for _ in range(50_000)]  # 50 MB in the heap (past pymalloc's 512)
    pinned = bytes(1000)  # above them: the heap cannot shrink from its top
    del blocks  # freed, and still resident
    before = resident_mb()
    hooks["post_request"](SimpleNamespace(nr=preload.TRIM_EVERY - 1), None, None, None)
    kept = resident_mb()
    hooks["post_request"](SimpleNamespace(nr=preload.TRIM_EVERY), None, None, None)
    after = resident_mb()
    assert before - kept < 5  # between trims, nothing is given back
    assert before - after > 30
    assert pinned
