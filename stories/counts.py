"""How many published stories a filtered list holds, kept as the list keeps it: the story
list's pages and the "See all" link on a principle's page say one number, counted once."""

from csx.serving import reuse


def kept_count(request, filters, count):
    """count(), kept until a change touches what it counted, not redone after every change of
    the library (a busy tag's 7,981 exemplary stories: 110 ms on PostgreSQL). `filters` is
    the list's query string by slugs (StoryFilter.by_slug), which names what count() counts."""
    return reuse.while_unchanged(
        request, f"story-count:{filters}", count, chosen_by_client=bool(filters)
    )
