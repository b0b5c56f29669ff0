"""The search index's tables (the search itself lives in csx/search/)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class SearchEntry(models.Model):
    """The searchable text of one published item, kept in step with it on every save.

    The database indexes these rows itself: a generated, weighted tsvector with a GIN index
    on PostgreSQL, an FTS5 table kept by triggers on SQLite (see migration 0003).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=16, db_index=True)
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_entry_per_item")
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class SearchTerm(models.Model):
    """A word that occurs in the library, for "did you mean" when a search finds nothing."""

    word = models.CharField(max_length=60, unique=True)

    def __str__(self):
        return self.word
