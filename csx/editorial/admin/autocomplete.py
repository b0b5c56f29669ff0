"""The admin's autocompletes, refusing what they cannot read with a 400, never a 500.

Two ways in took any text: the JSON view the select boxes ask as an editor types
(/admin/autocomplete/?term=…&app_label=…&model_name=…&field_name=…&page=…), and the select
boxes themselves, which look up the items they show as chosen. A chosen value that is no
key of the field's model ("?company=abc" on an add page, or a form sent back with it) made
Django's widget query `id IN ('abc')`, a ValueError; a term holding a NUL is refused by
PostgreSQL. The view answers a malformed request 400 (Django's own 403 stays for names that
are well formed but unknown, its 404 for a page past the last); the widgets show a value
that is no key as nothing chosen, and the form says it is no valid choice.
"""

import re

from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.http import JsonResponse

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")  # an app label, model or field name
PAGE = re.compile(r"[1-9][0-9]{0,5}")
TERM_LIMIT = 200  # characters: longer than any title, short of a query that ties up the database


def malformed(query):
    """Why the autocomplete cannot read `query` (request.GET), or None when it can."""
    for name in ("app_label", "model_name", "field_name"):
        if not NAME.fullmatch(query.get(name, "")):
            return f"{name} must be a name (letters, digits, underscores)."
    term = query.get("term", "")
    if len(term) > TERM_LIMIT:
        return f"term is longer than {TERM_LIMIT} characters."
    if any(ord(character) < 32 for character in term):
        return "term holds a control character."
    if "page" in query and not PAGE.fullmatch(query["page"]):
        return "page must be a whole number from 1."
    return None


class CheckedAutocomplete(AutocompleteJsonView):
    def get(self, request, *args, **kwargs):
        problem = malformed(request.GET)
        if problem is not None:
            return JsonResponse({"error": problem}, status=400)
        return super().get(request, *args, **kwargs)


class KeysOnly:
    """A select box that shows as chosen only values that can be keys of its field's model."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        opts = remote.model._meta
        key = opts.get_field(getattr(remote, "field_name", None) or opts.pk.name)
        return super().optgroups(name, [v for v in value if is_key(key, v)], attr)


def is_key(field, value):
    # The validators hold the database's range: a 20-digit number is no key on either.
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


class CheckedSelect(KeysOnly, AutocompleteSelect):
    pass


class CheckedSelectMultiple(KeysOnly, AutocompleteSelectMultiple):
    pass


class CheckedAutocompleteFields:
    """A ModelAdmin mixin: its autocomplete_fields use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", CheckedSelect(db_field, self.admin_site, using=kwargs.get("using"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                CheckedSelectMultiple(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
