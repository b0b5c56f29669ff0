"""What gunicorn's master loads before the fork (csx/serving/preload.py): everything the
workers would load at their first requests, without touching the database."""

import gc
import logging

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
