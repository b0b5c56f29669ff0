"""The editors' dashboard, the admin's front page: what waits for whom, what goes live or
comes down soon, what is due for review, which references are broken, which links to other
sites no longer work (csx/editorial/link_checks.py), what changed lately,
how many of each, and what readers sent and searched for (the feedback app's panels)."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from csx.content import references, registry
from csx.content.admin_links import admin_url
from csx.editorial import history, link_checks, reviews
from csx.editorial.permissions import can_publish
from csx.models import PendingChange, Review, State, Status
from csx.models.content import state_condition
from csx.search import log as search_log
from csx.serving import versions

SOON = timedelta(days=7)
LISTED = 10
KEPT_SECONDS = 3600  # what is kept per version of the library, at most


@dataclass
class Entry:
    item: object
    note: str
    when: object = None
    user: object = None

    @property
    def url(self):
        return admin_url(self.item)

    @property
    def kind(self):
        return self.item._meta.verbose_name.capitalize()


def dashboard(user):
    return {
        "publisher": can_publish(user),
        "waiting": waiting(user),
        "sent_back": sent_back(user),
        "coming_up": coming_up(),
        "due": due_for_review(),
        "broken": broken_references(),
        "links": link_checks.summary(),
        "search_days": search_log.DAYS,
        "top_queries": search_log.top_queries(),
        "zero_result_queries": search_log.zero_result_queries(),
        "recent": recent_changes(),
        "counts": counts(),
        "states": State.choices,
    }


def reviews_with_items(reviews):
    return [review for review in reviews if review.item is not None]


def waiting(user):
    """Publishers: the queue, oldest first. Editors: their own requests still waiting."""
    reviews = Review.objects.waiting().select_related("submitted_by", "content_type")
    if not can_publish(user):
        reviews = reviews.filter(submitted_by=user)
    return reviews_with_items(reviews[:LISTED])


def sent_back(user):
    """The user's requests a publisher sent back, while not submitted again."""
    latest = {}
    for review in Review.objects.filter(submitted_by=user).order_by("submitted_at", "pk"):
        latest[(review.content_type_id, review.object_id)] = review
    answered = [r for r in latest.values() if r.state == Review.State.SENT_BACK]
    answered.sort(key=lambda review: review.decided_at, reverse=True)
    return reviews_with_items(answered[:LISTED])


def coming_up():
    """Items going live or coming down within SOON, soonest first."""
    now = timezone.now()
    return happenings(now, now + SOON)[:LISTED]


def happenings(start, end):
    """What goes live, comes down, or changes by schedule from `start` to before `end`
    (past or future), in time order: the dashboard's next week, the calendar's month."""
    entries = []
    for model in registry.models():
        approved = model.objects.filter(status=Status.PUBLISHED)
        for item in approved.filter(published_at__gte=start, published_at__lt=end):
            entries.append(Entry(item, "goes live", item.published_at))
        for item in approved.filter(take_down_at__gte=start, take_down_at__lt=end):
            entries.append(Entry(item, "comes down", item.take_down_at))
    changes = PendingChange.objects.scheduled()
    for change in changes.filter(takes_effect_at__gte=start, takes_effect_at__lt=end):
        if change.item is not None:
            entries.append(Entry(change.item, "change takes effect", change.takes_effect_at))
    return sorted(entries, key=lambda entry: entry.when)


def due_for_review():
    """Live items past their "review by" date, longest overdue first, with their owner."""
    due = reviews.due(limit=LISTED)
    return [Entry(item, "review by", item.review_by, item.owner) for item in due]


def broken_references():
    """Markdown links readers see as plain text (a target withdrawn, unpublished or gone),
    found once per version of the library: they change only when content does, and finding
    them reads every text that holds a link (365 ms at 50,000 stories)."""
    key = f"csx:dashboard:broken:{versions.token_of('any')}"
    found = cache.get(key)
    if found is None:
        broken = references.broken()[:LISTED]
        found = [Entry(ref.holder, f"links to {ref}: {ref.problem}") for ref in broken]
        cache.set(key, found, KEPT_SECONDS)
    return found


def recent_changes():
    """The latest revisions of library items, newest first, each with who and what."""
    types = [ContentType.objects.get_for_model(model) for model in registry.models()]
    versions = (
        Version.objects.filter(content_type__in=types)
        .exclude(revision__comment=history.BEFORE_HISTORY)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")[: LISTED * 2]
    )
    entries, seen = [], set()
    for version in versions:
        if version.revision_id in seen:
            continue
        seen.add(version.revision_id)
        item = version.object
        if item is not None:
            revision = version.revision
            entries.append(Entry(item, revision.comment, revision.date_created, revision.user))
    return entries[:LISTED]


def counts():
    """[(kind, changelist url, [(state, count)])]: one grouped query per type."""
    now = timezone.now()
    rows = []
    for kind in registry.TYPES:
        model = kind.model
        found = model.objects.aggregate(
            **{state: Count("pk", filter=state_condition(state, now)) for state in State.values}
        )
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        rows.append((kind.plural, url, [(state, found[state]) for state in State.values]))
    return rows
