"""One date format and one date-time format (csx/formats/en/formats.py): no template or
module spells a date for people of its own. Machine dates (ISO 8601: a <time datetime>, a
query string) may be spelled, as they are not a matter of taste."""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.template import Context, Template
from django.utils import timezone

from tests.test_architecture import project_modules

ROOT = Path(settings.BASE_DIR)
# Django's named formats, defined for the library in csx/formats/, and ISO 8601 for machines.
ALLOWED = {"DATE_FORMAT", "DATETIME_FORMAT", "TIME_FORMAT", "YEAR_MONTH_FORMAT",
           "MONTH_DAY_FORMAT", "SHORT_DATE_FORMAT", "c", "Y-m-d"}  # fmt: skip
SPELLED = re.compile(r"""\|\s*(?:date|time)\s*:\s*["']([^"']*)["']|\{%\s*now\s+["']([^"']*)["']""")
# strftime codes for words (month and day names) and unpadded days: a date for people.
HUMAN_STRFTIME = re.compile(r"%(?:-d|-?[aAbB])")


def templates():
    for top in ["templates", "csx", "stories", "principles"]:
        yield from (ROOT / top).rglob("*.html")
        yield from (ROOT / top).rglob("*.txt")


def spelled_in_templates():
    return sorted(
        f"{file.relative_to(ROOT)}: {spelling}"
        for file in templates()
        for match in SPELLED.finditer(file.read_text())
        if (spelling := match.group(1) or match.group(2)) not in ALLOWED
    )


def spelled_in_code(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            literal = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)]
            if name in {"date_format", "time_format"} and literal and literal[0] not in ALLOWED:
                yield node.lineno
            texts = [a.value for a in node.args[:1] if isinstance(a, ast.Constant)]
            if name == "strftime" and texts and HUMAN_STRFTIME.search(str(texts[0])):
                yield node.lineno
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            spec = "".join(
                part.value for part in node.format_spec.values if isinstance(part, ast.Constant)
            )
            if HUMAN_STRFTIME.search(spec):
                yield node.lineno


def test_no_template_spells_a_date_format_of_its_own():
    assert spelled_in_templates() == []


def test_no_module_spells_a_date_for_people_of_its_own():
    spelled = [
        f"{file.relative_to(ROOT)}:{line}"
        for file in project_modules().values()
        for line in spelled_in_code(ast.parse(file.read_text()))
    ]
    assert spelled == []


def test_the_checks_see_a_spelled_format():
    # The checks read text: they find each kind of spelling they are meant to.
    assert SPELLED.search('{{ day|date:"j M Y" }}').group(1) == "j M Y"
    assert SPELLED.search('{% now "j F Y" %}').group(2) == "j F Y"
    code = (
        'date_format(x, "j M")\nx.strftime("%-d %B")\nf"{x:%d %b %Y}"\n'
        'date_format(x)\nf"{x:%Y-%m-%d}"'
    )
    assert sorted(set(spelled_in_code(ast.parse(code)))) == [1, 2, 3]


def test_the_library_writes_dates_its_one_way():
    moment = timezone.make_aware(timezone.datetime(2026, 12, 6, 21, 30))
    shown = Template('{{ m|date }} · {{ m|date:"DATETIME_FORMAT" }} · {{ m|time }}')
    assert (
        shown.render(Context({"m": moment})) == "6 December 2026 · 6 December 2026, 21:30 · 21:30"
    )
