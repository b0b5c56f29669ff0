"""An editor's typing, kept every few seconds as their private copy (csx.models.Autosave), so
a closed tab, a crash or an expired session loses nothing.

It is not part of the workflow: no revision, no pending change, no audit event; nobody but
its author sees it. The change form offers it back ("Restore what you were typing") when it
is newer than the item's last save, and forgets it once the form is saved.

    parse(body)                  the posted fields, checked; raises Refused
    keep(user, model, pk, fields)   save (or replace) the copy of that form
    newer(user, model, pk, item)    the copy to offer back, or None
    forget(user, model, pk)      after a successful save, or when the editor discards it
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from csx.models import Autosave

MAX_BYTES = 1_000_000  # a posted form: far beyond any item (a body is at most ~200,000)
MAX_FIELDS = 500
NOT_KEPT = {"csrfmiddlewaretoken", "_action", "_save", "_continue", "_addanother"}


class Refused(ValueError):
    """Posted fields that are not a form as the page sends it; the message says why."""


def parse(body):
    """[[name, value, label], ...] from the JSON body {"fields": [...]}."""
    if len(body) > MAX_BYTES:
        raise Refused(f"Too large to keep (more than {MAX_BYTES:,} bytes).")
    try:
        fields = json.loads(body)["fields"]
    except (ValueError, KeyError, TypeError) as error:
        raise Refused('Send JSON: {"fields": [[name, value, label], ...]}.') from error
    if not isinstance(fields, list) or len(fields) > MAX_FIELDS:
        raise Refused(f"Send a list of at most {MAX_FIELDS} fields.")
    kept = []
    for field in fields:
        if not (
            isinstance(field, list)
            and len(field) in (2, 3)
            and all(isinstance(part, str) for part in field)
        ):
            raise Refused("Each field is [name, value] or [name, value, label], all text.")
        name, value, label = (part.replace("\x00", "") for part in (*field, "")[:3])
        if name not in NOT_KEPT:  # (NUL: no form sends it, and PostgreSQL's JSON refuses it)
            kept.append([name[:200], value, label[:300]])
    return kept


def _key(user, model, pk):
    return {
        "user": user,
        "content_type": ContentType.objects.get_for_model(model),
        "object_id": pk,
    }


def keep(user, model, pk, fields):
    autosave, _ = Autosave.objects.update_or_create(
        **_key(user, model, pk), defaults={"fields": fields, "saved_at": timezone.now()}
    )
    return autosave


def newer(user, model, pk, item=None):
    """The copy of the form `user` was typing, if it is newer than `item` as last saved."""
    autosave = Autosave.objects.filter(**_key(user, model, pk)).first()
    updated = getattr(item, "updated", None)
    if autosave is None or (updated is not None and autosave.saved_at <= updated):
        return None
    return autosave


def forget(user, model, pk):
    Autosave.objects.filter(**_key(user, model, pk)).delete()
