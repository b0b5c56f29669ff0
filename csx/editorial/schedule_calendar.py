"""The editors' calendar (admin, /admin/calendar/): a month or a week of days, each with
what goes live, comes down or changes by schedule (csx.editorial.dashboard.happenings), in the
site's time zone."""

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format

SCOPES = ("month", "week")


@dataclass(frozen=True)
class Calendar:
    scope: str
    first: date  # the first day shown (a Monday)
    last: date  # the last day shown (a Sunday)
    day: date  # the day asked about

    @classmethod
    def around(cls, day, scope):
        """The month or week holding `day` ("YYYY-MM-DD", or None for today)."""
        if scope not in SCOPES:
            raise ValueError(f"Show a month or a week: scope={scope!r} is neither.")
        try:
            asked = parse_date(day) if day else timezone.localdate()
        except ValueError:
            asked = None
        if asked is None:
            raise ValueError(f"Give the day as YYYY-MM-DD: {day!r} is not one.")
        if scope == "week":
            first = asked - timedelta(days=asked.weekday())
            return cls(scope, first, first + timedelta(days=6), asked)
        weeks = calendar.Calendar().monthdatescalendar(asked.year, asked.month)
        return cls(scope, weeks[0][0], weeks[-1][-1], asked)

    @property
    def title(self):
        if self.scope == "week":
            return f"Calendar: the week of {date_format(self.first)}"
        return f"Calendar: {date_format(self.day, 'YEAR_MONTH_FORMAT')}"

    @property
    def span(self):
        """(start, end) as aware datetimes: midnight of the first day to after the last."""
        start = datetime.combine(self.first, time.min)
        end = datetime.combine(self.last + timedelta(days=1), time.min)
        return timezone.make_aware(start), timezone.make_aware(end)

    def weeks(self, entries):
        """[[(day, its entries, whether it is in the month shown)]] a row per week."""
        by_day = defaultdict(list)
        for entry in entries:
            by_day[timezone.localtime(entry.when).date()].append(entry)
        days = [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]
        cells = [
            (day, by_day[day], self.scope == "week" or day.month == self.day.month) for day in days
        ]
        return [cells[n : n + 7] for n in range(0, len(cells), 7)]

    def neighbour(self, step):
        """The `day` parameter of the month or week before (-1) or after (+1)."""
        if self.scope == "week":
            return (self.first + timedelta(days=7 * step)).isoformat()
        month = self.day.replace(day=1) + timedelta(days=32 if step > 0 else -1)
        return month.replace(day=1).isoformat()

    @property
    def previous(self):
        return self.neighbour(-1)

    @property
    def next(self):
        return self.neighbour(+1)
