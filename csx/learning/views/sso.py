"""Single sign-on (csx/learning/sso.py): off to the provider, and back."""

from django.http import Http404
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from mozilla_django_oidc import views as oidc

from csx.learning import sso


class Configured:
    """Both pages are a 404 while single sign-on is not configured (a method they never
    serve is still a 405); settings are read per request, not when the view is made
    (mozilla-django-oidc reads them in __init__)."""

    http_method_names = ["get", "head"]
    get_settings = staticmethod(sso.setting)

    def __init__(self, **kwargs):
        for key, value in kwargs.items():
            setattr(self, key, value)

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() in self.http_method_names and not sso.configured():
            raise Http404("Single sign-on is not configured.")
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class Start(Configured, oidc.OIDCAuthenticationRequestView):
    def get(self, request):
        self.OIDC_OP_AUTH_ENDPOINT = sso.setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = sso.setting("OIDC_RP_CLIENT_ID")
        return super().get(request)


@method_decorator(never_cache, name="dispatch")
class Callback(Configured, oidc.OIDCAuthenticationCallbackView):
    def login_failure(self):
        """A page saying why, not a redirect: refused (the reason from sso.admit) or the
        sign-in did not complete (cancelled at the provider, or a link used twice)."""
        reason = getattr(self.request, "sso_refused", "failed")
        return render(self.request, "learning/sso_refused.html", {"reason": reason}, status=403)
