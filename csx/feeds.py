from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from stories.models import Story


class StoryFeed(Feed):
    feed_type = Atom1Feed
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
