from csx.content.permalinks import SlugHistory, Withdrawal
from csx.models.content import (
    Content,
    ContentQuerySet,
    Source,
    State,
    Status,
    choices_constraint,
)
from csx.models.search import SearchEntry, SearchLog, SearchTerm, Synonym
from csx.models.workflow import AuditEvent, PendingChange, Review, ShareLink

__all__ = [
    "AuditEvent",
    "Content",
    "ContentQuerySet",
    "PendingChange",
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
    "Withdrawal",
    "choices_constraint",
]
