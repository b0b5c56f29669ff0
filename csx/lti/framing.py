"""The library inside the LMS's frame, for the registered platforms only.

Every page refuses frames (X-Frame-Options: DENY, CSP frame-ancestors 'none'). A learner who
came in by an LTI launch walks the library inside the LMS's iframe, so their session carries
the origins of the platform that launched them (`allow()`, from the signed launch), and
`PlatformFramesMiddleware` lets exactly those origins frame the pages that session reads.
Nobody else's pages change: anonymous pages (the page cache's) never meet it, the admin keeps
its refusal, and an LTI learner is never staff.

In a browser, the session cookie reaches a frame on another site only when it is
`SameSite=None; Secure`: set CSX_LTI_IN_FRAMES=1 (https only; docs/lms.md).
"""

from django.conf import settings
from django.urls import Resolver404, resolve

SESSION_KEY = "lti_frame_origins"
REFUSED_NAMESPACES = {"admin"}


def allow(request, origins):
    request.session[SESSION_KEY] = list(origins)


def framed_for(response, origins):
    """`response` may be framed by `origins` (and by no one else)."""
    response.xframe_options_exempt = True
    response._csp_replace = {"frame-ancestors": list(origins) or ["'none'"]}
    return response


class PlatformFramesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Without a session cookie there is nothing to read, and reading the session would
        # add "Vary: Cookie" to anonymous pages.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return response
        session = getattr(request, "session", None)
        origins = session.get(SESSION_KEY) if session is not None else None
        user = getattr(request, "user", None)
        if not origins or user is None or not user.is_authenticated or user.is_staff:
            return response
        if getattr(response, "xframe_options_exempt", False) or in_admin(request):
            return response
        return framed_for(response, origins)


def in_admin(request):
    try:
        return resolve(request.path_info).namespace in REFUSED_NAMESPACES
    except Resolver404:
        return False
