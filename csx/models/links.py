"""External links and what happened when they were last checked (csx/editorial/link_checks.py):
the dashboard's "External links" panel and `manage.py check_links` read and write these.

One row per address, wherever it is written: a source's URL or archived copy, a resource's
URL, a link in the Markdown of any item. `found_in` says where, as it stood at the check.
"""

from django.db import models
from django.db.models import Q

from csx.models.content import choices_constraint


class Outcome(models.TextChoices):
    OK = "ok", "Works"
    MOVED = "moved", "Moved"  # works, at another address it asks links to use
    BROKEN = "broken", "Broken"  # the site answers with an error
    UNREACHABLE = "unreachable", "Unreachable"  # no answer: no such host, refused, timed out


class LinkCheckQuerySet(models.QuerySet):
    def needing_attention(self):
        """Links an editor should mend, worst first: broken, then unreachable, then moved."""
        order = models.Case(
            models.When(outcome=Outcome.BROKEN, then=0),
            models.When(outcome=Outcome.UNREACHABLE, then=1),
            default=2,
        )
        return self.exclude(outcome=Outcome.OK).order_by(order, "url")


class LinkCheck(models.Model):
    Outcome = Outcome

    url = models.URLField("address", max_length=500, unique=True)
    outcome = models.CharField(max_length=12, choices=Outcome)
    status = models.PositiveSmallIntegerField("HTTP status", null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)  # "Timed out after 10 s", …
    moved_to = models.URLField(max_length=500, blank=True)  # where a redirect ended
    checked_at = models.DateTimeField("last checked")
    # Where it is written: [{"label": "Story “…”", "admin": "/admin/…"}, …]
    found_in = models.JSONField(default=list)

    objects = LinkCheckQuerySet.as_manager()
    shown_to_readers = False  # the page cache keeps its pages when one is written

    class Meta:
        verbose_name = "external link"
        ordering = ["url"]
        constraints = [
            choices_constraint("outcome", Outcome, "csx_linkcheck_outcome_valid"),
            models.CheckConstraint(condition=~Q(url=""), name="csx_linkcheck_url"),
        ]

    def __str__(self):
        return self.url
