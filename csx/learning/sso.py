"""Learners' single sign-on through OpenID Connect (mozilla-django-oidc), when configured.

Off unless CSX_OIDC_ISSUER and CSX_OIDC_CLIENT_ID are set (then the sign-in page shows no
button and /learning/sso/ is a 404). The provider's endpoints come from its discovery
document, read once per issuer. Who may come in is decided by `admit()`, on the email the
provider says it has verified:

- pending invitations to that address: the person joins each cohort (an account is made for
  them if they have none), the invitations marked accepted;
- a learner's account with that address: signed in;
- an address at a domain in CSX_OIDC_LEARNER_DOMAINS: a new learner, in no cohort yet;
- anyone else is refused (`Refused`, shown on a page saying why): there is no open sign-up.
  Staff never come in this way, whatever their address: the admin keeps its password and
  authenticator code, and a provider's say-so must not open it.
"""

import functools

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from csx.learning import invitations, roles
from csx.learning.models import Invitation

# The setting mozilla-django-oidc asks for, and the discovery document's name for it.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


class Refused(Exception):
    """The provider vouched for someone this site does not let in; `reason` says why:
    "unverified", "staff" or "unknown"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def configured():
    return bool(settings.LEARNING_OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


@functools.lru_cache(maxsize=4)
def discovery(issuer):
    response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10)
    response.raise_for_status()
    return response.json()


def setting(name, *default):
    """A setting for mozilla-django-oidc: the endpoints from the issuer's discovery
    document, the rest from Django's settings."""
    if name in ENDPOINTS:
        return discovery(settings.LEARNING_OIDC_ISSUER)[ENDPOINTS[name]]
    return import_from_settings(name, *default)


def pending_invitations(email):
    """The invitations to `email` still waiting, and not older than an emailed link lasts."""
    since = timezone.now() - timezone.timedelta(days=settings.LEARNING_INVITATION_DAYS)
    return Invitation.objects.pending().filter(email__iexact=email, created__gte=since)


def admit(email, name=""):
    """The learner the provider's verified `email` signs in as, joined to the cohorts that
    invited it; `Refused` for anyone else."""
    account = invitations.account_with(email)
    if account is not None and (account.is_staff or account.is_superuser):
        raise Refused("staff")
    waiting = list(pending_invitations(email))
    domain = email.rpartition("@")[2].lower()
    if account is None:
        if not waiting and domain not in settings.LEARNING_OIDC_LEARNER_DOMAINS:
            raise Refused("unknown")
        with transaction.atomic():
            account = get_user_model().objects.create_user(
                email.lower(), email=email, first_name=name[:150]
            )  # no password: this person signs in through the provider
            roles.make_learner(account)
    elif not waiting and not roles.is_learner(account):
        raise Refused("unknown")
    for invitation in waiting:
        invitations.accept(invitation, account)
    return account


def not_a_password(request, credentials=None):
    """django-axes' AXES_WHITELIST_CALLABLE: a single sign-on is no password guess. Counted,
    a few refused people behind one office address would lock that address out of the
    password sign-in and the admin."""
    return (
        credentials is not None and "code_verifier" in credentials and "password" not in credentials
    )


class LearnerBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, with who may come in decided by `admit()`.

    Its settings are read at sign-in, not on start: Django makes every backend for every
    sign-in, the password one included, and the provider may be off or away then."""

    get_settings = staticmethod(setting)

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()

    def authenticate(self, request, nonce=None, code_verifier=None):
        # A password sign-in passes a username and password, which this signature refuses,
        # so Django never asks this backend about one.
        if request is None or not configured():
            return None
        for name in ENDPOINTS:
            setattr(self, name, setting(name))
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        try:
            if not claims.get("email") or claims.get("email_verified") is not True:
                raise Refused("unverified")
            return admit(claims["email"], claims.get("name") or "")
        except Refused as refusal:
            self.request.sso_refused = refusal.reason
            return None
