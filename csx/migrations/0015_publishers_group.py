"""The Publishers group: everything the Editors group may do, and publishing.

Later migrations that grant the Editors group something grant it to Publishers as well
(csx/migrations/_roles.py, grant_editors).
"""

from django.db import migrations

from csx.migrations._roles import EDITORS, PUBLISH, PUBLISHERS, grant


def create_publishers_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    grant(apps, PUBLISHERS, [PUBLISH])
    Group.objects.get(name=PUBLISHERS).permissions.add(*editors.permissions.all())


def remove_publishers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=PUBLISHERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("csx", "0014_workflow"),
        ("csx", "0006_editors_paths"),
        ("paths", "0004_review_statuses_and_take_down"),
    ]

    operations = [migrations.RunPython(create_publishers_group, remove_publishers_group)]
