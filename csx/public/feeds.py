from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from stories.models import Story


class TextSummaryAtom(Atom1Feed):
    """Atom whose summaries are marked as plain text (Django marks them HTML): an editor's
    summary is words, and a feed reader must show "<b>" as written, not as markup."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class StoryFeed(Feed):
    feed_type = TextSummaryAtom
    title = "CSX Library: stories"
    subtitle = "New stories of good and bad customer service, with lessons for trainers."
    link = reverse_lazy("stories:story_list")

    def items(self):
        return Story.objects.published().select_related("company").order_by("-published_at")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.summary} ({item.evidence}.)"

    def item_categories(self, item):
        return [item.evidence.label]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated
