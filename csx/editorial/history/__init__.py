"""Every save keeps a revision, related fields included (django-reversion).

A revision holds an item with its many-to-many links (principles, sources, tags by name) and
the rows it owns (a principle's practices, a path's steps: the model's `seed_children`).

    register()                     at start-up (CsxConfig.ready)
    versions(item)                 the item's revisions, newest first
    apply(revision, model, pk)     make the rows say what a revision says
    restore(version, user)         a publisher brings an old version back, as a new revision
    recover(version, user)         a deleted item back, as a draft
    stamp(item)                    changes whenever the item or its pending change does
    detach(revision) / attach()    carry a revision out of a transaction that is rolled back

A change to an approved item is made in a transaction that is rolled back once its revision
is taken (csx/editorial/workflow.py): readers keep the approved row, the revision waits for
approval.
"""

from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from reversion.models import Revision, Version
from taggit.managers import TaggableManager

from csx.content import registry, tags
from csx.editorial import audit
from csx.editorial.history import serializer
from csx.formats import date_and_time

# What a revision leaves alone when applied: the workflow's own fields (an approved item
# stays approved), and the fields no form edits (`editable=False`): the row's own dates, and
# a statistic's verification, which only a check in its log changes (so approving a change
# written before a check, or restoring an old version, leaves the state the log gives).
WORKFLOW_FIELDS = ("status", "published_at", "take_down_at")


# The comment of the revision an item gets when first opened in the admin (ensure_revision).
BEFORE_HISTORY = "The version from before history began."


class RevisionError(Exception):
    """A revision that cannot be applied as it stands; the message says why, for editors."""


def owned(model):
    """The reverse relations whose rows belong to an item and travel in its revisions."""
    return list(getattr(model, "seed_children", ()))


def versioned_models():
    from csx.models import Source

    return [*registry.models(), Source]


def register():
    serializers.register_serializer(serializer.NAME, "csx.editorial.history.serializer")
    for model in versioned_models():
        for relation in owned(model):
            child = model._meta.get_field(relation).related_model
            if not reversion.is_registered(child):
                reversion.register(child, format=serializer.NAME)
        # Tags are written by the serializer itself, by name (serializer.py).
        reversion.register(model, format=serializer.NAME, follow=owned(model), exclude=["tags"])


def versions(item):
    return Version.objects.get_for_object(item).select_related("revision__user")


def stamp(item):
    """A token that changes whenever the item's row or its revisions do (edit conflicts)."""
    latest = versions(item).values_list("pk", flat=True).first() or 0
    updated = getattr(item, "updated", None)
    return f"{latest}:{updated.timestamp() if updated else ''}"


def version_from_stamp(token):
    """The version a stamp was taken at, or None."""
    pk = (token or "").partition(":")[0]
    return (
        Version.objects.filter(pk=pk).select_related("revision").first() if pk.isdigit() else None
    )


def ensure_revision(item):
    """Give an item made before history began (or outside the admin) its first revision."""
    if not versions(item).exists():
        keep_revision(item, BEFORE_HISTORY)


def keep_revision(item, comment, user=None):
    """A revision of `item` as its rows hold it now."""
    with reversion.create_revision():
        reversion.set_comment(comment)
        if user is not None:
            reversion.set_user(user)
        reversion.add_to_revision(item)


def state_of(version):
    """The version's object and its many-to-many values, as Django deserialises them."""
    return next(
        serializers.deserialize(version.format, version.serialized_data, ignorenonexistent=True)
    )


def model_of(version):
    return ContentType.objects.get_for_id(version.content_type_id).model_class()


def when(version):
    return date_and_time(version.revision.date_created)


@dataclass
class Applied:
    item: object
    left_out: list = field(default_factory=list)  # what could not come back, in words


def missing_target(obj, field_):
    """Whether `obj`'s foreign key `field_` points at a row that no longer exists."""
    value = getattr(obj, field_.attname)
    return value is not None and not field_.related_model._default_manager.filter(pk=value).exists()


def relink(item, applied):
    """Clear links to rows deleted since the revision; refuse when a needed one is gone."""
    for field_ in item._meta.concrete_fields:
        if field_.many_to_one and missing_target(item, field_):
            if not field_.null:
                raise RevisionError(
                    f"Its {field_.verbose_name} has been deleted since; it cannot come back "
                    "as it was."
                )
            setattr(item, field_.attname, None)
            applied.left_out.append(f"its {field_.verbose_name} (deleted since)")


def check(item):
    try:
        item.validate_unique()
        item.validate_constraints()
    except ValidationError as error:
        raise RevisionError(" ".join(error.messages)) from error


@transaction.atomic
def apply(revision, model, pk, *, keep=WORKFLOW_FIELDS, changes=None):
    """Make the item `model` #`pk` (and its links and owned rows) what `revision` says,
    saving through the models, so that links, withdrawals and search follow. The fields in
    `keep` stay as they are; `changes` are set last. A deleted item is made again."""
    found = list(revision.version_set.all())
    content_type = ContentType.objects.get_for_model(model)
    main = next(
        (v for v in found if v.content_type_id == content_type.pk and v.object_id == str(pk)),
        None,
    )
    if main is None:
        raise RevisionError("That revision does not hold this item.")
    state = state_of(main)
    item = model._default_manager.filter(pk=pk).first()
    if item is None:
        item = state.object
    else:
        for field_ in model._meta.concrete_fields:
            if field_.editable and not (field_.primary_key or field_.name in keep):
                setattr(item, field_.attname, getattr(state.object, field_.attname))
    for name, value in (changes or {}).items():
        setattr(item, name, value)
    applied = Applied(item)
    relink(item, applied)
    check(item)
    item.save()
    for name, values in state.m2m_data.items():
        field_ = model._meta.get_field(name)
        if isinstance(field_, TaggableManager):
            getattr(item, name).set(tags.current_names(values))
        else:
            getattr(item, name).set(field_.related_model._default_manager.filter(pk__in=values))
    for relation in owned(model):
        apply_owned(item, relation, found, applied)
    if reversion.is_active():
        reversion.add_to_revision(item)  # as it finally is, with its owned rows
    return applied


def apply_owned(item, relation, found, applied):
    """The rows `item` owns through `relation` become those in the revision."""
    reverse = item._meta.get_field(relation)
    child_type = ContentType.objects.get_for_model(reverse.related_model)
    rows = [state_of(v).object for v in found if v.content_type_id == child_type.pk]
    rows = [row for row in rows if getattr(row, reverse.field.attname) == item.pk]
    kept = []
    for row in rows:
        gone = [f for f in row._meta.concrete_fields if f.many_to_one and missing_target(row, f)]
        if gone:
            applied.left_out.append(
                f"{reverse.related_model._meta.verbose_name} “{row}”: its "
                f"{gone[0].verbose_name} has been deleted since"
            )
        else:
            kept.append(row)
    getattr(item, relation).exclude(pk__in=[row.pk for row in kept]).delete()
    for row in kept:
        row.save()


def restore(version, user):
    """Bring back `version` of its item as a new revision; the item stays as approved (or
    not) as it is now."""
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(f"Restored the version of {when(version)}.")
        applied = apply(version.revision, model_of(version), version.object_id)
    audit.record(audit.Action.RESTORED, applied.item, user, f"The version of {when(version)}.")
    return applied


def recover(version, user):
    """Bring back a deleted item from its last revision, as a draft."""
    from csx.models import Status

    model = model_of(version)
    changes = {"status": Status.DRAFT} if "status" in {f.name for f in model._meta.fields} else {}
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment("Recovered after it was deleted, as a draft.")
        applied = apply(version.revision, model, version.object_id, keep=(), changes=changes)
    audit.record(audit.Action.RECOVERED, applied.item, user)
    return applied


def deleted(model):
    """The last version of each deleted `model` item, newest first."""
    return Version.objects.get_deleted(model).select_related("revision__user").order_by("-pk")


# A revision made inside a transaction that is then rolled back is carried out of it as
# plain values, and made again afterwards.

VERSION_FIELDS = ["content_type_id", "object_id", "db", "format", "serialized_data", "object_repr"]


@dataclass
class Detached:
    date_created: object
    user_id: int | None
    comment: str
    versions: list


def detach(revision):
    return Detached(
        revision.date_created,
        revision.user_id,
        revision.comment,
        list(revision.version_set.values(*VERSION_FIELDS)),
    )


def attach(detached):
    revision = Revision.objects.create(
        date_created=detached.date_created, user_id=detached.user_id, comment=detached.comment
    )
    Version.objects.bulk_create(Version(revision=revision, **v) for v in detached.versions)
    keep_ids_reserved(detached.versions)
    return revision


def keep_ids_reserved(rows):
    """Rows a rolled-back change made (a new practice, a new step) keep their ids until the
    change is approved and they are made for real. PostgreSQL's sequences never hand an id
    out twice; SQLite's AUTOINCREMENT counter rolls back with the rows, so it moves on here."""
    if connection.vendor != "sqlite":
        return
    highest = {}
    for row in rows:
        table = ContentType.objects.get_for_id(row["content_type_id"]).model_class()._meta.db_table
        highest[table] = max(highest.get(table, 0), int(row["object_id"]))
    with connection.cursor() as cursor:
        for table, pk in highest.items():
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) SELECT %s, 0 "
                "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = %s)",
                [table, table],
            )
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [pk, table]
            )
