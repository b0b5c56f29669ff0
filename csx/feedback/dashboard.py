"""What the editors' dashboard shows of what readers sent, each panel one function. Only
open input: what an editor answered or dismissed leaves the panels.

    waiting_submissions()      shared stories still open
    feedback_by_item()         per item: yes, no, and the latest comments (last 30 days; the
                               summary page passes everything=True for handled answers too)
    open_verification_tasks()  statistics readers think look wrong, with their reports

The feedback app's page in the admin (/admin/feedback/) shows them all.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q
from django.utils import timezone

from csx.content.admin_links import admin_url
from csx.feedback.models import Feedback, Submission, VerificationTask

DAYS = 30


@dataclass
class Waiting:
    count: int
    latest: list  # the newest few Submissions


def waiting_submissions(limit=5):
    waiting = Submission.objects.open().select_related("story")
    return Waiting(count=waiting.count(), latest=list(waiting[:limit]))


@dataclass
class ItemFeedback:
    item: object  # the story, principle, statistic or path (None once deleted)
    kind: str
    yes: int
    no: int
    comments: list = field(default_factory=list)  # the latest Feedback rows with a comment
    admin_url: str | None = None

    @property
    def answers(self):
        return self.yes + self.no


def feedback_by_item(days=DAYS, limit=10, comments=3, everything=False):
    """The items readers answered about in the last `days` days, most "no" first, each with
    its counts and latest comments: a handful of queries whatever the number of items. The
    open answers only, unless `everything`."""
    since = timezone.localdate() - timedelta(days=days - 1)
    recent = Feedback.objects.filter(day__gte=since)
    if not everything:
        recent = recent.open()
    rows = list(
        recent.values("content_type", "object_id")
        .annotate(
            yes=Count("pk", filter=Q(helpful=True)),
            no=Count("pk", filter=Q(helpful=False)),
            last=Max("pk"),
        )
        .order_by("-no", "-last")[:limit]
    )
    items = items_by_key(rows)
    noted = (
        recent.exclude(comment="")
        .filter(object_id__in={row["object_id"] for row in rows})
        .order_by("-pk")
    )
    said = {}
    for note in noted:
        said.setdefault((note.content_type_id, note.object_id), []).append(note)
    summary = []
    for row in rows:
        key = (row["content_type"], row["object_id"])
        item = items.get(key)
        summary.append(
            ItemFeedback(
                item=item,
                kind=ContentType.objects.get_for_id(key[0]).model,
                yes=row["yes"],
                no=row["no"],
                comments=said.get(key, [])[:comments],
                admin_url=admin_url(item),
            )
        )
    return summary


def items_by_key(rows):
    """{(content type id, object id): item} for the rows, one query per content type."""
    ids = {}
    for row in rows:
        ids.setdefault(row["content_type"], set()).add(row["object_id"])
    items = {}
    for content_type_id, object_ids in ids.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for item in model.objects.filter(pk__in=object_ids):
            items[(content_type_id, item.pk)] = item
    return items


def open_verification_tasks(limit=10):
    """Open tasks, most reported first, each with `report_count` and its reports."""
    return list(
        VerificationTask.objects.open()
        .select_related("statistic")
        .prefetch_related("reports")
        .annotate(report_count=Count("reports"))
        .order_by("-report_count", "opened")[:limit]
    )
