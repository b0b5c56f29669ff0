"""What a stored page shows, and which saves send it off the page cache (csx/serving/cache.py).

While a page is drawn, everything it reads is written down, as names of things that change:

| name                | a page depends on it when it                | a save changes it when it  |
|---------------------|---------------------------------------------|----------------------------|
| `row:<table>:<pk>`  | loaded that row as a model instance         | changes or deletes the row |
| `rows:<table>`      | loaded more than ROW_LIMIT rows of it       | changes any row of it      |
| `members:<table>`   | ran any query over the table                | adds or deletes a row      |
| `col:<table>.<col>` | filtered, joined, ordered or grouped on the | changes that column of a   |
|                     | column, or read it without loading instances| row                        |
| `any`               | read a table by hand-written SQL (search),  | changes any content at all |
|                     | or one no model describes                   |                            |
| `all`               | (every page)                                | (a go-live time reached, a |
|                     |                                             | deploy, a restore)         |

So an editor's save of a story's text sends off its own page and the pages that loaded that
story (lists, tags, its company's, feeds, search), but not another story's page, whose
related-stories query filters on columns the save did not touch. Each name holds a random
token in the cache beside the content version; a stored page keeps the tokens it was drawn
under and is served only while every one is unchanged (a token expired or evicted is a
change too: never a stale page, at worst a redraw).

Instances are seen by `post_init`, queries by an execute wrapper on the connection, both only
while something records (a page being drawn, a `memo`, a template fragment: each keeps the
names it depended on, so reusing it adds them to the page that reuses it).
"""

import contextvars
import functools
import re
from contextlib import contextmanager

from django.apps import apps
from django.db import connection
from django.db.models.signals import post_init

from csx.content import registry

ROW_LIMIT = 30  # more rows of one table than this: the page depends on the whole table

_current = contextvars.ContextVar("page_dependencies", default=None)


class Recording:
    """The names one drawing depended on, in the order they were first met."""

    def __init__(self, parent):
        self.parent = parent
        self.names = set()
        self.fragments = {}  # a fragment being drawn: its key → its own Recording

    def add(self, name):
        self.names.add(name)

    def summary(self):
        """The names, with the rows of a table read by the hundred folded into the table."""
        rows = {}
        for name in self.names:
            if name.startswith("row:"):
                rows.setdefault(name.rsplit(":", 1)[0], []).append(name)
        folded = {table for table, names in rows.items() if len(names) > ROW_LIMIT}
        kept = [
            n for n in self.names if not (n.startswith("row:") and n.rsplit(":", 1)[0] in folded)
        ]
        return tuple(sorted({*kept, *(f"rows:{t[4:]}" for t in folded), "all"}))


@contextmanager
def recording():
    """Write down what the code inside reads; what it read is also the enclosing drawing's."""
    parent = _current.get()
    recorder = Recording(parent)
    token = _current.set(recorder)
    try:
        if parent is None:
            with connection.execute_wrapper(on_query):
                yield recorder
        else:
            yield recorder
    finally:
        _current.reset(token)
        if parent is not None:
            for name in recorder.names:
                parent.add(name)


def note(names):
    """What a reused result (a memo, a fragment) depended on, for the drawing reusing it."""
    recorder = _current.get()
    if recorder is not None:
        for name in names:
            recorder.add(name)


def is_recording():
    return _current.get() is not None


def mark(key):
    """A fragment `key` was missed and is drawn now: what is read until it is kept
    (fragment_names) is recorded for it too, whatever the drawing had read before."""
    recorder = _current.get()
    if recorder is not None:
        fragment = Recording(recorder)
        fragment.token = _current.set(fragment)
        recorder.fragments[key] = fragment


def fragment_names(key):
    """What the fragment `key` read since it was missed, or None when nobody was recording
    (such a fragment is not reused by a drawing that records: it is drawn again)."""
    fragment = _current.get()
    parent = getattr(fragment, "parent", None)
    if parent is None or parent.fragments.get(key) is not fragment:
        return None
    del parent.fragments[key]
    _current.reset(fragment.token)
    for name in fragment.names:
        parent.add(name)
    return tuple(fragment.names)


# What the library's tables are.


@functools.cache
def content_apps():
    """The apps whose every row is library content, or hangs off it."""
    return {model._meta.app_label for model in registry.models()} | {"csx", "taggit"}


def shown(model):
    """Do readers see the rows of `model`? (A model of those apps that readers never see
    says so: `shown_to_readers = False`.)"""
    return model._meta.app_label in content_apps() and getattr(model, "shown_to_readers", True)


@functools.cache
def content_tables():
    """{table name: model} of every model readers see."""
    return {
        model._meta.db_table: model
        for model in apps.get_models(include_auto_created=True)
        if shown(model)
    }


@functools.cache
def known_tables():
    return {model._meta.db_table for model in apps.get_models(include_auto_created=True)}


@functools.cache
def content_prefixes():
    return tuple(f"{app}_" for app in content_apps())


@functools.cache
def columns(table):
    return frozenset(field.column for field in content_tables()[table]._meta.concrete_fields)


def row_name(instance):
    return f"row:{instance._meta.db_table}:{instance.pk}"


def on_init(sender, instance, **kwargs):
    recorder = _current.get()
    if (
        recorder is not None
        and instance.pk is not None
        and sender._meta.db_table in content_tables()
    ):
        recorder.add(row_name(instance))


def on_query(execute, sql, params, many, context):
    recorder = _current.get()
    if recorder is not None:
        for name in query_names(sql):
            recorder.add(name)
    return execute(sql, params, many, context)


# Reading a query. Django writes `FROM "table" T3` (aliases bare) and `"table"."column"` or
# `T3."column"`; hand-written SQL (the search module) names tables bare.

QUOTED_TABLE = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"(?:\s+([A-Z]\d+)\b)?')
BARE_TABLE = re.compile(r"(?:FROM|JOIN)\s+([A-Za-z_]\w*)")
COLUMN = re.compile(r'(?:"(\w+)"|\b([A-Z]\d+))\."(\w+)"')


@functools.lru_cache(maxsize=4096)
def query_names(sql):
    """The names a SELECT depends on (a write reads nothing a page shows)."""
    if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
        return ()
    tables = content_tables()
    names = set()
    for bare in BARE_TABLE.findall(sql):
        if bare in tables or (bare not in known_tables() and bare.startswith(content_prefixes())):
            names.add("any")  # by hand: what it filters on is not read here
    aliases = {}
    for table, alias in QUOTED_TABLE.findall(sql):
        aliases[table] = table
        if alias:
            aliases[alias] = table
        if table in tables:
            names.add(f"members:{table}")
        elif table not in known_tables():
            names.add("any")
    if not any(name.startswith("members:") for name in names):
        return tuple(names)
    cut = sql.find(" FROM ")
    shown, rest = sql[:cut], sql[cut:]
    for table, column in refs(rest, aliases):
        if table is None:
            names.add("any")
        elif table in tables:
            names.add(f"col:{table}.{column}")
    names.update(shown_names(refs(shown, aliases)))
    return tuple(names)


def refs(sql, aliases):
    """(table, column) of each column named in `sql`; table None when it cannot be told."""
    return [(aliases.get(quoted or alias), column) for quoted, alias, column in COLUMN.findall(sql)]


def shown_names(shown):
    """Columns a SELECT returns: a table whose every column comes back once is loaded as
    instances (post_init names the rows); otherwise the page shows those columns."""
    counts = {}
    for table, column in shown:
        counts.setdefault(table, []).append(column)
    for table, found in counts.items():
        if table is None:
            yield "any"
        elif table in content_tables() and not (
            len(found) == len(set(found)) and set(found) == columns(table)
        ):
            yield from (f"col:{table}.{column}" for column in found)


def connect():
    post_init.connect(on_init, dispatch_uid="page-dependencies")
