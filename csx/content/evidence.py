"""How a reader can know a fact is true, in the same words wherever the fact travels.

A statistic carries its verification state, a story its provenance grade (each type's
`evidence_field`). Cards, pages, search results, embeds, oEmbed, citations, handouts and the
feed show it through `includes/evidence.html` (HTML) or `str(item.evidence)` (plain text).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.urls import Resolver404, resolve
from django.utils.text import capfirst

from csx.content import registry


@dataclass(frozen=True)
class Evidence:
    heading: str  # what the label answers: "Verification", "How we know it"
    value: str  # the state or grade itself, for styling: "checked", "retold"
    label: str  # in words: "Checked against the primary source"

    def __str__(self):
        return f"{self.heading}: {self.label}"


def of(item):
    """The Evidence of `item`, or None for a type that carries none."""
    name = type(item).evidence_field
    if name is None:
        return None
    field = item._meta.get_field(name)
    return Evidence(
        heading=capfirst(field.verbose_name),
        value=getattr(item, name),
        label=getattr(item, f"get_{name}_display")(),
    )


def attach_to_results(results):
    """Give each search result whose type carries evidence its `evidence`: one query per
    such type on the page. (The index holds words, not states, so they are read here.)"""
    wanted = defaultdict(dict)
    for result in results:
        kind = registry.BY_NAME.get(result.kind)
        result.evidence = None
        if kind is None or kind.model.evidence_field is None:
            continue
        try:
            slug = resolve(result.url).kwargs["slug"]
        except (Resolver404, KeyError):
            continue
        wanted[kind.model][slug] = result
    for model, by_slug in wanted.items():
        for item in model.objects.filter(slug__in=by_slug).only("slug", model.evidence_field):
            by_slug[item.slug].evidence = item.evidence
