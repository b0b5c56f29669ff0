"""A database that is down, restarting or unreachable: what it raises, and a log that says so
once a minute. (The logging configuration imports this before the apps load: it imports
nothing of the project's.)"""

import logging
import time

from django.db import InterfaceError, OperationalError

# Connection refused, terminated, closed, or (SQLite) locked.
DATABASE_AWAY = (OperationalError, InterfaceError)


class DatabaseAwayOnce(logging.Filter):
    """While the database is away every request fails the same way: its traceback is logged
    once a minute (saying how many requests met it meanwhile), not once per request, which
    at load filled gigabytes an hour. Any other error is logged as it comes."""

    interval = 60.0  # seconds

    def __init__(self, name=""):
        super().__init__(name)
        self.last = None
        self.held = 0

    def filter(self, record):
        if not (record.exc_info and isinstance(record.exc_info[1], DATABASE_AWAY)):
            return True
        now = time.monotonic()
        if self.last is not None and now - self.last < self.interval:
            self.held += 1
            return False
        if self.held:
            record.msg = f"{record.msg} ({self.held} more requests met this since the last one)"
        self.last, self.held = now, 0
        return True
