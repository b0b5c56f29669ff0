from django.urls import reverse

from csx import registry


def navigation(request):
    """The main sections: every content type's list page, then tags."""
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match else None
    sections = [
        {"label": kind.plural, "url": reverse(kind.list_url_name), "current": kind.owns(current)}
        for kind in registry.TYPES
    ]
    sections.append(
        {
            "label": "Tags",
            "url": reverse("tag_list"),
            "current": current in {"tag_list", "tag_detail"},
        }
    )
    return {"navigation": sections}
