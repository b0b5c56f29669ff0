"""The library's own formats (settings.FORMAT_MODULE_PATH, one folder per locale: en/), and
the one way code writes a moment for people to read."""

from django.utils.formats import date_format
from django.utils.timezone import localtime


def date_and_time(value):
    """An aware datetime as the reader's clock shows it, in the library's date-time format."""
    return date_format(localtime(value), "DATETIME_FORMAT")


def short_date(value):
    """A date (or an aware datetime, on the reader's clock) for a list's narrow column."""
    if hasattr(value, "tzinfo"):
        value = localtime(value)
    return date_format(value, "SHORT_DATE_FORMAT")
