"""Editors build onboarding paths: every action on paths and their items."""

from django.db import migrations

from csx.migrations._roles import EDITORS, grant_editors

PATH_MODELS = [("csx", "path"), ("csx", "pathitem")]
ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    grant_editors(apps, PATH_MODELS, actions=ACTIONS)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="csx",
                codename__in=[f"{action}_{model}" for _, model in PATH_MODELS for action in ACTIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("csx", "0005_paths"),
        ("csx", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
