"""Where an item is edited: the one way to an item's form in the editors' admin, for the
dashboard, the review queue, "used in", reminders, records that point at an item, and the
"Edit this page" link staff see on the site."""

from django.contrib.admin.utils import quote
from django.urls import NoReverseMatch, reverse


def admin_url(item):
    """The admin form of `item`, or None when it has none (or there is no item)."""
    if item is None:
        return None
    return change_url(item._meta.app_label, item._meta.model_name, item.pk)


def change_url(app_label, model_name, pk):
    """The admin form of the row `pk` of a model named by its label, as records that point
    at items of any type (a content type and an id) know it."""
    try:
        return reverse(f"admin:{app_label}_{model_name}_change", args=[quote(pk)])
    except NoReverseMatch:
        return None
