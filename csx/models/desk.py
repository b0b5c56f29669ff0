"""What an editor keeps for their own desk: the list views they saved (filters under a name).

A saved view is the query string of a content type's admin list: shared as a link, it shows
anyone the same filters (csx/editorial/admin/views_bar.py)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class SavedView(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    name = models.CharField(max_length=80)
    query = models.CharField(max_length=2000, blank=True, help_text="The list's query string.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "content_type", "name"], name="csx_savedview_unique_name"
            )
        ]

    def __str__(self):
        return self.name
