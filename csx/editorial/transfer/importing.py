"""Importing rows (formats.py) of one content type: a dry run says, row by row, what would be
created, changed or refused and why; the import itself does exactly that, all or nothing.

An import never makes anything live: a new item is a draft, a changed draft is changed in its
row, a changed live item gets a pending change for a publisher (csx/editorial/changes.py).
Rows are matched on the slug. A column left out (of the file, or of a file's front matter)
leaves that field as it is. A new item with no owner becomes the importer's, as one made in
the admin does.

    plan(model, rows, columns)   Report of what importing would do (a dry run; writes nothing)
    run(report, user)            do it, in one transaction; refused unless every row can be
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from csx.content.tags import normalise
from csx.editorial import changes, workflow
from csx.editorial.transfer import formats

CREATE, CHANGE, HOLD, SAME, REFUSE = "create", "change", "hold", "unchanged", "refuse"
SAYS = {
    CREATE: "created as a draft",
    CHANGE: "changed (a draft)",
    HOLD: "held as a pending change (live: waits for approval)",
    SAME: "unchanged",
    REFUSE: "refused",
}
MAX_ROWS = 5000


@dataclass
class Row:
    where: str  # "line 3", "acme.md"
    slug: str
    outcome: str
    why: list = field(default_factory=list)  # refused: the reasons; changed: the fields
    values: dict = field(default_factory=dict, repr=False)
    item: object = field(default=None, repr=False)

    @property
    def says(self):
        return SAYS[self.outcome]


@dataclass
class Report:
    model: type
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # about the whole file
    done: bool = False

    @property
    def refused(self):
        return [row for row in self.rows if row.outcome == REFUSE]

    @property
    def ok(self):
        return not self.problems and not self.refused

    def counts(self):
        return {SAYS[o]: n for o in SAYS if (n := sum(r.outcome == o for r in self.rows))}


def failed(model, problem):
    return Report(model, problems=[problem])


def plan(model, rows, names):
    """`rows`: [(where, {column: text})]; `names`: the columns the file has."""
    columns = {c.name: c for c in formats.columns(model)}
    unknown = [name for name in names if name not in columns]
    report = Report(model)
    if unknown:
        report.problems.append(
            f"Unknown column(s): {', '.join(unknown)}. The columns are: {', '.join(columns)}."
        )
    if "slug" not in names:
        report.problems.append("There is no slug column: rows are matched on their slug.")
    if len(rows) > MAX_ROWS:
        report.problems.append(f"{len(rows)} rows; at most {MAX_ROWS} in one import.")
    if report.problems:
        return report
    seen = set()
    for where, values in rows:
        row = plan_row(model, columns, where, values)
        if row.slug in seen:
            row.outcome, row.why = REFUSE, ["the same slug is on an earlier row"]
        seen.add(row.slug)
        report.rows.append(row)
    if not report.rows:
        report.problems.append("The file has no rows to import.")
    return report


def plan_row(model, columns, where, values):
    slug = values.get("slug", "").strip()
    row = Row(where, slug, REFUSE, values=values)
    if not slug:
        row.why.append("no slug")
        return row
    item = model.objects.filter(slug=slug).first()
    current = formats.as_row(item, columns.values()) if item is not None else {}
    present = [c for name, c in columns.items() if name in values]
    differing = [c.name for c in present if current.get(c.name) != values[c.name]]
    if item is not None and not differing:
        row.outcome, row.item = SAME, item
        return row
    candidate = item if item is not None else model(slug=slug)
    relations, why = assign(candidate, present, values)
    if not why:
        why = validate(candidate, columns, relations)
    if item is not None:
        item.refresh_from_db()  # the check above changed the instance; nothing was saved
    if why:
        row.why = why
        return row
    row.item = item
    if item is None:
        row.outcome = CREATE
    else:
        row.outcome, row.why = (HOLD if workflow.holds(item) else CHANGE), differing
    return row


def assign(item, present, values):
    """Set the plain fields and foreign keys of `item` from `values`; returns the many-to-many
    values found ({name: [related]}) and what could not be read."""
    many, why = {}, []
    for column in present:
        text = values[column.name].strip() if column.name != formats.BODY else values[column.name]
        if column.many:
            names = [n.strip() for n in text.split(",") if n.strip()]
            if column.key == "name":  # tags: made as needed, in the one spelling
                many[column.name] = [normalise(n) for n in names]
                continue
            found = {getattr(o, column.key): o for o in column.related.objects.filter(
                **{f"{column.key}__in": names})}  # fmt: skip
            missing = [n for n in names if n not in found]
            if missing:
                why.append(f"{column.name}: no {column.related._meta.verbose_name} "
                           f"“{'”, “'.join(missing)}”")  # fmt: skip
            many[column.name] = [found[n] for n in names if n in found]
        elif column.related is not None:
            other = column.related.objects.filter(**{column.key: text}).first() if text else None
            if text and other is None:
                why.append(f"{column.name}: no {column.related._meta.verbose_name} “{text}”")
            setattr(item, column.name, other)
        else:
            try:
                value = formats.value_of(column.field, text)
            except ValidationError as error:
                why.append(f"{column.name}: {' '.join(error.messages)}")
                continue
            setattr(item, column.name, value)
    return many, why


def validate(item, columns, relations):
    try:
        item.full_clean(exclude=[f.name for f in item._meta.fields if f.name not in columns])
    except ValidationError as error:
        return [f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()]
    return []


@transaction.atomic
def run(report, user):
    """Do what `report` (a plan) says, all of it or, when a row is refused, none of it."""
    if not report.ok:
        return report
    columns = {c.name: c for c in formats.columns(report.model)}
    for row in report.rows:
        if row.outcome == CREATE:
            row.item = create(report.model, columns, row, user)
        elif row.outcome in (CHANGE, HOLD):
            present = [c for name, c in columns.items() if name in row.values]
            changes.apply_change(
                row.item,
                user,
                lambda item, p=present, r=row: fill(item, p, r.values),
                f"Imported ({row.where}).",
            )
    report.done = True
    return report


def fill(item, present, values):
    many, _ = assign(item, present, values)
    for name, related in many.items():
        getattr(item, name).set(related)


def create(model, columns, row, user):
    present = [c for name, c in columns.items() if name in row.values]
    item = model(slug=row.slug)
    many, _ = assign(item, present, row.values)
    tags = many.pop("tags", [])

    def relate(saved):
        for name, related in many.items():
            getattr(saved, name).set(related)

    return workflow.create_draft(item, user, tags=tags, fill=relate)
