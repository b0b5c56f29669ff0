"""The list filters of an editor's desk with hundreds of items.

Filters with many values (company, tag, owner) are searched by typing, with Django's own
autocomplete machinery (the select boxes of `autocomplete_fields`: select2 and the admin's
/autocomplete/ view), not listed: 214 companies made a filter column 7,639 px tall. Each is
still a plain query parameter, so a filtered list is a link that can be shared.

    TypedFilter        a foreign key or many-to-many (tags) chosen by typing
    OwnerFilter        ?owner=me, ?owner=<id>: who looks after the item, chosen by typing
    WaitingFilter      ?waiting=me: for a publisher, what waits for review; for an editor,
                       their items sent back to them
    ChangedFilter      ?changed=week: saved in the last seven days
"""

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from csx.editorial.permissions import can_publish
from csx.models import Review

TEMPLATE = "admin/workspace/typed_filter.html"


class TypedFilter(admin.RelatedFieldListFilter):
    """A related-field filter whose one choice is typed, not picked from a list."""

    template = TEMPLATE

    def field_choices(self, field, request, model_admin):
        return []  # the widget asks the autocomplete view as the editor types

    def has_output(self):
        return True

    def widget(self):
        chosen = self.lookup_val[0] if self.lookup_val else None
        select = AutocompleteSelect(self.field, self.model_admin.admin_site)
        return render(select, self.lookup_kwarg, chosen)

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.model_admin = model_admin
        super().__init__(field, request, params, model, model_admin, field_path)


class OwnerSelect(AutocompleteSelect):
    """The owner is a user: editors may not read the users' admin, so the choices come from
    the list's own /owners/ answer (staff only), in the autocomplete view's format."""

    def __init__(self, field, admin_site, url):
        super().__init__(field, admin_site)
        self.url = url

    def get_url(self):
        return self.url


class OwnerFilter(admin.SimpleListFilter):
    title = "owner"
    parameter_name = "owner"
    template = TEMPLATE

    def lookups(self, request, model_admin):
        self.request, self.model_admin = request, model_admin
        return [("me", "Mine")]

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(owner=request.user)
        if value and value.isdigit() and len(value) < 19:
            return queryset.filter(owner_id=int(value))
        return queryset

    def widget(self):
        opts = self.model_admin.opts
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_owners")
        select = OwnerSelect(opts.get_field("owner"), self.model_admin.admin_site, url)
        value = self.value()
        if value == "me":
            value = str(self.request.user.pk)
        chosen = value if value and value.isdigit() and len(value) < 19 else None
        return render(select, "owner", chosen)


def render(select, name, chosen):
    """The select box, showing `chosen` (a key, or None) as chosen; changing it reloads the
    list with `name` set to the new key (static/csx/admin/lists.js)."""
    model = select.field.remote_field.model
    field = forms.ModelChoiceField(model._default_manager.all(), widget=select, required=False)
    return field.widget.render(name, chosen, {"data-filter-param": name})


def owner_choices(term, limit=20):
    """The autocomplete view's answer for owners: staff whose name has `term`."""
    people = get_user_model().objects.filter(is_staff=True, is_active=True)
    if term:
        people = people.filter(username__icontains=term[:150])
    rows = people.order_by("username")[: limit + 1]
    results = [{"id": str(user.pk), "text": user.get_username()} for user in rows[:limit]]
    return {"results": results, "pagination": {"more": len(rows) > limit}}


class WaitingFilter(admin.SimpleListFilter):
    title = "waiting"
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("me", "Waiting for me")]

    def queryset(self, request, queryset):
        if self.value() != "me":
            return queryset
        reviews = Review.objects.filter(
            content_type=ContentType.objects.get_for_model(queryset.model),
            object_id=OuterRef("pk"),
        )
        if can_publish(request.user):
            return queryset.filter(Exists(reviews.filter(state=Review.State.WAITING)))
        last = reviews.order_by("-pk").values("state")[:1]
        return queryset.annotate(last_review=Subquery(last)).filter(
            owner=request.user, last_review=Review.State.SENT_BACK
        )


class ChangedFilter(admin.SimpleListFilter):
    title = "changed"
    parameter_name = "changed"
    DAYS = {"week": 7, "month": 30}

    def lookups(self, request, model_admin):
        return [("week", "This week"), ("month", "In the last 30 days")]

    def queryset(self, request, queryset):
        days = self.DAYS.get(self.value())
        if days is None:
            return queryset
        return queryset.filter(updated__gte=timezone.now() - timedelta(days=days))
