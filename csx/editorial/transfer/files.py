"""Whole files in and out: a list's items as a CSV file or a zip of Markdown files, and an
uploaded file (CSV, zip, one .md) or a folder of Markdown files as an import's plan.

    export(model, items, kind)        bytes of the file (kind: CSV or MARKDOWN)
    file_name(model, kind)            "stories.csv", "stories-markdown.zip"
    plan_file(model, name, data)      importing.Report (a dry run)
    plan_folder(model, folder)        importing.Report for every *.md in `folder`
"""

from pathlib import Path

from csx.editorial.transfer import formats, importing

CSV, MARKDOWN = "csv", "markdown"
KINDS = {CSV: ("text/csv; charset=utf-8", ".csv"), MARKDOWN: ("application/zip", "-markdown.zip")}
MAX_BYTES = 20 * 1024 * 1024


def export(model, items, kind):
    columns = formats.columns(model)
    prefetch = [c.name for c in columns if c.many]
    related = [c.name for c in columns if c.related is not None and not c.many]
    ordered = items.select_related(*related).prefetch_related(*prefetch).order_by("slug")
    rows = [formats.as_row(item, columns) for item in ordered]
    if kind == CSV:
        return formats.write_csv(rows, columns)
    return formats.write_zip(formats.write_markdown(rows, columns))


def file_name(model, kind):
    return f"{model._meta.model_name}{KINDS[kind][1]}"


def plan_file(model, name, data):
    if len(data) > MAX_BYTES:
        return importing.failed(model, f"The file is over {MAX_BYTES // 2**20} MB.")
    try:
        if name.lower().endswith(".csv"):
            names, rows = formats.read_csv(data)
            return importing.plan(model, [(f"row {n}", r) for n, r in rows], names)
        if name.lower().endswith(".zip"):
            return plan_markdown(model, formats.read_zip(data))
        if name.lower().endswith(".md"):
            return plan_markdown(model, {name: data})
    except formats.FormatError as error:
        return importing.failed(model, str(error))
    return importing.failed(
        model, f"“{name}” is neither a .csv, a .zip of Markdown files nor a .md file."
    )


def plan_markdown(model, files):
    rows = [(name, formats.read_markdown(name, data)) for name, data in files.items()]
    names = dict.fromkeys(key for _, row in rows for key in row)
    return importing.plan(model, rows, list(names))


def plan_folder(model, folder):
    paths = sorted(Path(folder).glob("*.md"))
    if not paths:
        return importing.failed(model, f"{folder} holds no Markdown (.md) files.")
    try:
        return plan_markdown(model, {path.name: path.read_bytes() for path in paths})
    except formats.FormatError as error:
        return importing.failed(model, str(error))
