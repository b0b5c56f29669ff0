"""Ralph's LRS as `ralph runserver --backend fs` serves it (`ralph.api:app` under uvicorn, set
by RALPH_* variables), run by .venv-ralph's uvicorn (tests/lrs/__init__.py), with one fix:
Ralph 5.1.0's file-system LRS writes its one file with the "create" operation, so the second
POST of any statements fails (500, "already exists and overwrite is not allowed"). An LRS
adds to what it holds: here it appends."""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402,F401 - after the fix, which it reads when it serves
