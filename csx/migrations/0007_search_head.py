"""PostgreSQL: a second, small vector of title, summary and keywords only, so that search
can find the entries that match there without reading every body (see csx/search)."""

from django.db import migrations

POSTGRESQL = [
    """ALTER TABLE csx_searchentry ADD COLUMN head tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', summary), 'B')
        || setweight(to_tsvector('english', keywords), 'C')
    ) STORED""",
    "CREATE INDEX csx_searchentry_head ON csx_searchentry USING gin (head)",
]
POSTGRESQL_REVERSE = ["ALTER TABLE csx_searchentry DROP COLUMN IF EXISTS head"]


def run_for_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("csx", "0006_editors_paths")]

    operations = [
        migrations.RunPython(run_for_postgresql(POSTGRESQL), run_for_postgresql(POSTGRESQL_REVERSE))
    ]
