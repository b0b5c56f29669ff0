"""The roles a migration made, for tests that start from emptied tables.

A transactional test (the live server's, the worker's) ends by emptying every table: the
groups the migrations made go with it, and after a serialized-rollback test (whose flush
makes nothing again) so do the permissions and content types. A test after one of those asks
for a role here and gets the group with its reach; what each role holds exactly is
tests/csx/test_roles.py's.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from csx.editorial.permissions import MANAGING_EDITORS

CURATED = ["csx", "stories", "principles", "paths", "taggit", "feedback"]
TEAM = ["add_user", "change_user", "view_user", "view_group"]


def role(name):
    """The group called `name` (Editors, Publishers, or Managing editors) as migrated, or,
    when a flush took it (or its permissions), one with the same reach."""
    if not Permission.objects.filter(codename="publish_content").exists():
        ContentType.objects.clear_cache()
        for app_config in apps.get_app_configs():
            create_permissions(app_config, verbosity=0)
    group, made = Group.objects.get_or_create(name=name)
    if not made and group.permissions.exists():
        return group
    curated = Permission.objects.filter(content_type__app_label__in=CURATED)
    grants = {
        "Editors": curated.exclude(codename="publish_content"),
        "Publishers": curated,
        MANAGING_EDITORS: Permission.objects.filter(
            content_type__app_label="auth", codename__in=TEAM
        ),
    }[name]
    group.permissions.set(grants)
    return group
