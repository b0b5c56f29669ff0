"""Saved views: a content list's filters kept under a name, by one person, for one type.

A view is the list's query string, so its link shows anyone the same list ("owner=me" is
whoever opens it). Four are built in for everyone:

    for_person(user, model)        the built-in views, then the person's own, as (name, query, pk)
    save(user, model, name, query) keep (or replace) the person's view of that name
    delete(user, pk)               remove one of the person's own views
"""

from urllib.parse import parse_qsl, urlencode

from django.contrib.contenttypes.models import ContentType

from csx.models import SavedView

BUILT_IN = [
    ("Mine", "owner=me"),
    ("Waiting for me", "waiting=me"),
    ("Changed this week", "changed=week"),
    ("Due for review", "review=due"),
]

# The list's own bookkeeping, never part of what a view filters by.
NOT_FILTERS = {"p", "e", "_changelist_filters", "_popup", "_to_field", "all"}


def clean_query(query):
    """`query` (a query string) without the page number and the list's bookkeeping."""
    pairs = parse_qsl(query.lstrip("?"), keep_blank_values=False)
    return urlencode([(k, v) for k, v in pairs if k not in NOT_FILTERS])[:2000]


def for_person(user, model):
    content_type = ContentType.objects.get_for_model(model)
    own = SavedView.objects.filter(owner=user, content_type=content_type)
    return [(name, query, None) for name, query in BUILT_IN] + [
        (view.name, view.query, view.pk) for view in own
    ]


def save(user, model, name, query):
    name = " ".join(name.split())[:80]
    if not name:
        raise ValueError("Give the view a name.")
    view, _ = SavedView.objects.update_or_create(
        owner=user,
        content_type=ContentType.objects.get_for_model(model),
        name=name,
        defaults={"query": clean_query(query)},
    )
    return view


def delete(user, pk):
    return SavedView.objects.filter(owner=user, pk=pk).delete()[0] > 0
