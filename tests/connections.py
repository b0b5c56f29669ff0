"""Other sessions on the test database (PostgreSQL). The live server's threads keep their
connections (CONN_MAX_AGE), its own thread for the whole run; a database somebody is
connected to can be neither dropped nor copied as a template."""

import time

from django.db import connection

OTHERS = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"


def others_let_go(wait=5.0):
    """Wait up to `wait` seconds for the other sessions on the test database to close, then
    end any left."""
    with connection.cursor() as cursor:
        for _ in range(round(wait / 0.1)):
            cursor.execute(f"SELECT count(*) {OTHERS}")  # noqa: S608 - no input in it
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)
        cursor.execute(f"SELECT pg_terminate_backend(pid) {OTHERS}")  # noqa: S608
