"""Loads the seed content in fixtures/: creates what is missing, never overwrites.

An item already in the database (by its slug, or by a slug it had before an editor renamed
it) is left exactly as the editors have it, and one an editor deleted is not brought back;
the report says so. The whole load is one
transaction, so a broken fixture leaves nothing half-loaded.
"""

import json
from collections import Counter
from pathlib import Path as FilePath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from csx.models import SlugHistory, Source, Status, Withdrawal
from csx.paths.models import Path, PathItem
from csx.search import index as search_index
from principles.models import Practice, Principle, Resource, Statistic
from stories.models import Company, Story

FIXTURES = FilePath(settings.BASE_DIR) / "fixtures"


class SeedError(Exception):
    pass


def read(directory, name):
    with open(directory / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


def existing(model, slug):
    """The item with `slug`, now or before a rename, or None."""
    item = model.objects.filter(slug=slug).first()
    if item is None and model is not Source:
        item = SlugHistory.current(model.objects.all(), slug)
    return item


def deleted_by_editors(model, slug):
    """Whether an item that had `slug` was withdrawn (asked only once none has it now):
    an editor deleted it, and loading must not bring it back."""
    if model is Source:
        return False
    content_type = ContentType.objects.get_for_model(model)
    return Withdrawal.objects.filter(content_type=content_type, slug=slug).exists()


def lookup(model, slug):
    item = existing(model, slug)
    if item is None:
        raise SeedError(f"{model._meta.verbose_name} {slug!r} is referenced but not defined")
    return item


class Loader:
    def __init__(self, directory=FIXTURES):
        self.directory = FilePath(directory)
        self.created = Counter()
        self.kept = Counter()
        self.deleted = Counter()
        self.now = timezone.now()

    def run(self):
        with transaction.atomic(), search_index.paused():
            for row in read(self.directory, "sources"):
                self.add(Source, row, self.source_fields)
            for row in read(self.directory, "companies"):
                self.add(Company, row, self.content_fields(["industry"]))
            for row in read(self.directory, "principles"):
                self.add(Principle, row, self.content_fields(["definition", "order"]))
            for row in read(self.directory, "statistics"):
                self.add(Statistic, row, self.statistic_fields)
            for row in read(self.directory, "resources"):
                self.add(Resource, row, self.content_fields(["kind", "creator", "url"]))
            for row in read(self.directory, "stories"):
                self.add(Story, row, self.story_fields)
            for row in read(self.directory, "paths"):
                self.add(Path, row, self.content_fields([]))
        return self

    def add(self, model, row, fields):
        name = model._meta.verbose_name_plural
        if existing(model, row["slug"]) is not None:
            self.kept[name] += 1
            return
        if deleted_by_editors(model, row["slug"]):
            self.deleted[name] += 1
            return
        item = model(slug=row["slug"], **fields(row))
        item.full_clean()
        item.save()
        if "tags" in row:
            item.tags.set(row["tags"])
        for relation, target in [("principles", Principle), ("sources", Source)]:
            if relation in row:
                getattr(item, relation).set([lookup(target, slug) for slug in row[relation]])
        for order, practice in enumerate(row.get("practices", []), start=1):
            Practice.objects.create(principle=item, order=order, **practice)
        for order, step in enumerate(row.get("items", []), start=1):
            self.add_path_item(item, order, step)
        self.created[name] += 1

    def add_path_item(self, path, order, step):
        (kind,) = {"story", "principle", "statistic", "resource"} & set(step)
        model = PathItem.target_model(kind)
        PathItem.objects.create(
            path=path,
            order=order,
            trainer_note=step["trainer_note"],
            discussion_questions="\n".join(step["discussion_questions"]),
            **{kind: lookup(model, step[kind])},
        )

    def source_fields(self, row):
        return {key: row[key] for key in ["title", "author", "year", "url", "note"]}

    def content_fields(self, extra):
        def fields(row):
            return {
                "title": row["title"],
                "summary": row["summary"],
                "body": row["body"],
                "status": Status.PUBLISHED,
                "published_at": self.now,
                **{key: row[key] for key in extra},
            }

        return fields

    def statistic_fields(self, row):
        fields = self.content_fields(["figure", "claim", "attributed_to", "year", "verification"])
        return {**fields(row), "note": row["note"], "cited_in": lookup(Source, row["cited_in"])}

    def story_fields(self, row):
        fields = self.content_fields(["kind", "outcome", "channel", "featured", "takeaway"])
        company = lookup(Company, row["company"]) if row["company"] else None
        questions = "\n".join(row["discussion_questions"])
        return {**fields(row), "company": company, "discussion_questions": questions}

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
