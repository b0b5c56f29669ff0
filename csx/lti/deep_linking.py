"""Deep Linking: an instructor, inside the LMS's editor, picks an item with the library's own
search, and the pick goes back to the LMS as a signed deep-linking response.

The picker lives at /lti/deep-link/<launch id>/, the launch pylti1p3 validated and keeps in
the cache (csx/lti/platforms.py) for LAUNCH_LIFETIME; the id, random and known only to the
frame the LMS opened, is what lets the picker answer. A path goes back as an LTI resource
link with a line item (a gradebook column out of 1: its completion is the grade); a story,
principle or statistic as a resource link without one. Each link's custom parameter `item`
is the item's stable reference (`path:<slug>`), so a renamed slug still opens it. (An LMS
whose deep linking takes plain links only is refused at launch by pylti1p3, which requires
`ltiResourceLink` among the accepted types.)
"""

from django.core.paginator import InvalidPage
from django.urls import Resolver404, resolve, reverse
from pylti1p3.contrib.django import DjangoMessageLaunch
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.exception import LtiException
from pylti1p3.lineitem import LineItem

from csx import search
from csx.content import registry
from csx.content.permalinks import resolve_reference
from csx.lti import launches, platforms

KINDS = {name: search.KINDS[name] for name in launches.LAUNCHABLE}


def restored(request, launch):
    """The deep-linking launch `launch` names, or None once it has expired (or never was)."""
    if not launch.startswith("lti1p3-launch-") or len(launch) > 80:
        return None
    try:
        message = DjangoMessageLaunch.from_cache(
            launch, request, platforms.tool_conf(), launch_data_storage=platforms.launch_storage()
        )
        return message if message.is_deep_link_launch() else None
    except LtiException:
        return None


def origins(message):
    data = message.get_launch_data()
    return launches.frame_origins(launches.platform_of(data), data)


def reference_of(result):
    """`kind:slug` for a search result's address, when it is an item the picker offers."""
    try:
        match = resolve(result.url)
    except Resolver404:
        return None
    kind = registry.by_detail_url(match.view_name)
    if kind is None or kind.name not in KINDS or "slug" not in match.kwargs:
        return None
    return f"{kind.name}:{match.kwargs['slug']}"


def picker(request, launch):
    """The picker's context: the query, the kind chosen, and one page of results."""
    text = request.GET.get("q", "").strip()
    kind = request.GET.get("kind") or None
    context = {"launch": launch, "query": text, "kind": kind, "kinds": KINDS, "results": []}
    if kind is not None and kind not in KINDS:
        return context | {
            "error": "Choose stories, principles, statistics or paths.",
            "status": 400,
        }
    if not text:
        return context
    try:
        found = search.search(text, kind=kind, page=request.GET.get("page") or 1)
    except search.QueryError as error:
        return context | {"error": str(error), "status": 400}
    except InvalidPage:
        return context | {"error": "There is no such page of results.", "status": 404}
    results = [(result, reference_of(result)) for result in found.results]
    context["results"] = [(result, ref) for result, ref in results if ref]
    context["page"] = found.page
    return context


def chosen(value):
    """The published item the picker's `item` field names (`kind:slug`), or None."""
    prefix, _, slug = str(value).partition(":")
    if prefix not in KINDS or not slug or len(slug) > 200:
        return None
    return resolve_reference(prefix, slug)


def resource(request, item):
    kind = item._meta.model_name
    link = (
        DeepLinkResource()
        .set_url(request.build_absolute_uri(item.get_absolute_url()))
        .set_title(item.title)
        .set_custom_params({"item": f"{kind}:{item.slug}"})
    )
    if kind == "path":
        line_item = LineItem().set_score_maximum(1).set_label(item.title)
        link.set_lineitem(line_item.set_resource_id(f"path:{item.slug}"))
    return link


def response(request, message, item):
    """The auto-posted form's context: the LMS's return address and the signed JWT."""
    deep_link = message.get_deep_link()
    settings = message.get_launch_data()[
        "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
    ]
    return {
        "return_url": settings["deep_link_return_url"],
        "jwt": deep_link.get_response_jwt([resource(request, item)]),
        "item": item,
        "picker": reverse("lti:deep_link", kwargs={"launch": message.get_launch_id()}),
    }
