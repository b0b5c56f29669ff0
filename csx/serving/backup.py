"""Backups of the whole library, taken while it serves, and restores of them.

Whole databases, not a dump of models: every table comes back exactly, tag assignments,
slug history, withdrawals, users and the search index (SQLite's FTS5 tables, PostgreSQL's
generated vectors) included, which `dumpdata` does not promise.

- SQLite: the online backup API copies the database page by page into a file that is
  itself an SQLite database; restoring copies it back the same way.
- PostgreSQL: `pg_dump --format=custom` (a consistent snapshot while the site serves);
  restoring is `pg_restore --clean` in one transaction, so readers see the old library or
  the restored one, never half of each.
- The image library's files (csx/media), wherever they are kept (local disk or an
  S3-compatible bucket: Django's default storage either way): a tar beside the database's
  backup (`<backup>.media.tar`), restored by adding back the files the store lacks (their
  names are derived from their content, so nothing there is ever overwritten with
  something else).
- The background tasks waiting in Redis (RQ), which a database backup does not hold:
  `<backup>.tasks.json`, queued again by a restore (csx/serving/backup_tasks.py). Tasks
  waiting in the database are in its backup.
"""

import io
import os
import sqlite3
import subprocess
import tarfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from csx.serving import backup_tasks, cache

SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".pgdump"}
# The first bytes of each kind of backup, so that a restore refuses the wrong kind of file.
SIGNATURES = {"sqlite": b"SQLite format 3\x00", "postgresql": b"PGDMP"}


class BackupError(Exception):
    pass


def default_path():
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 - the operator's clock
    folder = Path(os.environ.get("CSX_BACKUP_DIR", settings.BASE_DIR / "backups"))
    return folder / f"csx-{stamp}{SUFFIXES[connection.vendor]}"


def backup(path=None):
    """Writes a backup of the library's database to `path` (or a dated file); returns it."""
    path = Path(path or default_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        postgres("pg_dump", "--format=custom", "--no-owner", f"--file={path}")
    else:
        raise BackupError(f"No backup for a {connection.vendor} database.")
    backup_media(path)
    backup_tasks.backup(path)
    return path


def media_archive(path):
    """Where the media of the backup at `path` go."""
    path = Path(path)
    return path.with_name(f"{path.name}.media.tar")


def stored_files(folder=""):
    """The name of every file in the default storage, under `folder`, walked with the
    storage's own listing (a folder on disk, or the keys of a bucket)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # local disk, before the first upload
        return
    for name in files:
        yield f"{folder}{name}"
    for each in folders:
        yield from stored_files(f"{folder}{each}/")


def backup_media(path):
    """Every stored file, archived beside the backup at `path`; returns the archive, or None
    when the store holds nothing."""
    names = list(stored_files())
    if not names:
        return None
    archive = media_archive(path)
    with tarfile.open(archive, "w") as tar:
        for name in names:
            with default_storage.open(name, "rb") as stored:
                content = stored.read()
            member = tarfile.TarInfo(name)
            member.size = len(content)
            tar.addfile(member, io.BytesIO(content))
    return archive


def restore_media(path):
    """The files archived beside the backup at `path` that the store lacks, put back;
    returns how many, or None when there is no archive."""
    archive = media_archive(path)
    if not archive.exists():
        return None
    added = 0
    with tarfile.open(archive) as tar:
        for member in tar:
            # Only plain files with a name inside the store: nothing a crafted archive could
            # use to write elsewhere (the same refusals as tarfile's "data" filter).
            name = tarfile.data_filter(member, "/csx-media").name
            if not member.isfile() or default_storage.exists(name):
                continue
            default_storage.save(name, ContentFile(tar.extractfile(member).read()))
            added += 1
    return added


def restore(path):
    """Replaces everything in the library's database with the backup at `path`."""
    path = Path(path)
    with path.open("rb") as file:
        signature = SIGNATURES.get(connection.vendor, b"")
        if not signature or not file.read(len(signature)) == signature:
            raise BackupError(f"{path} is not a backup of a {connection.vendor} database.")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        postgres("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                 "--exit-on-error", str(path))  # fmt: skip
    restore_media(path)
    backup_tasks.restore(path)
    # Every page is out of date: content changed without a save to say so.
    cache.bump()


def postgres(program, *arguments):
    """Runs pg_dump or pg_restore on the library's database (connection details from
    DATABASE_URL; the password through the environment, never the command line)."""
    db = connection.settings_dict
    options = [f"--dbname={db['NAME']}"]
    options += [f"--host={db['HOST']}"] if db.get("HOST") else []
    options += [f"--port={db['PORT']}"] if db.get("PORT") else []
    options += [f"--username={db['USER']}"] if db.get("USER") else []
    env = {**os.environ, **({"PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else {})}
    result = subprocess.run(  # noqa: S603 - fixed programs, arguments from settings
        [program, *options, *arguments], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")
