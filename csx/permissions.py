"""The Editors group's permissions, granted from migrations as new content types arrive."""

from django.contrib.auth.management import create_permissions

EDITORS = "Editors"


def grant_editors(apps, models, actions=("add", "change", "delete", "view")):
    """Give the Editors group `actions` on each (app_label, model_name) in `models`."""
    # Permissions are normally made after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    for app_label, model in models:
        for action in actions:
            editors.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
            )


def revoke_editors(apps, models, actions):
    """Take `actions` on each (app_label, model_name) in `models` back from the Editors."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        for app_label, model in models:
            editors.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )
