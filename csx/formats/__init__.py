"""The library's own formats (settings.FORMAT_MODULE_PATH, one folder per locale: en/), and
the one way code writes a moment for people to read."""

from django.utils.formats import date_format
from django.utils.timezone import get_current_timezone_name, localtime


def date_and_time(value):
    """An aware datetime as the reader's clock shows it, in the library's date-time format."""
    return date_format(localtime(value), "DATETIME_FORMAT")


def short_date(value):
    """A date (or an aware datetime, on the reader's clock) for a list's narrow column."""
    if hasattr(value, "tzinfo"):
        value = localtime(value)
    return date_format(value, "SHORT_DATE_FORMAT")


def time_zone_note():
    """The sentence a form's date-time field adds so nobody schedules in the wrong zone:
    "Times are in UTC." or "Times are in Europe/London (BST now).\""""
    name = get_current_timezone_name()
    abbreviation = localtime().tzname()
    now = f" ({abbreviation} now)" if abbreviation and abbreviation != name else ""
    return f"Times are in {name}{now}."


def with_time_zone(help_text):
    """A date-time field's help text, followed by the time zone its times are in."""
    return f"{help_text} {time_zone_note()}".strip()
