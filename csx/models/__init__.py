from csx.models.content import (
    Content,
    ContentQuerySet,
    Source,
    State,
    Status,
    choices_constraint,
)
from csx.models.search import SearchEntry, SearchTerm
from csx.models.workflow import PendingChange, Review
from csx.permalinks import SlugHistory, Withdrawal

__all__ = [
    "Content",
    "ContentQuerySet",
    "PendingChange",
    "Review",
    "SearchEntry",
    "SearchTerm",
    "SlugHistory",
    "Source",
    "State",
    "Status",
    "Withdrawal",
    "choices_constraint",
]
