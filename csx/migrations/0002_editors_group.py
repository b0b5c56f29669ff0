"""The Editors group: exactly the permissions needed to curate content, nothing more."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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
VIEW_ONLY_MODELS = [("csx", "slughistory")]


def create_editors_group(apps, schema_editor):
    # Permissions are normally made after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    codenames = [
        (app, f"{action}_{model}")
        for app, model in EDITABLE_MODELS
        for action in ("add", "change", "delete", "view")
    ] + [(app, f"view_{model}") for app, model in VIEW_ONLY_MODELS]
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in codenames
    ]
    editors.permissions.set(permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


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
