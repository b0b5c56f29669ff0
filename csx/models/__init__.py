from csx.models.content import (
    Content,
    ContentQuerySet,
    SlugHistory,
    Source,
    Status,
    choices_constraint,
)
from csx.models.search import SearchEntry, SearchTerm
from csx.models.withdrawals import Withdrawal

__all__ = [
    "Content",
    "ContentQuerySet",
    "SearchEntry",
    "SearchTerm",
    "SlugHistory",
    "Source",
    "Status",
    "Withdrawal",
    "choices_constraint",
]
