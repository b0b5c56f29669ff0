"""One audit log of the workflow's events (csx.models.AuditEvent): who did what to which
item, and when. The workflow, history, deletions, verification checks and role changes call
`record()`; each item's history page lists its own events, the admin all of them (filters,
CSV export).

Who acted: the `user` given, else the person signed in to the admin request being served
(every admin view runs inside `acting()`, csx/editorial/admin/site.py), else nobody (a command or
the clock, "the site").
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType

from csx.models import AuditEvent

Action = AuditEvent.Action

_actor = ContextVar("csx_audit_actor", default=None)


@contextmanager
def acting(user):
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def record(action, item, user=None, comment="", title=None):
    """Keep one event about `item` (any row: a user, for a role change). Its title is kept
    as it is now, so the log still reads after a rename or a deletion."""
    user = user if user is not None else _actor.get()
    signed_in = user is not None and user.is_authenticated
    return AuditEvent.objects.create(
        action=action,
        actor=user if signed_in else None,
        actor_name=user.get_username() if signed_in else "",
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        title=(str(item) if title is None else title)[:200],
        comment=comment,
    )


def roles_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """m2m_changed of users' groups: who gained or lost which role."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if action == "pre_clear":  # the rows are gone by post_clear: name them before
        others = getattr(instance, "user_set" if reverse else "groups").all()
        pk_set = set(others.values_list("pk", flat=True))
    verb = "Added to" if action == "post_add" else "Removed from"
    if reverse:  # group.user_set.add(user): instance is the group
        for user in model.objects.filter(pk__in=pk_set):
            record(Action.ROLE_CHANGED, user, comment=f"{verb} {instance.name}.")
    else:
        names = ", ".join(
            sorted(model.objects.filter(pk__in=pk_set).values_list("name", flat=True))
        )
        if names:
            record(Action.ROLE_CHANGED, instance, comment=f"{verb} {names}.")
