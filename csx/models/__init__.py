from csx.models.content import (
    Content,
    ContentQuerySet,
    Source,
    State,
    Status,
    choices_constraint,
)
from csx.models.search import SearchEntry, SearchTerm
from csx.permalinks import SlugHistory, Withdrawal

__all__ = [
    "Content",
    "ContentQuerySet",
    "SearchEntry",
    "SearchTerm",
    "SlugHistory",
    "Source",
    "State",
    "Status",
    "Withdrawal",
    "choices_constraint",
]
