"""The two roles, as groups (granted by the migrations, csx/migrations/_roles.py).

Editors write and submit for review; Publishers also approve, publish, schedule, unpublish
and restore, which is one permission, `csx.publish_content`, checked by can_publish().
"""

EDITORS = "Editors"
PUBLISHERS = "Publishers"
PUBLISH = "csx.publish_content"


def can_publish(user):
    return user.has_perm(PUBLISH)


def role_of(user):
    """The role a reader is told someone acted in (a verification check's "who")."""
    return "Publisher" if can_publish(user) else "Editor"
