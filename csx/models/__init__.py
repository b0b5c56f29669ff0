from csx.models.content import Content, ContentQuerySet, Source, Status, choices_constraint
from csx.models.paths import Path, PathItem
from csx.models.search import SearchEntry, SearchTerm
from csx.permalinks import SlugHistory, Withdrawal

__all__ = [
    "Content",
    "ContentQuerySet",
    "Path",
    "PathItem",
    "SearchEntry",
    "SearchTerm",
    "SlugHistory",
    "Source",
    "Status",
    "Withdrawal",
    "choices_constraint",
]
