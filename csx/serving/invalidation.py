"""Which names a committed change touches (csx/serving/dependencies.py has the table).

A save of a row that exists compares it with the row as stored (one query, before the save)
to name only the columns that changed: a story's new text sends off the pages that loaded
that story, not every page that filters stories by their status or date. The names are
gathered over a transaction and bumped once it commits: a page drawn from the old rows
while the change was uncommitted must not be kept under the new tokens.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from csx.serving import dependencies, outages, versions
from csx.serving.dependencies import shown


class PendingBump:
    """The bump one transaction runs when it commits, with every name its changes touched."""

    ran = False

    def __init__(self):
        self.names = set()

    def __call__(self):
        self.ran = True
        versions.bump(self.names)


def content_changed(names=versions.EVERYTHING, **kwargs):
    """Content changed: new tokens for `names` once the change is committed (one bump per
    transaction). With no names, everything changed (also a receiver: post_migrate)."""
    pending = transaction.get_connection().run_on_commit
    hooks = [hook for _, hook, _ in pending if isinstance(hook, PendingBump) and not hook.ran]
    if not hooks:
        hooks = [PendingBump()]
        transaction.on_commit(hooks[0], robust=True)
    hooks[0].names.update(names)


def pending(name):
    """Is a change to `name` made on this connection and not yet committed? (A rolled-back
    savepoint takes its hooks with it, so this is false again after a rollback.)"""
    pending = transaction.get_connection().run_on_commit
    return any(
        isinstance(hook, PendingBump) and not hook.ran and name in hook.names
        for _, hook, _ in pending
    )


def before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if shown(sender) and instance.pk is not None:
        fields = [f.attname for f in sender._meta.concrete_fields]
        instance._stored_row = sender._base_manager.filter(pk=instance.pk).values(*fields).first()


def changed_names(sender, instance, created):
    table = sender._meta.db_table
    before = getattr(instance, "_stored_row", None)
    instance._stored_row = None
    names = {dependencies.row_name(instance), f"rows:{table}"}
    if created or before is None:
        return names | {f"members:{table}"}
    return names | {
        f"col:{table}.{field.column}"
        for field in sender._meta.concrete_fields
        if stored(before.get(field.attname)) != stored(getattr(instance, field.attname))
    }


def stored(value):
    """A value as compared: PostgreSQL reads binary columns back as memoryviews."""
    return bytes(value) if isinstance(value, memoryview) else value


def saved(sender, instance, created=False, **kwargs):
    if shown(sender):
        content_changed(changed_names(sender, instance, created))


def deleted(sender, instance, **kwargs):
    if shown(sender):
        table = sender._meta.db_table
        content_changed({dependencies.row_name(instance), f"rows:{table}", f"members:{table}"})


def related(sender, action="", pk_set=None, **kwargs):
    """m2m_changed: rows of a through table came or went (a form saving the tags it was
    given adds and removes none: nothing changed)."""
    if action.startswith("post_") and (pk_set is None or pk_set) and shown(sender):
        table = sender._meta.db_table
        content_changed({f"rows:{table}", f"members:{table}"})


def after_outage(sender, **kwargs):
    """The shared cache is back: a change saved while it was away could not replace its
    tokens there, and pages kept before the change would be served as current. Start afresh."""
    versions.bump()


def connect():
    pre_save.connect(before_save, dispatch_uid="page-cache-before-save")
    post_save.connect(saved, dispatch_uid="page-cache-saved")
    post_delete.connect(deleted, dispatch_uid="page-cache-deleted")
    m2m_changed.connect(related, dispatch_uid="page-cache-related")
    outages.recovered.connect(after_outage, dispatch_uid="page-cache-after-outage")
    dependencies.connect()
