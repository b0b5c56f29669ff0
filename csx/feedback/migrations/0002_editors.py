"""Editors moderate shared stories, read feedback and work verification tasks. Readers make
all three, so editors never add them."""

from django.db import migrations

from csx.migrations._roles import grant_editors, revoke_editors

GRANTS = {
    "submission": ("view", "change", "delete"),
    "feedback": ("view", "delete"),
    "verificationtask": ("view", "change"),
}


def grant(apps, schema_editor):
    for model, actions in GRANTS.items():
        grant_editors(apps, [("feedback", model)], actions=actions)


def revoke(apps, schema_editor):
    for model, actions in GRANTS.items():
        revoke_editors(apps, [("feedback", model)], actions=actions)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("csx", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
