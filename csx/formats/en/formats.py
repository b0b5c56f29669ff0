"""How the library writes a date, a date and time, and a time: here and nowhere else.

Templates say `{{ value|date }}`, `{{ value|date:"DATETIME_FORMAT" }}`, `{{ value|time }}`;
Python says `formats.date_format(value)` or `date_and_time(value)`.
Machine dates (a <time datetime="…">, a query string, a CSV) stay ISO 8601.
tests/test_date_formats.py fails on a template or module that spells a format of its own.

Named for English, so every English locale (en-gb is the site's) finds it before Django's own.
"""

DATE_FORMAT = "j F Y"  # 6 December 2026
DATETIME_FORMAT = "j F Y, H:i"  # 6 December 2026, 21:30
SHORT_DATE_FORMAT = "j M Y"  # 6 Dec 2026: dates in a list's narrow columns
TIME_FORMAT = "H:i"  # 21:30
