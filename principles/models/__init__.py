"""The knowledge side: principles, the practices under them, the evidence, the resources."""

from principles.models.principles import (
    Practice,
    Principle,
    PrincipleQuerySet,
    Resource,
    ResourceKind,
)
from principles.models.statistics import (
    Statistic,
    StatisticQuerySet,
    Verification,
    VerificationCheck,
    VerificationCheckQuerySet,
    with_article,
)

__all__ = [
    "Practice",
    "Principle",
    "PrincipleQuerySet",
    "Resource",
    "ResourceKind",
    "Statistic",
    "StatisticQuerySet",
    "Verification",
    "VerificationCheck",
    "VerificationCheckQuerySet",
    "with_article",
]
