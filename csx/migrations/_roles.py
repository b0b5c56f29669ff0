"""What the migrations do to roles and review dates, frozen here as they were written.

Migrations run against the models as they were at each step, so they never import live
project code (which changes): what several of them share lives in this module, which the
migration loader skips (its name starts with "_") and which is never changed once a
migration uses it. The live names of the roles are in csx/editorial/permissions.py.
"""

from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
PUBLISHERS = "Publishers"
PUBLISH = "csx.publish_content"


def make_permissions(apps):
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, group, codenames):
    """Give `group` (a name) each permission in `codenames`, "app_label.codename"."""
    make_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    holder, _ = Group.objects.get_or_create(name=group)
    for codename in codenames:
        app_label, name = codename.split(".")
        holder.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=name)
        )


def grant_editors(apps, models, actions=("add", "change", "delete", "view")):
    """Give the Editors group `actions` on each (app_label, model_name) in `models`, and
    the Publishers group too once it exists (csx/migrations/0015): publishers curate as
    editors do."""
    codenames = [
        f"{app_label}.{action}_{model}" for app_label, model in models for action in actions
    ]
    grant(apps, EDITORS, codenames)
    if apps.get_model("auth", "Group").objects.filter(name=PUBLISHERS).exists():
        grant(apps, PUBLISHERS, codenames)


def revoke_editors(apps, models, actions=("add", "change", "delete", "view")):
    """Take `actions` on each (app_label, model_name) in `models` from the Editors group."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        for app_label, model in models:
            # By id: a migration's historical models need not be the group's own classes.
            editors.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model}" for action in actions],
                ).values_list("pk", flat=True)
            )


def date_published(model, interval):
    """For the migrations that brought review dates: each published item of `model` (a
    historical model) counts as reviewed when it was published and is due `interval` later,
    so items published long ago fall due at once."""
    for item in model.objects.filter(status="published", published_at__isnull=False):
        item.reviewed_on = item.published_at.date()
        item.review_by = item.reviewed_on + interval
        item.save(update_fields=["reviewed_on", "review_by"])
