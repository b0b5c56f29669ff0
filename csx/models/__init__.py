from csx.models.content import Content, ContentQuerySet, Source, Status, choices_constraint
from csx.models.search import SearchEntry, SearchLog, SearchTerm, Synonym
from csx.permalinks import SlugHistory, Withdrawal

__all__ = [
    "Content",
    "ContentQuerySet",
    "SearchEntry",
    "SearchLog",
    "SearchTerm",
    "SlugHistory",
    "Source",
    "Status",
    "Synonym",
    "Withdrawal",
    "choices_constraint",
]
