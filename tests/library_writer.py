"""A process that writes to a library while it is backed up, and what a library holds.

    DATABASE_URL=... python -m tests.library_writer write STATES STOP
    DATABASE_URL=... python -m tests.library_writer dump

`write` adds one story after another, each with its tags and principles in one transaction
(the story, taggit's rows, the search index: several tables at once), and after each commit
appends what every table then holds to STATES, one JSON line per state, the first before
any write; it stops when the file STOP exists. `dump` prints what every table holds. Both
read the tables with SQL, not the models: every table, Django's, taggit's and the search
index's included. Used by tests/csx/test_backup.py.
"""

import json
import os
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent


def dump():
    """{table: its rows, each as repr(), sorted} for every table in the database."""
    from django.db import connection

    def value(cell):
        return bytes(cell) if isinstance(cell, memoryview) else cell

    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        held = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            held[table] = sorted(repr(tuple(map(value, row))) for row in cursor.fetchall())
    return held


def write(states, stop):
    from django.db import transaction

    from principles.models import Principle
    from tests.factories import make_story

    principles = list(Principle.objects.all()[:2])
    with Path(states).open("w") as file:
        written = 0
        while True:
            file.write(json.dumps(dump()) + "\n")
            file.flush()
            if Path(stop).exists():
                return
            written += 1
            with transaction.atomic():
                make_story(
                    title=f"Written while backing up {written}",
                    slug=f"written-while-backing-up-{written}",
                    tags=[f"written-{written}", "while-serving"],
                    principles=principles,
                )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csx.settings")
    django.setup()
    if sys.argv[1] == "write":
        write(*sys.argv[2:4])
    else:
        print(json.dumps(dump()))
