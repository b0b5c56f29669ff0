"""The registered platforms (pylti1p3's LtiTool rows) as pylti1p3 reads them, the tool's key
pairs, and where launches keep their state between the login and the launch.

Keys: every platform gets its own RSA key pair when it is registered (`new_key()`); the
administrator never types or sees a private key. `/lti/jwks/` publishes the public halves.

State between /lti/login/ and /lti/launch/ (the OIDC state and nonce, then the validated
launch, which the deep-linking picker reads back) lives in the cache "lti", which every
process shares (Redis, or files on one machine), not the session:
the launch is a cross-site POST that a browser sends without the library's session cookie
unless that cookie is SameSite=None. pylti1p3 keys the cache with its own short-lived cookie,
set SameSite=None; Secure on https.
"""

from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.utils.crypto import get_random_string
from pylti1p3.contrib.django import DjangoDbToolConf
from pylti1p3.contrib.django.launch_data_storage.cache import DjangoCacheDataStorage
from pylti1p3.contrib.django.lti1p3_tool_config.models import LtiTool, LtiToolKey

KEY_BITS = 2048
TIMEOUT = 20  # seconds for each request to a platform


class TimedSession(requests.Session):
    """pylti1p3's requests carry no timeout; a platform that hangs must not hold a worker.
    Use it in a `with`: a session left open keeps its pooled connection until collected."""

    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        return super().request(*args, **kwargs)


def tool_conf():
    return DjangoDbToolConf()


def launch_storage():
    # Shared by every process (settings.CACHES["lti"]): the login and the launch, and the
    # launch and its picker, may reach different ones.
    return DjangoCacheDataStorage(cache_name="lti")


def new_key(title):
    """A fresh RSA key pair for the platform called `title`, saved (its public JWK too)."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    name = f"{title[:200]} ({get_random_string(8)})"
    return LtiToolKey.objects.create(name=name, private_key=private_pem, public_key=public_pem)


def origin(url):
    """`scheme://host[:port]` of `url`, or None when it is not an http(s) address."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def frame_origins(platform):
    """The origins whose pages may frame the library for `platform`: its issuer's and its
    login page's (Moodle and Canvas frame the tool from the site the learner is on)."""
    found = {origin(platform.issuer), origin(platform.auth_login_url)}
    return sorted(o for o in found if o)


def active():
    return LtiTool.objects.filter(is_active=True)
