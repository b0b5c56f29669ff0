from csx.content.permalinks import SlugHistory, Withdrawal
from csx.media.models import Image
from csx.models.content import Content, ContentQuerySet, State, Status, choices_constraint
from csx.models.desk import Autosave, Notification, NotifyChoice, SavedView
from csx.models.links import LinkCheck
from csx.models.search import SearchEntry, SearchLog, SearchTerm, Synonym
from csx.models.sources import Source
from csx.models.tags import RetiredTag, TagChange
from csx.models.workflow import AuditEvent, PendingChange, Review, ShareLink

__all__ = [
    "AuditEvent",
    "Image",
    "Autosave",
    "Content",
    "ContentQuerySet",
    "LinkCheck",
    "Notification",
    "NotifyChoice",
    "PendingChange",
    "RetiredTag",
    "SavedView",
    "Review",
    "SearchEntry",
    "SearchLog",
    "SearchTerm",
    "ShareLink",
    "SlugHistory",
    "Source",
    "State",
    "Status",
    "Synonym",
    "TagChange",
    "Withdrawal",
    "choices_constraint",
]
