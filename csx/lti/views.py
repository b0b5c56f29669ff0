"""The tool's addresses: its keys, the OIDC login, the launch, and the deep-linking picker.

A platform's POSTs carry their own proof (a signed id_token, the OIDC state, a nonce used
once), so they skip the CSRF check. Whatever is wrong with one (an unknown issuer, a bad
signature, an unknown deployment, a nonce seen before, a body that is not a launch at all)
answers a 403 page saying so, or 400 when the request is not an LTI message; never a 500.
"""

import logging
from datetime import timedelta

import jwt
import requests
from django.contrib.auth import login
from django.db import IntegrityError, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from pylti1p3.contrib.django import DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.exception import LtiException, OIDCException

from csx.lti import deep_linking, framing, launches, platforms, refusals
from csx.lti.models import UsedNonce
from csx.xapi import record

logger = logging.getLogger(__name__)
BACKEND = "django.contrib.auth.backends.ModelBackend"
NONCE_DAYS = 2
KEYS_SECONDS = 300
# What pylti1p3 raises, or lets through, for a message that is not what it claims.
REFUSED = (
    LtiException,
    OIDCException,
    jwt.PyJWTError,
    requests.RequestException,
    ValueError,
    TypeError,
)
REFUSED += (KeyError, AttributeError)


def refused(request, reason, status=403):
    """The page saying why, which any LMS may frame: it holds nothing that acts, and a
    launch is refused inside the LMS's iframe, where a browser's own "refused to connect"
    would say nothing."""
    logger.info("An LTI message was refused: %s", reason)
    response = render(request, "lti/refused.html", {"reason": reason}, status=status)
    return framing.framed_for(response, ["*"])


@require_safe
def jwks(request):
    """The tool's public keys, for every platform to check what the tool signs."""
    response = JsonResponse(platforms.tool_conf().get_jwks())
    response["Cache-Control"] = "public, max-age=300"
    return response


@csrf_exempt
@never_cache
def oidc_login(request):
    """Step one of a launch: the platform names itself, the tool answers with a redirect to the
    platform's authorisation page carrying a fresh state and nonce."""
    if not request.GET.get("iss", request.POST.get("iss")):
        return refused(request, "This address starts a launch from an LMS.", status=400)
    target = request.GET.get("target_link_uri", request.POST.get("target_link_uri"))
    if not target:
        return refused(request, "The LMS did not say what to open.", status=400)
    oidc = DjangoOIDCLogin(
        request, platforms.tool_conf(), launch_data_storage=platforms.launch_storage()
    )
    try:
        return oidc.redirect(request.build_absolute_uri(reverse("lti:launch")))
    except REFUSED as error:
        return refused(
            request, f"The LMS's sign-in request was not accepted. {refusals.in_words(error)}"
        )


@csrf_exempt
@require_POST
@never_cache
def launch(request):
    """Step two: the platform posts the signed id_token. A resource link signs the learner in
    and opens the item; a deep-linking request opens the picker."""
    if not request.POST.get("id_token") or not request.POST.get("state"):
        return refused(request, "This is not a launch from an LMS.", status=400)
    try:
        with platforms.TimedSession() as session:
            message = DjangoMessageLaunch(
                request,
                platforms.tool_conf(),
                launch_data_storage=platforms.launch_storage(),
                requests_session=session,
            )
            # A platform's keys, once fetched, serve its launches for KEYS_SECONDS (one request
            # less per launch); a key it rotates in is found once they expire.
            message.set_public_key_caching(platforms.launch_storage(), cache_lifetime=KEYS_SECONDS)
            data = message.get_launch_data()
            deep = message.is_deep_link_launch()
            resource = message.is_resource_launch()
    except REFUSED as error:
        return refused(request, refusals.in_words(error))
    if not used_once(data):
        return refused(request, "This launch was used already. Start again from the LMS.")
    if deep:
        if not launches.teaches(data):
            return refused(request, "Only an instructor of the course may add links to it.")
        return redirect("lti:deep_link", launch=message.get_launch_id())
    if not resource:
        return refused(request, "The library answers resource-link and deep-linking launches.")
    return admitted(request, data)


def used_once(data):
    """Record the launch's nonce; False when it was recorded before (a replay). Nonces older
    than NONCE_DAYS go: pylti1p3 keeps a login's nonce in the cache for a day, and refuses a
    launch whose nonce is no longer there."""
    UsedNonce.objects.filter(used_at__lt=timezone.now() - timedelta(days=NONCE_DAYS)).delete()
    try:
        with transaction.atomic():
            UsedNonce.objects.create(issuer=str(data["iss"])[:255], nonce=str(data["nonce"])[:255])
    except IntegrityError:
        return False
    return True


def admitted(request, data):
    with transaction.atomic():
        user, item, cohort = launches.admit(data, request.get_host())
        if item is not None:
            record.launched(user, item)
    login(request, user, backend=BACKEND)
    platform = launches.platform_of(data)
    framing.allow(request, launches.frame_origins(platform, data))
    if item is None:
        return redirect("learning:my_learning")
    if item._meta.model_name == "path" and cohort is not None:
        return redirect("learning:course_detail", slug=item.slug)
    return redirect(item.get_absolute_url())


@require_safe
@never_cache
def deep_link(request, launch):
    """The picker: the library's search over stories, principles, statistics and paths."""
    message = deep_linking.restored(request, launch)
    if message is None:
        raise Http404("This link picker has expired. Open it again from the LMS.")
    context = deep_linking.picker(request, launch)
    response = render(request, "lti/deep_link.html", context, status=context.pop("status", 200))
    return framing.framed_for(response, deep_linking.origins(message))


@csrf_exempt  # the launch id in the address is the proof: only the instructor's frame has it
@require_POST
@never_cache
def pick(request, launch):
    """The chosen item, sent back to the LMS as a signed deep-linking response."""
    message = deep_linking.restored(request, launch)
    if message is None:
        raise Http404("This link picker has expired. Open it again from the LMS.")
    item = deep_linking.chosen(request.POST.get("item", ""))
    if item is None:
        return refused(request, "Choose a story, principle, statistic or path.", status=400)
    context = deep_linking.response(request, message, item)
    response = render(request, "lti/deep_link_return.html", context)
    response = framing.framed_for(response, deep_linking.origins(message))
    response._csp_update = {"form-action": [platforms.origin(context["return_url"])]}
    return response
