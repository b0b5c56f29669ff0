"""The Editors group: exactly the permissions needed to curate content, nothing more."""

from django.db import migrations

from csx.migrations._roles import EDITORS, grant_editors

# Every action on these models; user and group management stay with superusers.
EDITABLE_MODELS = [
    ("csx", "source"),
    ("stories", "company"),
    ("stories", "story"),
    ("principles", "principle"),
    ("principles", "practice"),
    ("principles", "statistic"),
    ("principles", "resource"),
    ("taggit", "tag"),
    ("taggit", "taggeditem"),
]


def create_editors_group(apps, schema_editor):
    grant_editors(apps, EDITABLE_MODELS)
    grant_editors(apps, [("csx", "slughistory")], actions=["view"])


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("csx", "0001_initial"),
        ("stories", "0001_initial"),
        ("principles", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
