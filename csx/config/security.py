"""Production hardening, each switchable for a deployment that terminates TLS elsewhere: the
proxy in front, TLS and its cookies, HSTS, and the headers every answer carries
(Content-Security-Policy, Permissions-Policy, X-Frame-Options, Referrer-Policy)."""

import os

from csp.constants import NONE, SELF

from csx.config.environment import DEBUG, env_flag

# Behind a proxy that terminates TLS (README, "Running behind TLS") the proxy says which
# scheme the reader used; without DJANGO_BEHIND_PROXY=1 nobody may claim it.
BEHIND_PROXY = env_flag("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Whom rate limits count (csx/serving/client_address.py): behind the proxy, the client is the
# address the DJANGO_PROXY_HOPS'th proxy from the app server reports (1: one proxy).
PROXY_HOPS = max(1, int(os.environ.get("DJANGO_PROXY_HOPS", "1")))
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer checks /healthz over plain http: it is answered there, never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is a promise to browsers that is slow to take back: only when asked for.
SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Everything comes from this site; only the /embed/ cards may be framed (they replace
# frame-ancestors and drop X-Frame-Options themselves).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The browser features no page of the library uses, refused outright (full screen is the
# library's own, for presenting).
PERMISSIONS_POLICY = {
    "fullscreen": ["self"],
    **{
        feature: []
        for feature in [
            "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
            "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment",
            "publickey-credentials-get", "screen-wake-lock", "usb", "xr-spatial-tracking",
        ]
    },
}  # fmt: skip

# LTI 1.3 (csx/lti): inside an LMS's iframe a browser sends the session cookie only when it is
# SameSite=None (and Secure, so https): CSX_LTI_IN_FRAMES=1 in production (docs/lms.md).
if env_flag("CSX_LTI_IN_FRAMES"):
    SESSION_COOKIE_SAMESITE = "None"
    CSRF_COOKIE_SAMESITE = "None"
