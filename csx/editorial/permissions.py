"""The roles, as groups (granted by the migrations, csx/migrations/_roles.py).

Editors write and submit for review; Publishers also approve, publish, schedule, unpublish
and restore, which is one permission, `csx.publish_content`, checked by can_publish();
Managing editors also invite people, deactivate them, and give roles and emails
(can_manage_team(), csx/editorial/admin/team.py), without being superusers.
"""

EDITORS = "Editors"
PUBLISHERS = "Publishers"
PUBLISH = "csx.publish_content"


def can_publish(user):
    return user.has_perm(PUBLISH)


def role_of(user):
    """The role a reader is told someone acted in (a verification check's "who")."""
    return "Publisher" if can_publish(user) else "Editor"


# A managing editor is in Publishers and in this group, which holds the team's permissions.
MANAGING_EDITORS = "Managing editors"
TEAM = ["auth.add_user", "auth.change_user", "auth.view_user"]
ROLES = [EDITORS, PUBLISHERS, MANAGING_EDITORS]  # the groups a managing editor may give
WITH = {MANAGING_EDITORS: [PUBLISHERS]}  # a role given brings these with it


def can_manage_team(user):
    """Invite, deactivate, give roles and emails: a superuser, or a managing editor."""
    return user.is_active and (user.is_superuser or user.has_perms(TEAM))
