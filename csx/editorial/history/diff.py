"""What changed between two versions of an item, field by field, in words a person reads.

    before = describe_revision(version)      or describe_item(item), the rows as they are
    after = describe_revision(other)         either with `hide`: field names left out (of the
                                             item and its rows: what a learner never sees)
    compare(before, after)                   [Change(label, pieces, whole)], changed fields only
    since(stamp, after)                      what changed after the version a stamp names

A version is described as (label, text) pairs: its own fields, its links (principles,
sources, tags) and the rows it owns (practices, steps), each as a line of text. Texts are
compared word by word; long unchanged stretches are cut down to the words next to a change
(`pieces`), and the whole field, marked the same way, is kept for a reader who asks for it
(`whole`, shown in a <details> where `pieces` left something out).
"""

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import formats
from taggit.managers import TaggableManager

from csx.editorial.history import owned, state_of, version_from_stamp
from csx.formats import date_and_time

# The row's own bookkeeping, never worth a line in a diff.
UNSHOWN = {"id", "created", "updated"}
TOKEN = re.compile(r"\s+|[^\s]+")
CONTEXT = 120  # characters kept either side of a change in a long unchanged stretch


@dataclass
class Change:
    label: str
    pieces: list  # (text, "equal" | "insert" | "delete" | "gap")
    whole: list  # the same marks over the whole field, nothing left out

    @property
    def shortened(self):
        return any(op == "gap" for _, op in self.pieces)

    @classmethod
    def between(cls, label, old, new):
        whole = word_pieces(old, new)
        return cls(label, shorten(whole), whole)


def label_of(field):
    return str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:]


def title_of(model, pk):
    found = model._default_manager.filter(pk=pk).first()
    return str(found) if found is not None else f"#{pk} (deleted)"


def text_of(obj, field):
    """One field of `obj` as a reader of the diff should see it."""
    value = getattr(obj, field.attname)
    if value is None or value == "":
        return ""
    if field.many_to_one:
        return title_of(field.related_model, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return date_and_time(value)
    if isinstance(value, date):
        return formats.date_format(value)
    return str(value)


def own_fields(model, skip=()):
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in UNSHOWN and field.name not in skip
    ]


def row_line(row, parent_field, hide=()):
    """A practice or a step in one line: its order, then its other fields that are set."""
    parts = [
        f"{label_of(field)}: {text}" if field.many_to_one else text
        for field in own_fields(type(row), skip={parent_field.name, "order", "slug", *hide})
        if (text := text_of(row, field))
    ]
    order = getattr(row, "order", None)
    return (f"{order}. " if order is not None else "") + " — ".join(parts)


def describe(model, obj, links, rows, hide=()):
    """[(label, text)] for an item `obj` with `links` {field name: [pks or tag names]} and
    `rows` {relation: [owned rows]}, without the fields named in `hide`."""
    described = [(label_of(field), text_of(obj, field)) for field in own_fields(model, hide)]
    for name, values in links.items():
        field = model._meta.get_field(name)
        if isinstance(field, TaggableManager):
            names = sorted(values, key=str.lower)
        else:
            names = sorted(title_of(field.related_model, pk) for pk in values)
        described.append((label_of(field), "\n".join(names)))
    for relation, owned_rows in rows.items():
        reverse = model._meta.get_field(relation)
        ordered = sorted(owned_rows, key=lambda row: (getattr(row, "order", 0), row.pk or 0))
        described.append(
            (
                str(reverse.related_model._meta.verbose_name_plural).capitalize(),
                "\n".join(row_line(row, reverse.field, hide) for row in ordered),
            )
        )
    return described


def link_names(model):
    return [field.name for field in model._meta.many_to_many]


def describe_item(item, hide=()):
    """The item as its rows hold it now."""
    model = type(item)
    links = {}
    for name in link_names(model):
        field = model._meta.get_field(name)
        manager = getattr(item, name)
        links[name] = (
            list(manager.names()) if isinstance(field, TaggableManager) else
            list(manager.values_list("pk", flat=True))
        )  # fmt: skip
    rows = {relation: list(getattr(item, relation).all()) for relation in owned(model)}
    return describe(model, item, links, rows, hide)


def describe_revision(version, hide=()):
    """The item as `version` (and the rest of its revision) holds it."""
    from django.contrib.contenttypes.models import ContentType

    state = state_of(version)
    model = type(state.object)
    rows = {}
    for relation in owned(model):
        reverse = model._meta.get_field(relation)
        child_type = ContentType.objects.get_for_model(reverse.related_model)
        found = version.revision.version_set.filter(content_type=child_type)
        rows[relation] = [
            row
            for row in (state_of(v).object for v in found)
            if getattr(row, reverse.field.attname) == state.object.pk
        ]
    links = {name: state.m2m_data.get(name, []) for name in link_names(model)}
    return describe(model, state.object, links, rows, hide)


def word_pieces(old, new):
    """(text, op) pieces that turn `old` into `new`, word by word."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("".join(a[i1:i2]), "equal"))
        if op in ("delete", "replace"):
            pieces.append(("".join(a[i1:i2]), "delete"))
        if op in ("insert", "replace"):
            pieces.append(("".join(b[j1:j2]), "insert"))
    return pieces


def shorten(pieces):
    """Long unchanged stretches keep only the words next to a change, cut between words."""
    short = []
    for index, (text, op) in enumerate(pieces):
        if op != "equal" or len(text) <= 3 * CONTEXT:
            short.append((text, op))
            continue
        first, last = index == 0, index == len(pieces) - 1
        if not first:
            head = text[:CONTEXT]
            short.append((head[: head.rfind(" ") + 1] or head, "equal"))
        short.append(("…", "gap"))
        if not last:
            tail = text[-CONTEXT:]
            short.append((tail[tail.find(" ") :] if " " in tail else tail, "equal"))
    return short


def compare(before, after):
    """The fields that differ between two descriptions (before may be None: all is new)."""
    old = dict(before or [])
    changes = []
    for label, text in after:
        was = old.pop(label, "")
        if was != text:
            changes.append(Change.between(label, was, text))
    changes.extend(Change.between(label, text, "") for label, text in old.items() if text)
    return changes


def since(stamp, after):
    """What changed from the version `stamp` (history.stamp) was taken at to `after`, a
    description: what someone who opened the item at `stamp` has not seen."""
    version = version_from_stamp(stamp)
    return compare(describe_revision(version) if version else None, after)
