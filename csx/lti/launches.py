"""What a validated resource-link launch does: who the LMS user is here, which cohort their
course is, what they came for, and where the grade for it goes.

- The LMS user (the platform's `sub`) gets a learner account of their own, made at the first
  launch and found again after: never an existing account matched by email, and no email
  kept (a platform must not be able to sign in as someone else), never staff, in the
  Learners group only.
- Their LMS course (the context id) is one Cohort per platform and course, made at the first
  launch. The cohort's trainer is the platform's own account ("lti-platform-<id>", inactive,
  no password): LMS instructors are not made library Trainers; they follow progress in the
  LMS's gradebook. An administrator who wants a library trainer to run the cohort moves it.
- Learners with an LMS role of Instructor, Administrator or Content developer are signed in as
  learners too (to preview what their course links to) but are not added to the cohort.
- What they came for: the custom parameter `item` (a stable reference, `path:<slug>`), else
  the target link URI when it is an item's address in this library. A path is assigned to the
  cohort; the learner lands on their own view of it.
"""

import hashlib
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import Resolver404, resolve
from django.utils import timezone

from csx.content import registry
from csx.content.permalinks import resolve_reference
from csx.learning import roles
from csx.learning.models import Assignment, Cohort
from csx.lti import platforms
from csx.lti.models import Account, Course, GradeLink

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
TEACHING_ROLES = ("#Instructor", "#Administrator", "#ContentDeveloper", "#Mentor")
# What a launch may open: the types Deep Linking offers.
LAUNCHABLE = ("story", "principle", "statistic", "path")


def claim(launch, name, default=None):
    value = launch.get(CLAIM + name, default)
    return value if isinstance(value, type(default)) or default is None else default


def teaches(launch):
    found = claim(launch, "roles", [])
    return any(isinstance(r, str) and r.endswith(TEACHING_ROLES) for r in found)


def platform_of(launch):
    return platforms.active().get(issuer=launch["iss"], client_id=audience(launch))


def audience(launch):
    aud = launch.get("aud")
    return aud[0] if isinstance(aud, list) and aud else aud


def account_for(platform, launch):
    """The learner account of the launch's LMS user, made at their first launch."""
    sub = str(launch.get("sub") or "")[:255]
    found = Account.objects.select_related("user").filter(platform=platform, sub=sub).first()
    if found is None:
        digest = hashlib.sha256(f"{platform.pk}:{sub}".encode()).hexdigest()[:24]
        name = launch.get("name") if isinstance(launch.get("name"), str) else ""
        try:
            with transaction.atomic():
                # No email kept: the library finds learners by email elsewhere (invitations,
                # single sign-on), and an LMS's word for an address is not a verified one.
                user = get_user_model().objects.create_user(
                    f"lti-{platform.pk}-{digest}", first_name=name[:150]
                )
                found = Account.objects.create(platform=platform, sub=sub, user=user)
        except IntegrityError:  # the same user's launch in another tab a moment ago
            found = Account.objects.select_related("user").get(platform=platform, sub=sub)
    roles.make_learner(found.user)
    return found


def platform_account(platform):
    """The inactive account that runs the cohorts of `platform`'s courses."""
    user, _ = get_user_model().objects.get_or_create(
        username=f"lti-platform-{platform.pk}",
        defaults={"first_name": platform.title[:150], "is_active": False},
    )
    return user


def cohort_for(platform, launch):
    """The cohort of the launch's LMS course (None for a launch from outside any course)."""
    context = claim(launch, "context", {})
    context_id = str(context.get("id") or "")[:255]
    if not context_id:
        return None
    title = str(context.get("title") or context.get("label") or context_id)[:120]
    found = Course.objects.select_related("cohort").filter(platform=platform, context_id=context_id)
    if found.exists():
        return found.get().cohort
    with transaction.atomic():
        cohort = Cohort.objects.create(name=title, trainer=platform_account(platform))
        try:
            with transaction.atomic():
                Course.objects.create(
                    platform=platform, context_id=context_id, title=title, cohort=cohort
                )
        except IntegrityError:  # made by a launch a moment ago
            cohort.delete()
            return Course.objects.get(platform=platform, context_id=context_id).cohort
    return cohort


def target(launch, host):
    """The published item the launch is for, or None: the custom parameter `item`
    (`path:<slug>`), else the target link URI when it addresses an item on `host`."""
    custom = claim(launch, "custom", {})
    reference = custom.get("item") if isinstance(custom.get("item"), str) else ""
    if reference:
        prefix, _, slug = reference.partition(":")
        return resolve_reference(prefix, slug) if prefix in LAUNCHABLE else None
    address = urlsplit(str(claim(launch, "target_link_uri", "")))
    if address.netloc and address.netloc != host:
        return None
    try:
        match = resolve(address.path or "/")
    except Resolver404:
        return None
    kind = registry.by_detail_url(match.view_name)
    if kind is None or kind.name not in LAUNCHABLE or "slug" not in match.kwargs:
        return None
    return resolve_reference(kind.name, match.kwargs["slug"])


def remember_grade(account, path, launch):
    """Keep where `path`'s completion is graded, when the launch came from a line item."""
    service = launch.get(AGS_CLAIM)
    if not isinstance(service, dict) or not isinstance(service.get("lineitem"), str):
        return
    GradeLink.objects.update_or_create(
        account=account,
        path=path,
        lineitem=service["lineitem"][:1024],
        defaults={"service": service, "updated": timezone.now()},
    )


def admit(launch, host):
    """(the user to sign in, the item launched or None) for a validated resource launch."""
    platform = platform_of(launch)
    account = account_for(platform, launch)
    item = target(launch, host)
    cohort = None if teaches(launch) else cohort_for(platform, launch)
    if cohort is not None:
        cohort.learners.add(account.user)
        if item is not None and item._meta.model_name == "path":
            Assignment.objects.get_or_create(cohort=cohort, path=item)
            remember_grade(account, item, launch)
    return account.user, item, cohort


def frame_origins(platform, launch):
    """Origins allowed to frame the library for this launch's session: the platform's, and
    the LMS site the launch names (Canvas's issuer is not the school's own Canvas address)."""
    found = set(platforms.frame_origins(platform))
    presentation = claim(launch, "launch_presentation", {})
    service = launch.get(AGS_CLAIM) if isinstance(launch.get(AGS_CLAIM), dict) else {}
    settings = launch.get("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings")
    settings = settings if isinstance(settings, dict) else {}
    for url in (
        presentation.get("return_url"),
        service.get("lineitems"),
        settings.get("deep_link_return_url"),
    ):
        found.add(platforms.origin(url) if isinstance(url, str) else None)
    return sorted(o for o in found if o)
