"""Who may sign in, and how: editors in the admin (a lockout after repeated failures, an
authenticator code), learners and trainers on the site's own pages (a password, an invitation
link, or single sign-on through OpenID Connect)."""

import os

from csx.config.environment import env_flag, env_list

# Admin sign-in: django-axes locks a user name, and separately a client address, out after
# repeated failures (README, "Editors locked out"), counted in the database every app server
# shares. Behind a proxy the client's address is the one the proxy appended to
# X-Forwarded-For (csx/serving/client_address.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "csx.learning.sso.LearnerBackend",  # learners' single sign-on (below)
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("DJANGO_SIGNIN_LOCKOUT_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_LOCKOUT_CALLABLE = "csx.editorial.admin.signin.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "csx.serving.client_address.client_address"

# Staff sign-in: an authenticator code (TOTP, django-otp) besides the password, asked of
# anyone with a confirmed device (csx/editorial/admin/signin.py), and of every staff member when
# CSX_STAFF_OTP_REQUIRED is on. A staff session lasts a working day.
CSX_STAFF_OTP_REQUIRED = env_flag("CSX_STAFF_OTP_REQUIRED")
OTP_TOTP_ISSUER = "CSX Library"
# The admin lists, confirms and deletes authenticators; it never shows a key again (the QR
# code it would offer needs a package the library leaves out): add_totp_device gives one.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
SESSION_COOKIE_AGE = 10 * 60 * 60

# Learning (csx/learning): trainers' cohorts, learners invited by a signed link good for this
# many days. Learners and trainers sign in on the site's own pages, never the admin's.
LOGIN_URL = "learning:sign_in"
LOGIN_REDIRECT_URL = "learning:my_learning"
LOGOUT_REDIRECT_URL = "home"
LEARNING_INVITATION_DAYS = int(os.environ.get("CSX_LEARNING_INVITATION_DAYS", "14"))

# Learners' single sign-on through OpenID Connect (csx/learning/sso.py, mozilla-django-oidc):
# off unless the issuer and client id are set. No open sign-up: only invited addresses and
# learners' accounts come in, and new learners at the domains listed here.
LEARNING_OIDC_ISSUER = os.environ.get("CSX_OIDC_ISSUER", "").rstrip("/")
LEARNING_OIDC_NAME = os.environ.get("CSX_OIDC_NAME", "single sign-on")
LEARNING_OIDC_LEARNER_DOMAINS = [d.lower() for d in env_list("CSX_OIDC_LEARNER_DOMAINS", [])]
OIDC_RP_CLIENT_ID = os.environ.get("CSX_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("CSX_OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("CSX_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "learning:sso_callback"
AXES_WHITELIST_CALLABLE = "csx.learning.sso.not_a_password"
