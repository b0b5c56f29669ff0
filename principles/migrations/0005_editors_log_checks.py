"""Editors record checks of statistics: they add entries to the verification log and see it,
but never change or delete one (the log is a record)."""

from django.db import migrations

from csx.migrations._roles import grant_editors, revoke_editors

CHECKS = [("principles", "verificationcheck")]
ACTIONS = ("add", "view")


def grant(apps, schema_editor):
    grant_editors(apps, CHECKS, actions=ACTIONS)


def revoke(apps, schema_editor):
    revoke_editors(apps, CHECKS, actions=ACTIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("principles", "0004_states_need_their_evidence"),
        ("csx", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
