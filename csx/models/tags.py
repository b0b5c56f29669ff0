"""Tags a publisher renamed, merged into another or deleted: what each change took away, and each
touched item as it was before, so that the change can be undone, old tag addresses keep
leading somewhere, and a pending change written before it does not bring the tags back
(csx/editorial/tag_changes.py makes and undoes them)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from taggit.models import Tag

from csx.models.content import choices_constraint


class TagChangeKind(models.TextChoices):
    RENAMED = "renamed", "Renamed"
    MERGED = "merged", "Merged"
    DELETED = "deleted", "Deleted"


class TagChange(models.Model):
    Kind = TagChangeKind

    kind = models.CharField(max_length=8, choices=TagChangeKind)
    # Where a renamed or merged tag's name and address lead now; none once that is deleted.
    into = models.ForeignKey(
        Tag, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Each item that carried a tag it took away, as it was just before (with its tags).
    before = models.ForeignKey(
        "reversion.Revision", null=True, on_delete=models.PROTECT, related_name="+"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-made_at", "-pk"]
        constraints = [choices_constraint("kind", TagChangeKind, "csx_tagchange_kind")]

    def __str__(self):
        names = ", ".join(f"“{tag.name}”" for tag in self.retired.all())
        into = f"“{self.into.name}”" if self.into else "a tag deleted since"
        if self.kind == self.Kind.RENAMED:
            return f"{names} renamed {into}"
        if self.kind == self.Kind.MERGED:
            return f"{names} merged into {into}"
        return f"{names} deleted"


class RetiredTag(models.Model):
    """A tag a change took away: its name (mapped when an older revision is applied) and,
    if it had a page, its address (answered with a redirect to the tag it went into, or as
    gone)."""

    change = models.ForeignKey(TagChange, on_delete=models.CASCADE, related_name="retired")
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    # A live page carried it: only then had it a page, whose address must keep answering.
    public = models.BooleanField(default=False)

    class Meta:
        ordering = ["-pk"]  # a name retired twice: the newest change says where it leads
        indexes = [models.Index(fields=["slug"]), models.Index(fields=["name"])]

    def __str__(self):
        return self.name
