"""A fixed day, for tests of what is counted per day (the search log, reader feedback)."""

from datetime import date

import time_machine

TODAY = date(2026, 11, 24)


def noon_today():
    return time_machine.travel("2026-11-24 12:00Z", tick=False)
