"""Every public route of the site, each with an address that reaches a real page of it."""

from django.contrib.auth.models import User
from django.urls import URLResolver, get_resolver, reverse
from taggit.models import Tag

from csx.content import registry
from csx.editorial import preview
from csx.learning import invitations
from csx.learning.models import Cohort, Invitation
from csx.models import Image, Source, Status
from csx.paths.models import PathItem
from tests.factories import make_image

# What a route's page needs in its query string to be the page itself, not its empty form.
QUERIES = {"search": "?q=service", "api:search": "?q=service", "oembed": "?url=/stories/{story}/"}


def public_routes(patterns=None, namespace=None, prefix=""):
    """(name, pattern) of every named route outside the admin."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            inner = pattern.namespace or namespace
            yield from public_routes(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern)


def kind_of(name):
    """The registry type whose page the route `name` shows ("stories:story_handout" → story)."""
    namespace, _, base = name.rpartition(":")
    if namespace == "embed":
        return registry.BY_NAME[base]
    return next((kind for kind in registry.TYPES if kind.owns(base)), None)


# Routes a reader's form posts to; the feedback panel's take nothing but POST, and neither
# do the API's writes.
API_WRITES = {"api:draft_create", "api:draft_submit", "api:feedback_create"}
# The learning side's forms (csx/learning): signing in, an invitation, a trainer's cohorts.
LEARNING_FORMS = {"learning:sign_in", "learning:invitation", "learning:cohort_create"}
LEARNING_FORMS |= {"learning:copy_list"}
LEARNING_POSTS = {
    "learning:sign_out", "learning:step_done", "learning:step_check", "learning:invite",
    "learning:assign",
}  # fmt: skip
LEARNING_POSTS |= {"learning:copy_step", "learning:confirm_path", "learning:confirm_step"}
POSTED = {"feedback:share", "feedback:vote", "feedback:detail", *API_WRITES, *LEARNING_FORMS}
POSTED |= LEARNING_POSTS
# Single sign-on's pages are a 404 unless a provider is configured (tests/learning/test_sso.py
# walks them with one).
CONFIGURED_ONLY = {"learning:sso", "learning:sso_callback"}
# The LTI tool's steps answer a platform's launch (tests/lti/ walks them with a real one): the
# login without one is a 400, the picker without a launch a 404. A platform may POST the login.
LTI_POSTS = {"lti:launch", "lti:pick"}
CONFIGURED_ONLY |= {"lti:login", "lti:deep_link", *LTI_POSTS}
POSTED |= {"lti:login", *LTI_POSTS}
POST_ONLY = {"feedback:vote", "feedback:detail", *API_WRITES, *LEARNING_POSTS, *LTI_POSTS}


def sample_of(kind):
    """A published item of `kind`: the library's first, or, for a type it holds none of (a
    new type with no seed yet), one made with only the fields every type has."""
    found = kind.model.objects.published().first()
    if found is not None:
        return found
    return kind.model.objects.create(
        title=f"A {kind.name} for the route tests", slug=f"sample-{kind.name}",
        summary="What every type has.", body="Its text.", status=Status.PUBLISHED,
    )  # fmt: skip


def an_invitation():
    """An invitation to a cohort, not yet accepted, from a trainer made for it."""
    trainer, _ = User.objects.get_or_create(username="route-trainer")
    cohort = Cohort.objects.create(name="Route tests", trainer=trainer)
    return Invitation.objects.create(cohort=cohort, email="invited@example.com", invited_by=trainer)


def sample_picture():
    """A picture in the library: its first, or one uploaded now."""
    return Image.objects.first() or make_image(slug="route-sample")


def sample_urls():
    """{route name: the address of one page of it}, for a library holding a published item
    of every type and a source, with a path of at least one step (the seed, say). The path's
    first step is given the legacy number 1, which addresses from before steps had their own
    use."""
    items = {kind.name: sample_of(kind) for kind in registry.TYPES}
    tag = Tag.objects.filter(slug__in=items["story"].tags.values("slug")).first()
    source = Source.objects.first()
    step = items["path"].steps().first()
    PathItem.objects.filter(pk=step.pk).update(legacy_number=1)
    urls = {}
    for name, pattern in public_routes():
        kwargs = {}
        if "<slug:slug>" in pattern or "<str:slug>" in pattern:
            kind = kind_of(name)
            kwargs["slug"] = (
                items[kind.name].slug
                if kind and not name.endswith("_tagged")  # a type's items carrying a tag
                else source.slug
                if name.rpartition(":")[2].startswith("source_")
                else tag.slug
            )
        if "<int:step>" in pattern:
            kwargs["step"] = 1
        if "<int:pk>" in pattern:  # a draft the API sends for review
            kwargs["pk"] = items["story"].pk
        if "<int:item>" in pattern:  # a step of a trainer's copy of a path
            kwargs["item"] = step.pk
        if "<int:number>" in pattern:
            kwargs["number"] = step.number
        if "<int:assignment>" in pattern:  # a path assigned to a cohort (the trainer's report)
            kwargs["assignment"] = 1
        if "<str:code>" in pattern:
            kwargs["code"] = items["story"].short_code
        if "<str:segment>" in pattern:  # a page's preview picture: /og/stories/<slug>.png
            kwargs.update(segment=registry.BY_NAME["story"].segment, slug=items["story"].slug)
        if "<path:name>" in pattern:  # a rendition of a picture in the library (csx/media)
            kwargs["name"] = sample_picture().renditions["whole"][0][2]
        if "<str:token>" in pattern:  # a share link to a draft's preview
            kwargs["token"] = preview.share_token(items["story"])
        if "<slug:section>" in pattern:  # a file of the sitemap's index: the stories'
            kwargs["section"] = registry.BY_NAME["story"].segment
        if "<str:launch>" in pattern:  # an LTI deep-linking launch (csx/lti), long expired
            kwargs["launch"] = "lti1p3-launch-00000000-0000-4000-8000-000000000000"
        if "<str:key>" in pattern:  # an invitation's link (csx/learning/invitations.py)
            kwargs["key"] = invitations.token(an_invitation())
        query = QUERIES.get(name, "").format(story=items["story"].slug)
        urls[name] = reverse(name, kwargs=kwargs) + query
    return urls
