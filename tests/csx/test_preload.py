"""What gunicorn's master loads before the fork (csx/serving/preload.py): everything the
workers would load at their first requests, without touching the database."""

import gc
import logging

from django.db import connections

from csx.serving import preload


def test_before_fork_opens_no_database_connection():
    # No `db` mark: any query here fails the test; and nothing is left open to be inherited.
    try:
        preload.before_fork()
    finally:
        gc.unfreeze()
    assert [alias for alias in connections if connections[alias].connection] == []


def test_every_site_template_compiles_before_the_fork(caplog):
    names = preload.site_templates()
    with caplog.at_level(logging.INFO, logger="csx.serving.preload"):
        preload.compile_templates(names)
    assert "base.html" in names
    assert caplog.messages == []
