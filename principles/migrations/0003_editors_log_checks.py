"""Editors record checks of statistics: they add entries to the verification log and see it,
but never change or delete one (the log is a record)."""

from django.db import migrations

from csx.permissions import EDITORS, grant_editors

CHECKS = [("principles", "verificationcheck")]
ACTIONS = ("add", "view")


def grant(apps, schema_editor):
    grant_editors(apps, CHECKS, actions=ACTIONS)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="principles",
                codename__in=[f"{action}_verificationcheck" for action in ACTIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("principles", "0002_evidence_and_review_dates"),
        ("csx", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
