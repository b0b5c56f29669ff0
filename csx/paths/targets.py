"""What a path step can show, as one choice: "story:12", "principle:3"... (the kinds of
csx/content/registry.py with `path_target`), found by title for the path builder's search box."""

from csx.content import registry
from csx.editorial.admin.filters import title_first
from csx.paths.models import TARGETS, PathItem

PER_KIND = 8  # search results of each kind


def value_of(item):
    return f"{registry.of(item).name}:{item.pk}" if item is not None else ""


def find(value):
    """The item a "kind:id" value names, or None."""
    kind, _, pk = (value or "").partition(":")
    if kind not in TARGETS or not pk.isdigit():
        return None
    return PathItem.target_model(kind).objects.filter(pk=pk).first()


def label(item):
    """How the builder names an item: its title, and its state when readers cannot see it."""
    return str(item) if item.is_published else f"{item} ({item.state.label.lower()})"


def search(term):
    """[(kind's plural, [(value, label)])] for the kinds with items matching `term`."""
    groups = []
    for name in TARGETS:
        kind = registry.BY_NAME[name]
        items = title_first(kind.model.objects.filter(title__icontains=term.strip()), term)
        found = [(value_of(item), label(item)) for item in items[:PER_KIND]]
        if found:
            groups.append((kind.plural, found))
    return groups
