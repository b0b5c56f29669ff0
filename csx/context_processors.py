from django.urls import reverse

# (label, list page, URL names of the pages that belong to the section)
SECTIONS = [
    ("Stories", "stories:story_list", {"story_list", "story_detail"}),
    ("Principles", "principles:principle_list", {"principle_list", "principle_detail"}),
    ("Statistics", "principles:statistic_list", {"statistic_list", "statistic_detail"}),
    ("Companies", "stories:company_list", {"company_list", "company_detail"}),
    ("Resources", "principles:resource_list", {"resource_list"}),
    ("Paths", "paths:path_list", {"path_list", "path_detail", "path_step"}),
    ("Tags", "tag_list", {"tag_list", "tag_detail"}),
]


def navigation(request):
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match else None
    return {
        "navigation": [
            {"label": label, "url": reverse(name), "current": current in names}
            for label, name, names in SECTIONS
        ]
    }
