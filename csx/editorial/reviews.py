"""Review dates: what is due, and the reminder each owner gets (manage.py send_review_reminders).

Every published item has a "review by" date (set on publishing from its type's interval)
and an owner. `due()` lists what has reached its date, across every type; the editors'
dashboard and the reminders read it.
"""

from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.formats import date_format

from csx.content import registry
from csx.content.admin_links import admin_url


def due(on=None, limit=None):
    """Every published item due for review by `on` (today unless given), longest overdue
    first, with its owner; the first `limit` only when given (the dashboard: at 50,000
    stories thousands may be due, and it lists ten), read as `limit` a type."""
    items = [
        item
        for model in registry.models()
        for item in model.objects.due_for_review(on).select_related("owner")[:limit]
    ]
    items.sort(key=lambda item: (item.review_by, item._meta.verbose_name, item.pk))
    return items[:limit]


def by_owner(items):
    """{owner: their items} for items with an owner, and the items nobody owns."""
    owned, unowned = defaultdict(list), []
    for item in items:
        if item.owner is None:
            unowned.append(item)
        else:
            owned[item.owner].append(item)
    return dict(owned), unowned


def site_url(path):
    return f"{settings.SITE_URL}{path}"


def listing(items):
    """The items as lines of plain text, each with its page and its admin form."""
    lines = []
    for item in items:
        meta = item._meta
        change = admin_url(item)
        lines += [
            f"- {meta.verbose_name.capitalize()}: {item.title} "
            f"(review by {date_format(item.review_by)})",
            f"  Edit: {site_url(change)}",
            f"  Page: {site_url(item.get_absolute_url())}",
        ]
    return "\n".join(lines)


def reminder(to, name, items):
    """The email that asks `to` to review `items`."""
    count = len(items)
    subject = f"CSX Library: {count} item{'s' if count != 1 else ''} due for review"
    body = (
        f"Hello {name},\n\n"
        f"{'This item' if count == 1 else f'These {count} items'} in CSX Library "
        f"{'has' if count == 1 else 'have'} reached the review date, as of "
        f"{date_format(timezone.localdate())}. Read {'it' if count == 1 else 'each'} through, "
        "check that its facts and sources still hold, then edit it or, in its list in the "
        "admin, choose \u201cMark the selected items reviewed today\u201d.\n\n"
        f"{listing(items)}\n\n"
        "You get this because you are the item's owner in the admin.\n"
    )
    return EmailMessage(subject=subject, body=body, to=to)
