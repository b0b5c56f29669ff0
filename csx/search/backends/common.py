"""What both search backends share: the bounds, the time now, a fetch, counting once."""

from django.db import connection
from django.utils import timezone

from csx.search.documents import GATHERING_KINDS

# Snippet markers: control characters never typed by an editor, split out before display.
HIT_START, HIT_END = "\x01", "\x02"
CANDIDATES = 500
# A sentence's words are ranked in more ways (held, then rank), on three arms: fewer each.
SENTENCE_CANDIDATES = 200


# Pages that gather other items (a company's, a tag's) hold their items' words too; a reader
# typing those words, not the page's name, wants the item: such pages come after it.
GATHERS = "(e.kind IN ({}))".format(", ".join(f"'{kind}'" for kind in GATHERING_KINDS))


def arm_size(query):
    """How many candidates each arm of a search for `query` brings."""
    return SENTENCE_CANDIDATES if query.ranked_by else CANDIDATES


# Entries readers may see now: between their go-live and take-down times (one parameter,
# the time now, for each %s). Every query over csx_searchentry below keeps to it.
LIVE = (
    "(e.go_live_at IS NULL OR e.go_live_at <= %s)"
    " AND (e.take_down_at IS NULL OR e.take_down_at > %s)"
)


def now():
    """The time now, as this database compares it with a stored datetime."""
    return connection.ops.adapt_datetimefield_value(timezone.now())


def fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class Counting:
    """What both backends share: a search counts each query once. A corrected word is
    counted to see that it finds a live item, then again as the corrected query; the
    second count is the first's."""

    def __init__(self):
        self.counted = {}

    def counts(self, query, kind=None):
        key = (self.as_counted(query), kind)
        if key not in self.counted:
            self.counted[key] = self.count(query, kind)
        return dict(self.counted[key])
