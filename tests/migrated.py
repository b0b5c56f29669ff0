"""Each worker's test database starts as a copy of one migrated once per machine and set of
migrations, not migrated again: migrating costs about 15 s of CPU a database (123 migrations,
most of it Django rendering their model states), four times a CI run.

- SQLite: the worker's in-memory database is filled by SQLite's online backup from the
  migrated file the served sites copy (tests/served.py, migrated_database).
- PostgreSQL: the first worker migrates its database and keeps a copy of it as a template
  (csx_template_<digest of the migrations>); the other workers, and later runs, create
  theirs from it (CREATE DATABASE … TEMPLATE), under a file lock of its own.

Everything else pytest-django and Django do (naming, creating and dropping the test
databases, the cache table) is unchanged: only the `migrate` inside create_test_db is."""

import sqlite3
from contextlib import closing
from unittest import mock

from django.core import management
from django.db import connections

from tests import served

TEMPLATE_PREFIX = "csx_template_"


def copy_when_created():
    """Make each connection's create_test_db copy instead of migrating."""
    for connection in connections.all():
        create = connection.creation.create_test_db

        def create_test_db(*args, create=create, connection=connection, **kwargs):
            original = management.call_command

            def call_command(name, *args, **options):
                if name == "migrate" and connection.vendor == "sqlite":
                    return fill_sqlite(connection)
                if name == "migrate" and connection.vendor == "postgresql":
                    return fill_postgresql(connection, lambda: original(name, *args, **options))
                return original(name, *args, **options)

            with mock.patch.object(management, "call_command", call_command):
                return create(*args, **kwargs)

        connection.creation.create_test_db = create_test_db


def fill_sqlite(connection):
    connection.ensure_connection()
    with closing(sqlite3.connect(served.migrated_database())) as source:
        source.backup(connection.connection)


def fill_postgresql(connection, migrate):
    name = connection.settings_dict["NAME"]
    template = f"{TEMPLATE_PREFIX}{served.migrations_key()}"
    with served.template_held(template):
        connection.close()  # CREATE DATABASE … TEMPLATE wants nobody connected to either
        with connection._nodb_cursor() as cursor:
            cursor.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{TEMPLATE_PREFIX}%"]
            )
            templates = {row[0] for row in cursor.fetchall()}
            if template in templates:
                cursor.execute(f'DROP DATABASE "{name}"')
                cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                return
        migrate()
        connection.close()
        with connection._nodb_cursor() as cursor:
            for old in templates:  # made for migrations that have changed since
                cursor.execute(f'DROP DATABASE IF EXISTS "{old}"')
            cursor.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
