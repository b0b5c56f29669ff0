"""Loads the seed content in fixtures/: creates what is missing, never overwrites.

One JSON file per type (sources, then every type in the registry with a `seed_file`, each
after the types it refers to). An item already in the database (by its slug, or by a slug
it had before an editor renamed it) is left exactly as the editors have it, and one an
editor deleted is not brought back; the report says so. The whole load is one transaction,
so a broken fixture leaves nothing half-loaded.

A row's keys are the model's fields: a relation holds the slug (or list of slugs) of what
it points at, a list for a text field becomes one line each, a date for a date-time field
means the start of that day, and `tags` are tag names.

Dates are the fixtures' own, never the day the loader runs: an item's `published_at` is the
day its text was written or last checked (required), its next review falls due an interval
after that, and it carries no "last reviewed" date, since no editor has reviewed it here yet. The
keys named in a model's `seed_children` hold the rows it owns (a principle's practices, a
statistic's verification log).
"""

import datetime
import json
from collections import Counter
from pathlib import Path as FilePath

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from csx.content import permalinks, registry
from csx.models import Source, Status
from csx.search import index as search_index

FIXTURES = FilePath(settings.BASE_DIR) / "fixtures"


class SeedError(Exception):
    pass


def read(directory, name):
    with open(directory / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


def existing(model, slug):
    """(the item with `slug` now or before a rename, or None; whether editors withdrew it)."""
    if model is Source:
        return model.objects.filter(slug=slug).first(), False
    resolution = permalinks.resolve(model.objects.all(), slug)
    if resolution is None:
        return None, False
    return resolution.item, resolution.item is None


def lookup(model, slug):
    item, _ = existing(model, slug)
    if item is None:
        raise SeedError(f"{model._meta.verbose_name} {slug!r} is referenced but not defined")
    return item


def field_values(model, row):
    """(the row's values for `model`'s fields, its many-to-many values to set after saving)."""
    values, relations = {}, {}
    for key, value in row.items():
        field = model._meta.get_field(key)
        if field.many_to_many:
            relations[key] = [lookup(field.related_model, slug) for slug in value]
        elif field.many_to_one:
            values[key] = lookup(field.related_model, value) if value else None
        elif isinstance(value, list):
            values[key] = "\n".join(value)
        elif isinstance(field, models.DateTimeField) and value:
            day = datetime.date.fromisoformat(value)
            zone = timezone.get_default_timezone()
            values[key] = datetime.datetime.combine(day, datetime.time(), zone)
        else:
            values[key] = value
    return values, relations


class Loader:
    def __init__(self, directory=FIXTURES):
        self.directory = FilePath(directory)
        self.created = Counter()
        self.kept = Counter()
        self.deleted = Counter()

    def run(self):
        with transaction.atomic(), search_index.paused():
            for model, name in [(Source, "sources")] + [
                (kind.model, kind.seed_file) for kind in registry.seed_order()
            ]:
                for row in read(self.directory, name):
                    self.add(model, row)
        return self

    def add(self, model, row):
        name = model._meta.verbose_name_plural
        item, withdrawn = existing(model, row["slug"])
        if item is not None:
            self.kept[name] += 1
            return
        if withdrawn:
            self.deleted[name] += 1
            return
        owned = getattr(model, "seed_children", ())
        children = {key: row.pop(key) for key in owned if key in row}
        tags = row.pop("tags", [])
        values, relations = field_values(model, row)
        if model is not Source:
            if "published_at" not in values:
                raise SeedError(f"{row['slug']}: give `published_at`, the day its text was written")
            written = values["published_at"].date()
            # Setting the next review keeps save() from recording a review that never happened.
            values.update(status=Status.PUBLISHED, review_by=written + model.review_interval)
        item = model(**values)
        item.full_clean()
        item.save()
        if tags:
            item.tags.set(tags)
        for relation, targets in relations.items():
            getattr(item, relation).set(targets)
        for key, rows in children.items():
            self.add_children(item, key, rows)
        self.created[name] += 1

    def add_children(self, item, key, rows):
        """The rows `item` owns through its reverse relation `key`, in order (numbered, for
        a child that keeps an `order`; a statistic's checks keep the order they are made)."""
        relation = type(item)._meta.get_field(key)
        child = relation.related_model
        numbered = any(field.name == "order" for field in child._meta.get_fields())
        for order, row in enumerate(rows, start=1):
            values, _ = field_values(child, row)
            if numbered:
                values["order"] = order
            child.objects.create(**{relation.field.name: item, **values})

    def report(self):
        names = sorted(set(self.created) | set(self.kept) | set(self.deleted))
        lines = []
        for name in names:
            line = f"{name}: {self.created[name]} created, {self.kept[name]} already present"
            line += " (kept as is)"
            if self.deleted[name]:
                line += f", {self.deleted[name]} deleted by editors (not re-created)"
            lines.append(line)
        return lines
