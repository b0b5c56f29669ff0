"""An item as a row of text, and rows as files: CSV, and Markdown files with front matter.

One row is {column: text} for one item; the columns are its type's editable fields, read off
the model, in the model's order with the slug (the key an import matches on) first:

    text          as it stands            (title, summary, body, kind, ...)
    yes/no        "true" / "false"
    number, date  "42", "2026-03-01"      (empty: none)
    foreign key   the item's slug         (company: "acme-air"); a person: their username
    many          slugs, ", " between     (principles, sources); tags: their names

Left out: the workflow's fields (status, go live at, take down at) and the dates the row
keeps itself (created, updated): an import never decides what readers see.

    columns(model)                  [Column]
    as_row(item, columns)           {name: text}
    write_csv(rows, columns)        bytes
    read_csv(data)                  (column names, [(row number, row)])
    write_markdown(rows, columns)   {file name: bytes}
    read_markdown(name, data)       row; the body is the file's text after the front matter
    write_zip(files) / read_zip(data)
"""

import csv
import io
import zipfile
from dataclasses import dataclass

import yaml
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from taggit.managers import TaggableManager

SKIPPED = {"id", "slug", "status", "published_at", "take_down_at", "created", "updated"}
SEPARATOR = ", "
BODY = "body"
FRONT = "---\n"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # every file the same date: the same items, the same bytes


class FormatError(ValueError):
    """A file that cannot be read as rows; the message says why, for the person importing."""


@dataclass(frozen=True)
class Column:
    name: str
    field: models.Field
    many: bool = False

    @property
    def related(self):
        return self.field.related_model if self.field.is_relation else None

    @property
    def key(self):
        """What a related item is named by: a person's username, else the slug."""
        if self.related is get_user_model():
            return get_user_model().USERNAME_FIELD
        return "name" if isinstance(self.field, TaggableManager) else "slug"


def columns(model):
    found = [Column("slug", model._meta.get_field("slug"))]
    for field in model._meta.get_fields():
        if field.name in SKIPPED or field.auto_created or not field.concrete:
            continue
        if not getattr(field, "editable", False) or isinstance(field, models.GeneratedField):
            continue
        found.append(Column(field.name, field, many=field.many_to_many))
    return found


def text_of(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


YES, NO = {"true", "yes", "1"}, {"false", "no", "0"}


def value_of(field, text):
    """The inverse of text_of for `field`; raises ValidationError for text it cannot read."""
    if not text:
        if field.null:
            return None
        return False if field.get_internal_type() == "BooleanField" else ""
    if field.get_internal_type() == "BooleanField":
        if text.lower() not in YES | NO:
            raise ValidationError(f"“{text}” is neither true nor false.")
        return text.lower() in YES
    return field.to_python(text)


def as_row(item, columns):
    row = {}
    for column in columns:
        if column.many:
            names = [getattr(other, column.key) for other in getattr(item, column.name).all()]
            row[column.name] = SEPARATOR.join(sorted(names))
        elif column.related is not None:
            other = getattr(item, column.name)
            row[column.name] = "" if other is None else getattr(other, column.key)
        else:
            row[column.name] = text_of(getattr(item, column.name))
    return row


def write_csv(rows, columns):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c.name for c in columns], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def decode(data, name):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError(
            f"{name} is not UTF-8 text (byte {error.start}): save it as UTF-8 CSV."
        ) from None


def read_csv(data):
    text = decode(data, "The file")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        # Numbered as a spreadsheet shows them: the header is row 1.
        rows = [(number, row) for number, row in enumerate(reader, start=2)]
    except csv.Error as error:
        line = reader.line_num
        raise FormatError(f"The file is not CSV as it stands (line {line}): {error}.") from None
    if not reader.fieldnames:
        raise FormatError("The file is empty: it needs a header line naming the columns.")
    for number, row in rows:
        if None in row:  # more cells than the header names
            raise FormatError(f"Row {number} has more cells than the header has columns.")
        if None in row.values():  # fewer: refused, not read as empty (that would clear them)
            raise FormatError(f"Row {number} has fewer cells than the header has columns.")
    return list(reader.fieldnames), rows


def write_markdown(rows, columns):
    files = {}
    for row in rows:
        front = {}
        for column in columns:
            if column.name == BODY:
                continue
            value = row[column.name]
            front[column.name] = value.split(SEPARATOR) if column.many and value else value
            if column.many and not value:
                front[column.name] = []
        header = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=10**6)
        files[f"{row['slug']}.md"] = (FRONT + header + FRONT + row.get(BODY, "")).encode("utf-8")
    return files


def read_markdown(name, data):
    text = decode(data, name)
    if not text.startswith(FRONT):
        raise FormatError(f"{name} does not begin with front matter (a line “---”).")
    end = text.find("\n" + FRONT, len(FRONT) - 1)
    if end < 0:
        raise FormatError(f"{name}: its front matter has no closing line “---”.")
    try:
        front = yaml.safe_load(text[len(FRONT) : end + 1]) or {}
    except yaml.YAMLError as error:
        raise FormatError(f"{name}: its front matter is not YAML as it stands: {error}") from None
    if not isinstance(front, dict):
        raise FormatError(f"{name}: its front matter should be “name: value” lines.")
    row = {}
    for key, value in front.items():
        if isinstance(value, list):
            value = SEPARATOR.join(text_of(v) for v in value)
        row[str(key)] = text_of(value)
    row[BODY] = text[end + 1 + len(FRONT) :]
    return row


def write_zip(files):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return out.getvalue()


MAX_FILES = 5000


def read_zip(data):
    """{file name: bytes} of the Markdown files in a zip (folders and other files ignored)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FormatError("The file is not a zip archive of Markdown files.") from None
    names = [
        info.filename
        for info in archive.infolist()
        if info.filename.endswith(".md") and not info.filename.startswith("__MACOSX/")
    ]
    if len(names) > MAX_FILES:
        raise FormatError(f"The archive holds {len(names)} files; at most {MAX_FILES} at once.")
    if not names:
        raise FormatError("The archive holds no Markdown (.md) files.")
    return {name.rsplit("/", 1)[-1]: archive.read(name) for name in sorted(names)}
