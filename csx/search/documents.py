"""What the index holds, by kind: every searchable type of the registry (each item's own
`search_document()`, in four weighted fields: title > summary > keywords > body), and tags.
"""

from csx.content import registry

KINDS = {kind.name: kind.plural for kind in registry.TYPES if kind.searchable} | {"tag": "Tags"}
# Kinds whose pages gather other items and repeat their words: ranked after those items
# unless named (backends.GATHERS).
GATHERING_KINDS = ("company", "tag")
# What one result of each kind is called, above its title.
KIND_NAMES = {kind: kind.capitalize() for kind in KINDS}


def tag_document(tag):
    # No count: the entry stands while any item carrying the tag is live, and their number
    # changes with the times alone (the tag's page counts them as it is read).
    return {
        "title": tag.name,
        "summary": f"Tag: everything in the library tagged “{tag.name}”.",
        "keywords": "",
        "body": "",
    }
