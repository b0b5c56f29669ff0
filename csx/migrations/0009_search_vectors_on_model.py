"""SearchEntry declares the search vectors that 0003 and 0007 made in raw SQL.

PostgreSQL has had these columns and GIN indexes since then, under the same names and
definitions, so only Django's picture of the schema changes there. SQLite gets the columns
too (an empty string: it searches its FTS5 table), because the model's queries select every
column. SQLite cannot add a stored column, so Django rebuilds the table, which drops the FTS5
triggers of 0003: they are made again, after the rebuild in either direction.
"""

import importlib

import django.contrib.postgres.search
from django.db import migrations, models
from django.db.migrations.operations.base import Operation

import csx.models.search

SEARCH_INDEX = importlib.import_module("csx.migrations.0003_search_index")
TRIGGERS = [
    *(statement for statement in SEARCH_INDEX.SQLITE_REVERSE if "TRIGGER" in statement),
    *(statement for statement in SEARCH_INDEX.SQLITE if "TRIGGER" in statement),
]


class OnSqlite(Operation):
    """`operation`'s schema change, made on SQLite only; its state change counts everywhere."""

    def __init__(self, operation):
        self.operation = operation

    def state_forwards(self, app_label, state):
        self.operation.state_forwards(app_label, state)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "sqlite":
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "sqlite":
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{self.operation.describe()} (on SQLite only)"


VECTOR = migrations.AddField(
    model_name="searchentry",
    name="vector",
    field=models.GeneratedField(
        db_persist=True,
        expression=csx.models.search.WeightedVector("title", "summary", "keywords", "body"),
        output_field=django.contrib.postgres.search.SearchVectorField(),
    ),
)
HEAD = migrations.AddField(
    model_name="searchentry",
    name="head",
    field=models.GeneratedField(
        db_persist=True,
        expression=csx.models.search.WeightedVector("title", "summary", "keywords"),
        output_field=django.contrib.postgres.search.SearchVectorField(),
    ),
)


class Migration(migrations.Migration):
    dependencies = [("csx", "0008_move_paths_to_their_app")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                VECTOR,
                HEAD,
                migrations.AddIndex(
                    model_name="searchentry",
                    index=csx.models.search.VectorIndex(
                        fields=["vector"], name="csx_searchentry_vector"
                    ),
                ),
                migrations.AddIndex(
                    model_name="searchentry",
                    index=csx.models.search.VectorIndex(fields=["head"], name="csx_searchentry_head"),
                ),
            ],
            database_operations=[
                OnSqlite(migrations.RunSQL(migrations.RunSQL.noop, TRIGGERS)),
                OnSqlite(VECTOR),
                OnSqlite(HEAD),
                OnSqlite(migrations.RunSQL(TRIGGERS, migrations.RunSQL.noop)),
            ],
        ),
    ]
