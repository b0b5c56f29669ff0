"""The file store behind the image library, and the errors that mean it cannot be reached.

Local disk (MEDIA_ROOT) by default; an S3-compatible bucket when CSX_S3_BUCKET is set
(csx/config/storage.py). Either is Django's `default_storage`: nothing else here knows which.
"""

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

# What a store that is down, refusing or timing out raises: a connection refused or reset
# (OSError on disk, BotoCoreError over S3), or an answer that is an error (ClientError,
# which a missing file is too: `open()` turns that one into FileNotFoundError first).
UNREACHABLE = (OSError, BotoCoreError, ClientError)


class StoreUnreachable(Exception):
    """The store could not be written to or read from just now."""


def write(name, content):
    """Write the bytes `content` as `name` (a name derived from them: writing it again
    writes the same bytes)."""
    try:
        default_storage.save(name, ContentFile(content))
    except UNREACHABLE as error:
        raise StoreUnreachable(str(error)) from error


def read(name):
    """The bytes stored as `name`; FileNotFoundError if there is none."""
    try:
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    except FileNotFoundError:
        raise
    except UNREACHABLE as error:
        if is_missing(error):
            raise FileNotFoundError(name) from error
        raise StoreUnreachable(str(error)) from error


def is_missing(error):
    code = getattr(error, "response", {}).get("Error", {}).get("Code")
    return code in {"404", "NoSuchKey", "NotFound"}
